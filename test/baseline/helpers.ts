// Harness for the baseline tests (installation of an org, re-runs, rate limits, the `audit` CLI). Reuses the App
// harness of test/github/helpers.ts (request recorder, token/config interceptors, leak check) and adds what a
// baseline needs: an org, repositories, git trees and blobs, issue bodies validated against GitHub's OpenAPI
// schema, and a Probot whose blob retries and rate-limit waits do not sleep (the waits are recorded instead).
import { Ajv } from "ajv";
import nock from "nock";
import { pino } from "pino";
import { Probot } from "probot";
import { createApp, type AppOptions } from "../../src/index.js";
import * as gh from "../github/helpers.js";

export { api, calls, criticalToken, fixture, leakForms, leaks, NOW, planted, CONFIG_PATH } from "../github/helpers.js";

export const ORG = "contoso";
export const INSTALLATION = 957387; // the id in GitHub's installation.created example payload

/** A 40-hex SHA derived from a label (stable across runs). */
export const sha = gh.sha;

// ---- waits ------------------------------------------------------------------------------------------------------

/** Every rate-limit wait the clients took, in GitHub's seconds (see gh.fastOctokit). */
export const waits = gh.waits;

// ---- Probot -----------------------------------------------------------------------------------------------------

export async function createProbot(options: AppOptions = {}): Promise<Probot> {
  const probot = new Probot({
    appId: 123,
    privateKey: gh.privateKey,
    log: pino({ level: "silent" }),
    Octokit: gh.fastOctokit(), // the production retry and throttling plugins, fast
  });
  await probot.load(createApp({ now: () => gh.NOW, ...options }));
  return probot;
}

export async function deliver(p: Probot, name: string, payload: unknown, id = "delivery-1"): Promise<void> {
  await p.receive({ id, name, payload } as Parameters<Probot["receive"]>[0]);
}

// ---- OpenAPI validation of every write ------------------------------------------------------------------------

/** OpenAPI 3.0 writes `nullable: true` next to a `oneOf` without `type`, which Ajv rejects ("nullable" cannot be
 * used without "type"): rewrite those nodes as `anyOf: [schema, { type: "null" }]` (same meaning). */
function ajvCompatible(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(ajvCompatible);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = ajvCompatible(v);
  if (out.nullable === true && out.type === undefined) {
    const { nullable: _nullable, description, ...rest } = out;
    return { ...(description === undefined ? {} : { description }), anyOf: [rest, { type: "null" }] };
  }
  return out;
}

const schemas = ajvCompatible(gh.fixture("openapi-request-bodies.json")) as Record<string, object>;
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validators = {
  "checks/create": ajv.compile(schemas["checks/create"]),
  "checks/update": ajv.compile(schemas["checks/update"]),
  "issues/create": ajv.compile(schemas["issues/create"]),
  "issues/update": ajv.compile(schemas["issues/update"]),
};
export type Operation = keyof typeof validators;

const operationOf = (c: gh.RecordedCall): Operation | undefined => {
  if (c.method === "POST" && /\/check-runs$/.test(c.path)) return "checks/create";
  if (c.method === "PATCH" && /\/check-runs\/\d+$/.test(c.path)) return "checks/update";
  if (c.method === "POST" && /\/issues$/.test(c.path)) return "issues/create";
  if (c.method === "PATCH" && /\/issues\/\d+$/.test(c.path)) return "issues/update";
  return undefined;
};

/** Validates every captured check-run and issue write against GitHub's request schema; returns how many per operation. */
export function validateWrites(): Record<Operation, number> {
  const counts = { "checks/create": 0, "checks/update": 0, "issues/create": 0, "issues/update": 0 };
  for (const c of gh.calls) {
    const op = operationOf(c);
    if (!op) continue;
    const v = validators[op];
    if (!v(c.body)) throw new Error(`${op} body invalid: ${ajv.errorsText(v.errors)}\n${JSON.stringify(c.body).slice(0, 2000)}`);
    counts[op]++;
  }
  return counts;
}

