// Test harness for the GitHub App: a Probot instance with the real app (src/index.ts, fast blob retries), nock
// interceptors for api.github.com, and a recorder of every request GitHub would have received (method, path,
// parsed body), so tests can assert exact bodies AND count calls. RECIPE.md A3/A4: function form of
// ProbotOctokit.defaults (P5), generated key (P10), one-argument reply functions (P12).
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import nock from "nock";
import { pino } from "pino";
import Bottleneck from "bottleneck";
import { Probot } from "probot";
import { probotOctokit } from "../../src/github/probot-factory.js";
import { createApp, type AppOptions } from "../../src/index.js";
import { FAKE_STORAGE_HOST } from "../support/fake-storage.js";
import { fakeSig, fakeSigEncoded } from "../support/fake-secrets.js";

export const API = "https://api.github.com";
export const OWNER = "Codertocat";
export const REPO = "Hello-World";
export const R = `/repos/${OWNER}/${REPO}`;
export const CONFIG_PATH = "/contents/.github%2Fsas-guard.yml"; // octokit URL-encodes the "/" in {path}
/** The scan date: severities depend on how long a token still lives. */
export const NOW = new Date("2026-11-25T00:00:00Z");

export const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
});

export const fixture = (name: string): any => JSON.parse(readFileSync(join(process.cwd(), "test", "fixtures", "github", name), "utf8"));

// ---- request recorder -------------------------------------------------------------------------------------

export interface RecordedCall {
  method: string;
  /** Path and query exactly as sent (e.g. `/contents/.github%2Fsas-guard.yml`). */
  path: string;
  body: any;
  rawBody: string;
}

export const calls: RecordedCall[] = [];

export function resetRecorder(): void {
  calls.length = 0;
  waits.length = 0;
  unmatched.length = 0;
}

function record(req: Request, _interceptor: unknown, body: string): void {
  const url = new URL(req.url);
  let parsed: unknown = undefined;
  if (body) {
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = body;
    }
  }
  calls.push({ method: req.method, path: url.pathname + url.search, body: parsed, rawBody: body ?? "" });
}

/** Requests no interceptor matched (nock answers them 501): a test fails if there is any. */
export const unmatched: string[] = [];
nock.emitter.on("no match", (req: Request) => {
  const url = new URL(req.url);
  // the verifier's probe to the fake storage endpoint (test/support/fake-storage.ts) is not a GitHub request: it
  // carries the token to its own service by design, and goes through when a test allows that host
  if (url.hostname === FAKE_STORAGE_HOST) return;
  unmatched.push(`${req.method} ${url.pathname}${url.search}`);
  calls.push({ method: req.method, path: url.pathname + url.search, body: undefined, rawBody: "" });
});

/** A nock scope on api.github.com whose matched requests are recorded. Always create interceptors through this. */
export function api(options?: nock.Options): nock.Scope {
  return nock(API, options).on("request", record);
}

const isTokenExchange = (c: RecordedCall) => /^\/app\/installations\/\d+\/access_tokens$/.test(c.path);
const isConfig = (c: RecordedCall) => c.path.endsWith(CONFIG_PATH);

/** Every recorded call except the installation-token exchange, as "METHOD path". */
export const callLines = (): string[] => calls.filter((c) => !isTokenExchange(c)).map((c) => `${c.method} ${c.path}`);
/** Calls that count against the API budget: everything but the token exchange and the config fetch. */
export const budgetCalls = (): RecordedCall[] => calls.filter((c) => !isTokenExchange(c) && !isConfig(c));
export const checkRunWrites = (): RecordedCall[] =>
  calls.filter((c) => (c.method === "POST" && /\/check-runs$/.test(c.path)) || (c.method === "PATCH" && /\/check-runs\/\d+$/.test(c.path)));

// ---- OpenAPI validation ------------------------------------------------------------------------------------

const schemas = fixture("openapi-request-bodies.json");
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validators = {
  "checks/create": ajv.compile(schemas["checks/create"]),
  "checks/update": ajv.compile(schemas["checks/update"]),
  "pulls/create-review": ajv.compile(schemas["pulls/create-review"]),
};

export function validateBody(op: keyof typeof validators, body: unknown): void {
  const v = validators[op];
  if (!v(body)) throw new Error(`${op} body invalid: ${ajv.errorsText(v.errors)}\n${JSON.stringify(body).slice(0, 2000)}`);
}

