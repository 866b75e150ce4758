// Exposure in the App (issue 11, Proof), against the fake GitHub API (nock, test/github/helpers.ts): a public
// repository with forks raises severity one level and says so; a private one does not; an expired token is never
// raised; the API calls stay bounded on a long history (1 listing of the PR's commits + at most 10 file histories).
import type { Probot } from "probot";
import * as h from "../github/helpers.js";
import { fakeSig, fakeSigEncoded } from "../support/fake-secrets.js";

const { R } = h;
const harness = h.useHarness();
let probot: Probot;
beforeEach(() => {
  probot = harness.probot();
});

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const RUN = 7373;

/** GitHub's documented pull_request payload with the repository's visibility and forks set explicitly. */
function prPayload(repo: { private: boolean; visibility: string; forks: number }) {
  const p = h.fixture("pull_request.opened.json");
  return { ...p, repository: { ...p.repository, private: repo.private, visibility: repo.visibility, forks_count: repo.forks, forks: repo.forks } };
}
const PUBLIC_WITH_FORKS = { private: false, visibility: "public", forks: 3 };
const PRIVATE = { private: true, visibility: "private", forks: 0 };

/** A read-only container SAS valid until 2030: medium on its own (SEVERITY.md), high once public. */
function mediumToken(seed: string): string {
  h.planted.add(fakeSig(seed));
  return `https://reportsacct.blob.core.windows.net/reports?sv=2022-11-02&sr=c&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=${fakeSigEncoded(seed)}`;
}
/** A full-control container SAS that expired in 2025: info, whatever the repository. */
function expiredToken(seed: string): string {
  h.planted.add(fakeSig(seed));
  return `https://oldacct.blob.core.windows.net/backups?sv=2022-11-02&sr=c&sp=rwdl&se=2025-06-01T00:00:00Z&spr=https&sig=${fakeSigEncoded(seed)}`;
}

const ADDED: h.CommitSpec = { sha: h.sha("adds-the-token"), date: "2026-10-01T00:00:00Z", login: "octo-dev" };
const LATER: h.CommitSpec = { sha: HEAD, date: "2026-11-20T00:00:00Z", login: "octo-dev" };
const BEFORE_PR: h.CommitSpec = { sha: h.sha("before-the-pr"), date: "2025-01-01T00:00:00Z", login: "someone" };

function nockScan(files: ReturnType<typeof h.prFile>[], { review = true } = {}): void {
  h.nockScanStart(HEAD, RUN);
  h.api().get(`${R}/pulls/2/files`).query({ per_page: "100" }).reply(200, files);
  h.nockUpdateCheckRun(RUN);
  if (review) h.nockReview(2);
  else h.api().get(`${R}/pulls/2/comments`).query({ per_page: "100" }).reply(200, []);
}

/** The PR has two commits; the file's history has them and one older commit from before the PR. */
function nockHistory(paths: string[]): void {
  h.nockPrCommits([ADDED, LATER]);
  for (const p of paths) h.nockFileHistory(HEAD, p, [LATER, ADDED, BEFORE_PR]);
}

const done = () => h.checkRunWrites().find((c) => c.method === "PATCH" && c.body.status === "completed")!.body;
const review = () => h.calls.find((c) => c.method === "POST" && c.path === `${R}/pulls/2/reviews`)?.body;