// ---- per-test setup -------------------------------------------------------------------------------------------

/** No network; fresh recorder; after each test: no unused interceptor, no unmatched request, valid writes, no leak. */
export function useBaselineHarness(): void {
  beforeEach(() => {
    nock.disableNetConnect();
    gh.resetRecorder();
    gh.planted.clear();
    waits.length = 0;
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    nock.enableNetConnect();
    expect(pending).toEqual([]);
    expect(gh.unmatched).toEqual([]);
    validateWrites();
    expect(gh.leaks()).toEqual([]);
  });
  // A fresh nock per test file lives in the same worker: dispose of this file's interceptor (see test/github/helpers.ts).
  afterAll(() => {
    nock.restore();
  });
}

// ---- recorded calls -------------------------------------------------------------------------------------------

/** Recorded calls as "METHOD path", without the installation-token exchange. */
export const callLines = gh.callLines;
export const callsTo = (method: string, pattern: RegExp): gh.RecordedCall[] => gh.calls.filter((c) => c.method === method && pattern.test(c.path));
export const blobGets = (repo: string): string[] => callsTo("GET", new RegExp(`^/repos/${ORG}/${repo}/git/blobs/`)).map((c) => c.path.split("/").pop()!);
export const bodiesOf = (method: string, path: string): any[] => gh.calls.filter((c) => c.method === method && c.path === path).map((c) => c.body);

// ---- GitHub-shaped data ----------------------------------------------------------------------------------------

export interface RepoOptions {
  size?: number;
  archived?: boolean;
  fork?: boolean;
  default_branch?: string;
  private?: boolean;
}

/** GET /repos/{owner}/{repo} (and one entry of GET /orgs/{org}/repos). */
export const repoInfo = (name: string, o: RepoOptions = {}, owner = ORG) => ({
  id: 1000 + name.length,
  node_id: `R_${name}`,
  name,
  full_name: `${owner}/${name}`,
  owner: { login: owner, id: 4242, type: "Organization" },
  private: o.private ?? true,
  fork: o.fork ?? false,
  archived: o.archived ?? false,
  size: o.size ?? 120,
  default_branch: o.default_branch ?? "main",
  visibility: (o.private ?? true) ? "private" : "public",
});

/** GitHub's installation.created example, adapted: installed on an organisation, with the given repositories. */
export function installationCreated(repos: string[]): any {
  const p = gh.fixture("installation.created.json");
  p.installation.account = { ...p.installation.account, login: ORG, id: 4242, type: "Organization" };
  p.installation.target_type = "Organization";
  p.installation.repository_selection = "selected";
  p.repositories = repos.map((name, i) => ({ id: 2000 + i, node_id: `R_${i}`, name, full_name: `${ORG}/${name}`, private: true }));
  return p;
}

/** GitHub's check_run.rerequested example, adapted: a re-run of our baseline check run on `repo`. */
export function baselineRerequested(repo: string, headSha: string, runId = 1): any {
  const p = gh.fixture("check_run.rerequested.json");
  p.check_run = { ...p.check_run, id: runId, name: "SAS Guard baseline", head_sha: headSha, external_id: `sas-guard:baseline:${headSha}`, pull_requests: [] };
  p.repository = { ...p.repository, name: repo, full_name: `${ORG}/${repo}`, owner: { ...p.repository.owner, login: ORG }, default_branch: "main" };
  p.installation = { id: INSTALLATION };
  return p;
}

export type TreeItem = { path: string; mode: string; type: "blob" | "tree" | "commit"; sha: string; size?: number };
export const file = (path: string, blobSha: string, size: number): TreeItem => ({ path, mode: "100644", type: "blob", sha: blobSha, size });
export const dir = (path: string, treeSha: string): TreeItem => ({ path, mode: "040000", type: "tree", sha: treeSha });