/** Validates every captured check-run create/update body against GitHub's OpenAPI request schema. Returns how many. */
export function validateAllCheckRunBodies(): number {
  const writes = checkRunWrites();
  for (const c of writes) validateBody(c.method === "POST" ? "checks/create" : "checks/update", c.body);
  for (const c of calls.filter((c) => c.method === "POST" && /\/pulls\/\d+\/reviews$/.test(c.path))) validateBody("pulls/create-review", c.body);
  return writes.length;
}

// ---- Probot --------------------------------------------------------------------------------------------------

/** Every rate-limit wait the clients took, in GitHub's seconds (slept as milliseconds: retryAfterBaseValue 1). */
export const waits: number[] = [];

/** The production client (probot-factory.ts: plugin-retry and plugin-throttling ON, our rate-limit handlers) with
 * fast settings: 1 ms per second of retry-after or backoff, and throttling groups without the 1 s / 3 s spacing of
 * writes (fresh per Probot: the plugin's default groups are module-global). */
export function fastOctokit() {
  return probotOctokit(
    {},
    {
      retryAfterBaseValue: 1,
      onWait: (seconds) => void waits.push(seconds),
      groups: {
        global: new Bottleneck.Group({ maxConcurrent: 10 }),
        auth: new Bottleneck.Group({ maxConcurrent: 1 }),
        write: new Bottleneck.Group({ maxConcurrent: 1 }),
        notifications: new Bottleneck.Group({ maxConcurrent: 1 }),
        search: new Bottleneck.Group({ maxConcurrent: 1 }),
      },
    },
  );
}

/** The suites written before issue 19 pin the in-progress-first path (`inProgressAfterMs: 0`, what a slow scan or
 * SAS_GUARD_IN_PROGRESS_AFTER_MS=0 does: create in progress, then update), so their exact request sequences hold;
 * test/github/check-run-writes.test.ts covers the default (a fast scan's run created completed in one request). */
export async function createTestProbot(options: AppOptions = {}): Promise<Probot> {
  const probot = new Probot({ appId: 123, privateKey, log: pino({ level: "silent" }), Octokit: fastOctokit() });
  await probot.load(createApp({ now: () => NOW, checkRuns: { inProgressAfterMs: 0 }, ...options }));
  return probot;
}

// ---- common interceptors -------------------------------------------------------------------------------------

export function nockToken(installationId = 1): nock.Scope {
  return api()
    .post(`/app/installations/${installationId}/access_tokens`)
    .matchHeader("authorization", /^bearer [\w-]+\.[\w-]+\.[\w-]+$/)
    .reply(201, {
      token: "ghs_test",
      expires_at: "2099-01-01T00:00:00Z",
      permissions: { checks: "write", contents: "read", pull_requests: "write", metadata: "read" },
      repository_selection: "all",
    });
}

const RAW_YAML = { "content-type": "text/plain; charset=utf-8" };

/** `.github/sas-guard.yml` in the repo; when `repoYaml` is null, 404 there and `orgYaml` (or 404) in `<owner>/.github`. */
export function nockConfig(repoYaml: string | null = null, orgYaml: string | null = null, owner = OWNER, repo = REPO): void {
  const scope = api().matchHeader("accept", "application/vnd.github.v3.raw");
  const repoFile = scope.get(`/repos/${owner}/${repo}${CONFIG_PATH}`);
  if (repoYaml !== null) {
    repoFile.reply(200, repoYaml, RAW_YAML);
    return;
  }
  repoFile.reply(404, { message: "Not Found" });
  const orgFile = scope.get(`/repos/${owner}/.github${CONFIG_PATH}`);
  if (orgYaml === null) orgFile.reply(404, { message: "Not Found" });
  else orgFile.reply(200, orgYaml, RAW_YAML);
}

export function nockNoCheckRun(sha: string, name = "SAS Guard", owner = OWNER, repo = REPO): void {
  api()
    .get(`/repos/${owner}/${repo}/commits/${sha}/check-runs`)
    .query({ check_name: name, filter: "latest", per_page: "100" })
    .reply(200, { total_count: 0, check_runs: [] });
}

export function nockCreateCheckRun(id = 4242, owner = OWNER, repo = REPO): void {
  api()
    .post(`/repos/${owner}/${repo}/check-runs`)
    .reply(201, { id, html_url: `https://github.com/${owner}/${repo}/runs/${id}`, status: "in_progress" });
}

export function nockUpdateCheckRun(id = 4242, times = 1, owner = OWNER, repo = REPO): void {
  api()
    .patch(`/repos/${owner}/${repo}/check-runs/${id}`)
    .times(times)
    .reply(200, { id, html_url: `https://github.com/${owner}/${repo}/runs/${id}` });
}