describe("App exposure: visibility and the public-repository rule", () => {
  test("public repository with 3 forks: medium → high, failure, and the reason says public and the forks", async () => {
    const url = mediumToken("app-public");
    nockScan([h.prFile({ filename: "config/reports.env", patch: h.patchAdding([`REPORTS=${url}`]) })]);
    nockHistory(["config/reports.env"]);

    await h.deliver(probot, "pull_request", prPayload(PUBLIC_WITH_FORKS));

    const body = done();
    expect(body.conclusion).toBe("failure"); // failOn: high
    expect(body.output.title).toMatch(/^High: /);
    expect(body.output.annotations).toEqual([
      expect.objectContaining({ path: "config/reports.env", start_line: 1, annotation_level: "failure", title: expect.stringMatching(/^High: /) }),
    ]);
    expect(body.output.summary).toContain("**1 Azure credential found** (1 high)."); // one high, no medium
    expect(body.output.summary).toContain(
      "- The repository is public and has 3 forks: anyone on the internet could read this token, and copies may live on in forks, mirrors and archives.",
    );
    // the oldest PR commit that touched the file, not the file's first commit from before the PR
    expect(body.output.summary).toContain(
      `- **Exposure:** Exposed since 2026-10-01 (1 month) in commit ${ADDED.sha.slice(0, 7)} by octo-dev; public repository with 3 forks.`,
    );
    expect(body.output.summary).toMatch(
      /Investigate: query the storage account `reportsacct`'s resource logs in Azure Monitor \(StorageBlobLogs\) .*from 2026-10-01 until you revoke it/,
    );
    expect(review()!.comments[0].body).toContain(
      `Exposed since 2026-10-01 (1 month) in commit ${ADDED.sha.slice(0, 7)} by octo-dev; public repository with 3 forks.`,
    );
  });

  test("private repository: the same token stays medium (neutral, no failure), no public-repository reason", async () => {
    const url = mediumToken("app-private");
    nockScan([h.prFile({ filename: "config/reports.env", patch: h.patchAdding([`REPORTS=${url}`]) })]);
    nockHistory(["config/reports.env"]);

    await h.deliver(probot, "pull_request", h.privateRepo(prPayload(PRIVATE)));

    const body = done();
    expect(body.conclusion).toBe("neutral"); // a finding below failOn
    expect(body.output.title).toMatch(/^Medium: /);
    expect(body.output.annotations).toEqual([expect.objectContaining({ annotation_level: "warning", title: expect.stringMatching(/^Medium: /) })]);
    expect(body.output.summary).toContain("**1 Azure credential found** (1 medium).");
    expect(body.output.summary).not.toContain("The repository is public");
    // the finding's detail section and the review comment carry the exposure (the table stays five short columns)
    expect(body.output.summary).toMatch(/\| Medium \| \[config\/reports\.env:1\]\([^)]*\) \| service SAS \| read and list access of container `reports`/);
    expect(body.output.summary).toContain(
      `- **Exposure:** Exposed since 2026-10-01 (1 month) in commit ${ADDED.sha.slice(0, 7)} by octo-dev; private repository.`,
    );
    expect(review()!.comments[0].body).toContain(`Exposed since 2026-10-01 (1 month) in commit ${ADDED.sha.slice(0, 7)} by octo-dev; private repository.`);
  });

  test("internal repository (GitHub Enterprise): not public, not raised", async () => {
    const url = mediumToken("app-internal");
    nockScan([h.prFile({ filename: "a.env", patch: h.patchAdding([`X=${url}`]) })]);
    nockHistory(["a.env"]);

    await h.deliver(probot, "pull_request", prPayload({ private: true, visibility: "internal", forks: 2 }));

    expect(done().output.title).toMatch(/^Medium: /);
    expect(done().output.summary).not.toContain("The repository is public");
    expect(review()!.comments[0].body).toContain("; internal repository with 2 forks.");
  });

  test("an expired token in a public repository is not raised: info stays info, no public-repository reason", async () => {
    const url = expiredToken("app-expired");
    nockScan([h.prFile({ filename: "backup.sh", patch: h.patchAdding([`curl "${url}"`]) })], { review: false });
    nockHistory(["backup.sh"]);

    await h.deliver(probot, "pull_request", prPayload(PUBLIC_WITH_FORKS));

    const body = done();
    expect(body.output.summary).toContain("**1 Azure credential found** (1 info)."); // one info
    expect(body.output.summary).not.toContain("The repository is public and has 3 forks: anyone");
    expect(body.output.summary).toMatch(/\| Info \| \[[^\]]*\]\([^)]*\) \| service SAS \| /);
    expect(body.output.summary).toContain("- **Exposure:** Exposed since 2026-10-01");
    expect(body.conclusion).toBe("neutral");
    expect(body.output.annotations).toEqual([expect.objectContaining({ annotation_level: "notice", title: expect.stringMatching(/^Info: /) })]);
  });

  test("an exposure lookup that fails does not fail the scan: visibility still applies, the window is left unknown", async () => {
    const url = mediumToken("app-lookup-fails");
    nockScan([h.prFile({ filename: "a.env", patch: h.patchAdding([`X=${url}`]) })]);
    h.api().get(`${R}/pulls/2/commits`).query({ per_page: "100" }).times(4).reply(500, { message: "Server Error" }); // plugin-retry: 1 + 3 retries
    h.api().get(`${R}/commits`).query({ sha: HEAD, path: "a.env", per_page: "100" }).times(4).reply(500, { message: "Server Error" }); // plugin-retry: 1 + 3 retries

    await h.deliver(probot, "pull_request", prPayload(PUBLIC_WITH_FORKS));

    const body = done();
    expect(body.conclusion).toBe("failure");
    expect(body.output.title).toMatch(/^High: /);
    // the window is unknown; that the repository is public is said once, by the reason, not again as "Exposure"
    expect(body.output.summary).toContain("- The repository is public and has 3 forks: anyone on the internet could read this token");
    expect(body.output.summary).not.toContain("- **Exposure:** The repository is public with 3 forks.");
    expect(body.output.summary).toContain("from the day it was first committed until you revoke it");
  });
});

