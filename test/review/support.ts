// Shared pieces of the review-comment tests (issue 5), on top of test/github/helpers.ts: pull request payloads
// for a PRIVATE repository (so exposure adds no "public repository" reason), the exposure look-ups every scan
// with findings makes, the review listing/posting interceptors, and the OpenAPI check of a review body.
import nock from "nock";
import * as h from "../github/helpers.js";
import { fakeAccountKey, fakeSig, fakeSigEncoded } from "../support/fake-secrets.js";

export const { R, OWNER, REPO } = h;
export const PULL = 2;
export const RUN = 4242;
/** The head of pull_request.opened.json. */
export const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

export interface PayloadOptions {
  action?: "opened" | "synchronize" | "reopened" | "ready_for_review";
  head?: string;
  before?: string;
  draft?: boolean;
}

/** GitHub's documented pull_request payload, made private (visibility "private"), with the head and draft flag we want. */
export function prPayload(o: PayloadOptions = {}): any {
  const action = o.action ?? "opened";
  const p = h.fixture(action === "synchronize" ? "pull_request.synchronize.json" : "pull_request.opened.json");
  p.action = action;
  p.repository.private = true;
  p.repository.visibility = "private";
  p.pull_request.draft = o.draft ?? false;
  p.pull_request.head.sha = o.head ?? HEAD;
  if (action === "synchronize") {
    p.after = o.head ?? HEAD;
    p.before = o.before ?? p.before;
  }
  return p;
}

/** Token, config (repo file or 404 + org 404), no check run yet for `head`, run created. */
export function nockStart(head = HEAD, configYaml: string | null = null): void {
  h.nockScanStart(head, RUN, configYaml);
}

export function nockFiles(files: ReturnType<typeof h.prFile>[]): void {
  h.api().get(`${R}/pulls/${PULL}/files`).query({ per_page: "100" }).reply(200, files);
}

/**
 * The exposure look-ups of a scan with findings (src/github/lookup-exposure.ts): the PR's commits, then one
 * file-history call per file with a finding (at most 10). Both answer "nothing known", so the exposure is only
 * "The repository is private." and the investigation step.
 */
export function nockExposure(paths: string[], head = HEAD): void {
  h.api().get(`${R}/pulls/${PULL}/commits`).query({ per_page: "100" }).reply(200, []);
  for (const path of paths) h.api().get(`${R}/commits`).query({ sha: head, path, per_page: "100" }).reply(200, []);
}

/** GET pulls/{n}/comments: our earlier comments (or none). */
export function nockListComments(comments: unknown[] = []): void {
  h.api().get(`${R}/pulls/${PULL}/comments`).query({ per_page: "100" }).reply(200, comments);
}

export function nockPostReview(status = 200, body: unknown = { id: 77 }, headers?: Record<string, string>): void {
  h.api().post(`${R}/pulls/${PULL}/reviews`).reply(status, body, headers);
}

export const findCalls = (method: string, path: string) => h.calls.filter((c) => c.method === method && c.path.replace(/\?.*/, "") === path);
export const reviewPosts = () => findCalls("POST", `${R}/pulls/${PULL}/reviews`);
/** The one review body the event posted (asserts there is exactly one), checked against GitHub's OpenAPI schema. */
export function theReview(): any {
  const posts = reviewPosts();
  expect(posts).toHaveLength(1);
  h.validateBody("pulls/create-review", posts[0].body);
  return posts[0].body;
}

/** A review comment of ours as GET pulls/{n}/comments lists it (the fields the App reads, plus GitHub's usual ones). */
export function listedComment(id: number, path: string, line: number, body: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    node_id: `PRRC_${id}`,
    pull_request_review_id: 77,
    path,
    line,
    side: "RIGHT",
    original_line: line,
    commit_id: HEAD,
    original_commit_id: HEAD,
    diff_hunk: "@@ -1,2 +1,3 @@",
    user: { login: "sas-guard[bot]", id: 9, type: "Bot" },
    body,
    created_at: "2026-11-24T10:00:00Z",
    updated_at: "2026-11-24T10:00:00Z",
    html_url: `https://github.com/${OWNER}/${REPO}/pull/${PULL}#discussion_r${id}`,
    pull_request_url: `https://api.github.com${R}/pulls/${PULL}`,
    author_association: "NONE",
    ...extra,
  };
}

export { nock };

// ---- fake tokens of several severities (signatures and keys from test/support/fake-secrets.ts, registered for the leak check)

/** A service SAS URL on acct.blob.core.windows.net with a fresh fake signature. */
export function serviceSas(seed: string, path: string, q: string, sp: string, se: string): string {
  h.planted.add(fakeSig(seed));
  return `https://acct.blob.core.windows.net${path}?sv=2022-11-02&${q}&sp=${sp}&se=${se}&spr=https&sig=${fakeSigEncoded(seed)}`;
}

/** A storage connection string with a fresh fake account key. */
export function connectionString(seed: string, account = "acct2"): string {
  const key = fakeAccountKey(seed);
  h.planted.add(key);
  return `DefaultEndpointsProtocol=https;AccountName=${account};AccountKey=${key};EndpointSuffix=core.windows.net`;
}

export const tokens = {
  /** Account SAS, every service and permission, until 2051: critical. */
  critical: (seed: string) => h.criticalToken(seed),
  /** Storage connection string with the account key: critical. */
  key: (seed: string) => connectionString(seed),
  /** Container write until 2029: critical. */
  containerWrite: (seed: string) => serviceSas(seed, "/reports", "sr=c", "rwl", "2029-01-01T00:00:00Z"),
  /** One blob, write, until 2029: high. */
  blobWrite: (seed: string) => serviceSas(seed, "/reports/q3.pdf", "sr=b", "w", "2029-01-01T00:00:00Z"),
  /** One blob, read, until 2029: medium. */
  blobRead: (seed: string) => serviceSas(seed, "/reports/q3.pdf", "sr=b", "r", "2029-01-01T00:00:00Z"),
  /** One blob, read, for three days: low (below comments.minSeverity). */
  blobReadShort: (seed: string) => serviceSas(seed, "/reports/q3.pdf", "sr=b", "r", "2026-11-28T00:00:00Z"),
};

/**
 * POST pulls/{n}/reviews answered like GitHub: 422 "Line could not be resolved" when any comment is not on a line
 * of the pull request's diff (`diff`: path → new-file lines of its hunks), or uses `position` instead of
 * `line` + `side`; otherwise 200.
 */
export function nockPostReviewLikeGitHub(diff: Record<string, number[]>): void {
  h.api()
    .post(`${R}/pulls/${PULL}/reviews`)
    .reply(async (req: Request) => {
      const body = JSON.parse((await req.text()) || "null");
      const bad = (body.comments ?? []).filter((c: any) => c.position !== undefined || c.side !== "RIGHT" || !diff[c.path]?.includes(c.line));
      if (bad.length > 0) {
        return [
          422,
          {
            message: "Unprocessable Entity",
            errors: ["Line could not be resolved"],
            documentation_url: "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request",
            status: "422",
          },
        ];
      }
      return [200, { id: 77, state: body.event === "REQUEST_CHANGES" ? "CHANGES_REQUESTED" : "COMMENTED", commit_id: body.commit_id }];
    });
}