/** The start of every scan job: token, config (repo file, or 404 + org 404), no check run yet for `head`, run `id` created. */
export function nockScanStart(head: string, id: number, config: string | null = null): void {
  nockToken();
  nockConfig(config);
  nockNoCheckRun(head);
  nockCreateCheckRun(id);
}

/** The body of the PATCH that completed check run `id`. */
export const completedRunBody = (id: number, r = R) =>
  calls.find((c) => c.method === "PATCH" && c.path === `${r}/check-runs/${id}` && c.body.status === "completed")!.body;

/** The review the App posts on a pull request with findings: it first lists its earlier comments. */
export function nockReview(pull = 2, owner = OWNER, repo = REPO): void {
  api().get(`/repos/${owner}/${repo}/pulls/${pull}/comments`).query({ per_page: "100" }).reply(200, []);
  api().post(`/repos/${owner}/${repo}/pulls/${pull}/reviews`).reply(200, { id: 77 });
}

// ---- GitHub-shaped data ----------------------------------------------------------------------------------------

/** A 40-hex SHA derived from a label. */
export const sha = (label: string): string => Buffer.from(label.padEnd(20, "."), "utf8").subarray(0, 20).toString("hex");

export const b64 = (text: string): string => Buffer.from(text, "utf8").toString("base64");

/** The git blobs API answer (default JSON media type, base64 content). */
export const blobBody = (blobSha: string, text: string) => ({
  sha: blobSha,
  node_id: "B_1",
  size: Buffer.byteLength(text),
  url: `${API}${R}/git/blobs/${blobSha}`,
  // GitHub wraps the base64 at 60 columns
  content: b64(text).replace(/(.{60})/g, "$1\n"),
  encoding: "base64",
});

export interface PrFile {
  filename: string;
  status?: string;
  patch?: string;
  sha?: string;
  additions?: number;
  deletions?: number;
  previous_filename?: string;
}

/** One entry of GET /pulls/{n}/files (and compare's `files`). */
export const prFile = (f: PrFile) => ({
  sha: f.sha ?? sha(f.filename),
  filename: f.filename,
  status: f.status ?? "modified",
  additions: f.additions ?? 1,
  deletions: f.deletions ?? 0,
  changes: (f.additions ?? 1) + (f.deletions ?? 0),
  blob_url: `https://github.com/${OWNER}/${REPO}/blob/x/${f.filename}`,
  raw_url: `https://github.com/${OWNER}/${REPO}/raw/x/${f.filename}`,
  contents_url: `${API}${R}/contents/${f.filename}`,
  ...(f.patch !== undefined ? { patch: f.patch } : {}),
  ...(f.previous_filename ? { previous_filename: f.previous_filename } : {}),
});

/** A unified-diff hunk adding `added` lines at new-file line `start`, after the given context lines. */
export function patchAdding(added: string[], context: string[] = [], start = 1): string {
  const header = `@@ -${start},${context.length} +${start},${context.length + added.length} @@`;
  return [header, ...context.map((l) => ` ${l}`), ...added.map((l) => `+${l}`)].join("\n");
}

// ---- fake tokens (built at run time from test/support/fake-secrets.ts: never a literal signature) ---------------

/** The incident's account SAS: every service, resource type and permission, until 2051 → critical. */
export const criticalSasUrl = (sigEncoded: string): string =>
  `https://acct.blob.core.windows.net/?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2051-10-06T00:00:00Z&spr=https&sig=${sigEncoded}`;

/** Raw secrets the current test put into GitHub's answers; the harness checks none of them leaves the App. */
export const planted = new Set<string>();

/** A critical account-SAS URL signed with a fresh fake signature (registered for the leak check). */
export function criticalToken(seed: string): string {
  planted.add(fakeSig(seed));
  return criticalSasUrl(fakeSigEncoded(seed));
}

/** Every text form a signature could leak in: raw, unpadded, percent-encoded (upper/lower hex), double-encoded. */
export function leakForms(secret: string): string[] {
  const enc = encodeURIComponent(secret);
  return [...new Set([secret, secret.replace(/=+$/, ""), enc, enc.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()), encodeURIComponent(enc)])];
}

/** The requests (path + body) that carry any planted secret, in any form. */
export function leaks(): string[] {
  const out: string[] = [];
  for (const c of calls) {
    const text = `${c.path}\n${c.rawBody}\n${JSON.stringify(c.body ?? null)}`;
    for (const s of planted) for (const form of leakForms(s)) if (text.includes(form)) out.push(`${c.method} ${c.path} carries ${form.slice(0, 6)}…`);
  }
  return out;
}