describe("App exposure: bounded API calls", () => {
  test("15 files with findings on a long history: exactly 1 PR-commits listing + 10 file histories, never more", async () => {
    const files = Array.from({ length: 15 }, (_, i) => `leaks/f${String(i).padStart(2, "0")}.env`);
    nockScan(files.map((f, i) => h.prFile({ filename: f, patch: h.patchAdding([`A=1`, `URL=${mediumToken(`bounded-${i}`)}`]) })));
    // a long history: 100 commits per file (one full page; the App never asks for a second)
    const history = Array.from({ length: 100 }, (_, i) => ({
      sha: h.sha(`hist-${i}`),
      date: new Date(Date.UTC(2026, 10, 20) - i * 86_400_000).toISOString(),
      login: "dev",
    }));
    h.nockPrCommits([history[0]]);
    for (const f of files.slice(0, 10)) h.nockFileHistory(HEAD, f, history);

    await h.deliver(probot, "pull_request", prPayload(PUBLIC_WITH_FORKS));

    const exposureCalls = h
      .budgetCalls()
      .filter((c) => c.method === "GET" && (c.path.startsWith(`${R}/commits?`) || c.path.startsWith(`${R}/pulls/2/commits`)));
    expect(exposureCalls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `GET ${R}/pulls/2/commits?per_page=100`,
      ...files.slice(0, 10).map((f) => h.fileHistoryLine(HEAD, f)),
    ]);
    expect(exposureCalls).toHaveLength(1 + 10);
    // the whole scan: check-runs lookup, create, files, 11 exposure calls, completion, comment listing, review
    expect(h.budgetCalls()).toHaveLength(3 + 11 + 3);

    const summary = done().output.summary as string;
    // every finding is raised (visibility comes with the webhook, no call needed) …
    expect(summary).toContain("**15 Azure credentials found** (15 high).");
    // … but only the first ten files have a first commit
    expect(summary.match(/- \*\*Exposure:\*\* Exposed since 2026-11-20 \(5 days\) in commit /g)).toHaveLength(10);
    expect(summary.match(/- The repository is public and has 3 forks: /g)).toHaveLength(15);
  });

  test("a clean PR makes no exposure call at all", async () => {
    nockScan([h.prFile({ filename: "a.txt", patch: h.patchAdding(["nothing here"]) })], { review: false });

    await h.deliver(probot, "pull_request", prPayload(PUBLIC_WITH_FORKS));

    expect(h.callLines().filter((l) => l.includes("/commits?") || l.includes("/pulls/2/commits"))).toEqual([]);
    expect(done().conclusion).toBe("success");
  });
});

describe("App exposure: pushes", () => {
  const AFTER = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";
  const BEFORE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";

  test("a push to the default branch: still on master; the window stops at the push's base", async () => {
    const url = mediumToken("push-default");
    const payload = { ...h.fixture("push.json"), ref: "refs/heads/master", created: false, before: BEFORE };
    h.nockScanStart(AFTER, RUN);
    h.api()
      .get(`${R}/compare/${BEFORE}...${AFTER}`)
      .query({ per_page: "1" })
      .reply(200, { merge_base_commit: { sha: BEFORE }, files: [h.prFile({ filename: "deploy/env", patch: h.patchAdding([`URL=${url}`]) })] });
    h.nockFileHistory(AFTER, "deploy/env", [
      { sha: AFTER, date: "2026-11-24T00:00:00Z", login: "pusher" },
      { sha: BEFORE, date: "2026-11-01T00:00:00Z", login: "pusher" },
      { sha: h.sha("ancient"), date: "2019-01-01T00:00:00Z", login: "pusher" },
    ]);
    h.nockUpdateCheckRun(RUN);

    await h.deliver(probot, "push", payload);

    const body = done();
    // push.json's repository: public, 1 fork
    expect(body.output.title).toMatch(/^High: /);
    expect(body.output.summary).toContain(
      `- **Exposure:** Exposed since 2026-11-24 (1 day) in commit ${AFTER.slice(0, 7)} by pusher, still on master; public repository with 1 fork.`,
    );
  });
});