const R = (repo: string) => `/repos/${ORG}/${repo}`;

export const nockToken = (id = INSTALLATION) => gh.nockToken(id);
/** `.github/sas-guard.yml` of ORG/repo (or 404 there and in ORG/.github when null). */
export const nockConfig = (repo: string, yaml: string | null) => gh.nockConfig(yaml, null, ORG, repo);

export function nockRepo(repo: string, o: RepoOptions = {}): void {
  gh.api().get(R(repo)).reply(200, repoInfo(repo, o));
}

export function nockBranch(repo: string, headSha: string, branch = "main"): void {
  gh.api()
    .get(`${R(repo)}/branches/${branch}`)
    .reply(200, { name: branch, commit: { sha: headSha }, protected: false });
}

/** GET /git/trees/{sha}, recursive or not; `truncated` as GitHub sets it for very large trees. */
export function nockTree(repo: string, treeish: string, tree: TreeItem[], o: { recursive?: boolean; truncated?: boolean; sha?: string } = {}): void {
  const scope = gh.api().get(`${R(repo)}/git/trees/${treeish}`);
  (o.recursive ? scope.query({ recursive: "true" }) : scope).reply(200, {
    sha: o.sha ?? treeish,
    url: `https://api.github.com${R(repo)}/git/trees/${o.sha ?? treeish}`,
    tree,
    truncated: o.truncated ?? false,
  });
}

/** The git blobs API answer (base64, wrapped at 60 columns as GitHub does). */
export const blobBody = (repo: string, blobSha: string, text: string) => ({
  sha: blobSha,
  node_id: `B_${blobSha.slice(0, 6)}`,
  size: Buffer.byteLength(text),
  url: `https://api.github.com${R(repo)}/git/blobs/${blobSha}`,
  content: Buffer.from(text, "utf8")
    .toString("base64")
    .replace(/(.{60})/g, "$1\n"),
  encoding: "base64",
});

export function nockBlob(repo: string, blobSha: string, text: string): void {
  gh.api()
    .get(`${R(repo)}/git/blobs/${blobSha}`)
    .matchHeader("accept", "application/vnd.github.raw")
    .reply(200, Buffer.from(text), gh.RAW_BLOB_HEADERS);
}

/** GET commits/{sha}/check-runs?check_name=SAS Guard baseline: an earlier unfinished run would be reused. */
export function nockFindRun(repo: string, head: string, runs: unknown[] = []): void {
  gh.api()
    .get(`${R(repo)}/commits/${head}/check-runs`)
    .query({ check_name: "SAS Guard baseline", filter: "latest", per_page: "100" })
    .reply(200, { total_count: runs.length, check_runs: runs });
}

export const findRunLine = (repo: string, head: string): string =>
  `GET ${R(repo)}/commits/${head}/check-runs?check_name=SAS%20Guard%20baseline&filter=latest&per_page=100`;

/** No earlier run of ours on `head`, then POST check-runs (in progress) answering `id`. */
export function nockCreateCheckRun(repo: string, id: number, head: string): void {
  nockFindRun(repo, head);
  gh.api()
    .post(`${R(repo)}/check-runs`)
    .reply(201, { id, html_url: `https://github.com/${ORG}/${repo}/runs/${id}`, status: "in_progress" });
}

export function nockUpdateCheckRun(repo: string, id: number, times = 1): void {
  gh.api()
    .patch(`${R(repo)}/check-runs/${id}`)
    .times(times)
    .reply(200, { id, html_url: `https://github.com/${ORG}/${repo}/runs/${id}` });
}

/** GET issues?labels=sas-guard&state=all: what publishBaselineIssue searches for its marker. */
export function nockIssueSearch(repo: string, issues: unknown[]): void {
  gh.api()
    .get(`${R(repo)}/issues`)
    .query({ labels: "sas-guard", state: "all", per_page: "100" })
    .reply(200, issues);
}