/**
 * Per-test setup: no network, a fresh recorder and Probot. After each test: no interceptor left unused, every
 * check-run (and review) body valid against GitHub's OpenAPI request schema, and no planted secret in any request.
 */
export function useHarness(): { probot: () => Probot } {
  let probot: Probot | undefined;
  beforeEach(async () => {
    nock.disableNetConnect();
    resetRecorder();
    planted.clear();
    probot = await createTestProbot();
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    nock.enableNetConnect();
    expect(pending).toEqual([]);
    expect(unmatched).toEqual([]);
    validateAllCheckRunBodies();
    expect(leaks()).toEqual([]);
  });
  // Jest (ESM) loads a fresh nock per test file into the same worker; the previous file's fetch interceptor would
  // stay subscribed and answer the next file's requests. Dispose of it when the file is done.
  afterAll(() => {
    nock.restore();
  });
  return { probot: () => probot! };
}

/** Receives one webhook delivery. */
export async function deliver(p: Probot, name: string, payload: unknown, id = "delivery-1"): Promise<void> {
  await p.receive({ id, name, payload } as Parameters<Probot["receive"]>[0]);
}

// ---- exposure (issue 11) -----------------------------------------------------------------------------------------

export interface CommitSpec {
  sha: string;
  /** ISO 8601 author date. */
  date: string;
  /** GitHub login of the author; when absent the commit's author is not a GitHub user (`author: null`). */
  login?: string;
  name?: string;
}

/** One entry of GET /repos/{o}/{r}/commits and GET /pulls/{n}/commits (the fields the App reads, and a few more). */
export const commitItem = (c: CommitSpec) => ({
  sha: c.sha,
  node_id: `C_${c.sha.slice(0, 8)}`,
  url: `${API}${R}/commits/${c.sha}`,
  html_url: `https://github.com/${OWNER}/${REPO}/commit/${c.sha}`,
  commit: {
    author: { name: c.name ?? c.login ?? "A Person", email: "person@example.com", date: c.date },
    committer: { name: "GitHub", email: "noreply@github.com", date: c.date },
    message: `commit ${c.sha.slice(0, 7)}`,
  },
  author: c.login ? { login: c.login, id: 1, type: "User" } : null,
  committer: null,
  parents: [],
});

/** GET /repos/{o}/{r}/pulls/{n}/commits?per_page=100: the pull request's commits (one page). */
export function nockPrCommits(commits: CommitSpec[], pull = 2, owner = OWNER, repo = REPO): void {
  api().get(`/repos/${owner}/${repo}/pulls/${pull}/commits`).query({ per_page: "100" }).reply(200, commits.map(commitItem));
}

/** GET /repos/{o}/{r}/commits?sha=<head>&path=<file>&per_page=100: the file's history from the head, newest first. */
export function nockFileHistory(head: string, path: string, commits: CommitSpec[], owner = OWNER, repo = REPO): void {
  api().get(`/repos/${owner}/${repo}/commits`).query({ sha: head, path, per_page: "100" }).reply(200, commits.map(commitItem));
}

/** The recorded line of a file-history call (octokit percent-encodes the "/" of the path in the query). */
export const fileHistoryLine = (head: string, path: string, owner = OWNER, repo = REPO): string =>
  `GET /repos/${owner}/${repo}/commits?sha=${head}&path=${encodeURIComponent(path)}&per_page=100`;

/** A copy of a fixture payload whose repository is private (no forks): the exposure rule does not raise severity. */
export function privateRepo<T extends { repository: Record<string, unknown> }>(payload: T): T {
  return { ...payload, repository: { ...payload.repository, private: true, visibility: "private", forks_count: 0, forks: 0 } };
}

// ---- raw blobs (issue 15 item 2) ----------------------------------------------------------------------------------

/** What GitHub answers for `Accept: application/vnd.github.raw` on GET /git/blobs/{sha}. */
export const RAW_BLOB_HEADERS = { "content-type": "application/vnd.github.raw" };

/** GET /git/blobs/{sha} answered with the raw bytes; only a request that asks for the raw media type matches. */
export function nockRawBlob(blobSha: string, content: string | Buffer, times = 1, owner = OWNER, repo = REPO): nock.Scope {
  return api()
    .get(`/repos/${owner}/${repo}/git/blobs/${blobSha}`)
    .matchHeader("accept", "application/vnd.github.raw")
    .times(times)
    .reply(200, Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8"), RAW_BLOB_HEADERS);
}
