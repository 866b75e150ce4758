// The organisation scene for the inventory tests: the fake GitHub (test/support/fake-github) with an org of
// several repositories (its private `.github`, a private app, a public site, an archived legacy repo), the App
// loaded in process against it (GHE-style base URL) with an inventory store, GitHub's OpenAPI request schemas
// for every write the inventory makes, and the SARIF 2.1.0 schema. Fake secrets are built at run time.
import { buildScanConfig } from "../../src/scan/scan-config.js";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { gunzipSync } from "node:zlib";
import { Ajv } from "ajv";
import ajvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { DEFAULT_CONFIG } from "../../src/config/load-config.js";
import { createApp } from "../../src/index.js";
import type { InventoryStore } from "../../src/github/inventory/store.js";
import { forgetOrgSettings } from "../../src/github/inventory/org-settings.js";
import { scanDocument } from "../../src/scan/scan-document.js";
import { FakeGitHub, type FakeRepo } from "../support/fake-github/index.js";
import { generateAppKeys, type AppKeys } from "../support/app-process.js";
import { fakeAccountKey, fakeSig, fakeSigEncoded } from "../support/fake-secrets.js";

export const ORG = "contoso";
export const INSTALLATION = 31337;
export const NOW = new Date("2026-11-25T00:00:00Z");
export const DAY = 86_400_000;
const require = createRequire(import.meta.url);
const fixture = (name: string): any => JSON.parse(readFileSync(new URL(`../fixtures/github/${name}`, import.meta.url), "utf8"));

// ---- tokens ---------------------------------------------------------------------------------------------------

export const planted = new Set<string>();
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** The 2023 incident's shape: account SAS, full control until 2051 (critical). */
export function incidentSas(seed: string): string {
  planted.add(fakeSig(seed));
  return `https://contosodata.blob.core.windows.net/?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupitfx&se=2051-10-06T07:09:59Z&st=2021-10-05T23:09:59Z&spr=https,http&sig=${fakeSigEncoded(seed)}`;
}

/** A read-only blob SAS that expires `days` after NOW. */
export function expiringSas(seed: string, days: number): string {
  planted.add(fakeSig(seed));
  return `https://contosodata.blob.core.windows.net/reports/q3.csv?sv=2022-11-02&sr=b&sp=r&st=2026-11-01T00:00:00Z&se=${iso(new Date(NOW.getTime() + days * DAY))}&spr=https&sig=${fakeSigEncoded(seed)}`;
}

/** A connection string with an account key: never expires. */
export function connectionString(seed: string): string {
  planted.add(fakeAccountKey(seed));
  return `DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${fakeAccountKey(seed)};EndpointSuffix=core.windows.net`;
}

export const fingerprintOf = (text: string, path = "x.txt"): string =>
  scanDocument(text, path, buildScanConfig({ config: DEFAULT_CONFIG, source: "defaults", errors: [] }), NOW)[0].fingerprint;

/** Every request the fake received that carries a planted secret (raw or percent-encoded). */
export function leaks(fake: FakeGitHub): string[] {
  const forms = [...planted].flatMap((s) => [s, encodeURIComponent(s), s.replace(/=+$/, "")]);
  const direct = fake.requestsContaining(forms).map((r) => `${r.method} ${r.path}`);
  // SARIF travels gzipped: decode every upload too
  const sarif = [...fake.repos.values()].flatMap((r) => r.sarifs.map((u) => ({ r, text: decodeSarif(u.sarif) })));
  return [...direct, ...sarif.filter(({ text }) => forms.some((f) => text.includes(f))).map(({ r }) => `SARIF ${r.fullName}`)];
}

// ---- the org --------------------------------------------------------------------------------------------------

export interface Scene {
  fake: FakeGitHub;
  keys: AppKeys;
  dotGithub: FakeRepo;
  webapp: FakeRepo;
  site: FakeRepo;
  legacy: FakeRepo;
  tokens: { incident: string; expiring: string; allowlisted: string; legacyKey: string };
  allowlistedFingerprint: string;
}

export interface SceneOptions {
  /** The org's `.github` repository is public (the dashboard must be refused). */
  publicDotGithub?: boolean;
  /** `.github/sas-guard.yml` of the org's `.github` repository. */
  orgConfig?: string;
}

export async function createScene(o: SceneOptions = {}): Promise<Scene> {
  forgetOrgSettings();
  const keys = generateAppKeys(4242);
  const fake = await new FakeGitHub({ appId: keys.appId, publicKey: keys.publicKey }).start();
  const tokens = {
    incident: incidentSas("incident"),
    expiring: expiringSas("expiring", 10),
    allowlisted: connectionString("staging"),
    legacyKey: connectionString("legacy"),
  };
  const allowlistedFingerprint = fingerprintOf(tokens.allowlisted);
  const until = new Date(NOW.getTime() + 5 * DAY).toISOString().slice(0, 10);
  const dotGithub = fake.createRepo(ORG, ".github", INSTALLATION, {
    "README.md": "# org profile\n",
    ...(o.orgConfig ? { ".github/sas-guard.yml": o.orgConfig } : {}),
  });
  dotGithub.visibility = o.publicDotGithub ? "public" : "private";
  const webapp = fake.createRepo(ORG, "webapp", INSTALLATION, {
    "README.md": `# webapp\n\nData: ${tokens.incident}\n`,
    "src/settings.json": `{\n  "storage": "${tokens.allowlisted}"\n}\n`,
    ".github/sas-guard.yml": `allowlist:\n  - fingerprint: ${allowlistedFingerprint}\n    reason: staging account, rotation booked\n    expires: ${until}\n`,
  });
  webapp.visibility = "private";
  webapp.codeScanningRefusal = 403; // private without Advanced Security
  const site = fake.createRepo(ORG, "site", INSTALLATION, {
    "docs/setup.md": `Download the sample data from ${tokens.incident}\n`,
    // an untrusted file name: a table cell breaker and an HTML tag
    "config/re|port <b>.env": `REPORT_URL=${tokens.expiring}\n`,
  });
  site.visibility = "public";
  const legacy = fake.createRepo(ORG, "legacy", INSTALLATION, { "app.config": `key=${tokens.legacyKey}\n` });
  legacy.visibility = "private";
  legacy.archived = true;
  return { fake, keys, dotGithub, webapp, site, legacy, tokens, allowlistedFingerprint };
}

// ---- the App --------------------------------------------------------------------------------------------------

export async function loadApp(scene: Scene, store: InventoryStore, now: () => Date = () => NOW): Promise<Probot> {
  const probot = new Probot({
    appId: scene.keys.appId,
    privateKey: scene.keys.privateKey,
    baseUrl: scene.fake.apiBase,
    log: pino({ level: "silent" }),
    Octokit: ProbotOctokit.defaults((x: any) => ({ ...x, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  await probot.load(createApp({ now, inventory: { store }, baseline: { progressEveryMs: 1e9 } }));
  return probot;
}

/** GitHub's installation.created example, as an installation on ORG of `repos`. */
export function installationCreated(repos: string[]): any {
  const p = fixture("installation.created.json");
  p.installation.id = INSTALLATION;
  p.installation.account = { ...p.installation.account, login: ORG, id: 4242, type: "Organization" };
  p.installation.target_type = "Organization";
  p.installation.repository_selection = "selected";
  p.repositories = repos.map((name, i) => ({ id: 2000 + i, node_id: `R_${i}`, name, full_name: `${ORG}/${name}`, private: true }));
  return p;
}

export const ALL_REPOS = [".github", "webapp", "site", "legacy"];

export async function install(probot: Probot, repos = ALL_REPOS, id = "install-1"): Promise<void> {
  await probot.receive({ id, name: "installation", payload: installationCreated(repos) } as Parameters<Probot["receive"]>[0]);
}

// ---- schemas --------------------------------------------------------------------------------------------------

/** OpenAPI 3.0 `nullable` next to a type-less oneOf, rewritten for Ajv (same as test/baseline/helpers.ts). */
function ajvCompatible(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(ajvCompatible);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = ajvCompatible(v);
  if (out.nullable === true && out.type === undefined) {
    const { nullable: _n, description, ...rest } = out;
    return { ...(description === undefined ? {} : { description }), anyOf: [rest, { type: "null" }] };
  }
  return out;
}

const bodies = {
  ...(ajvCompatible(fixture("openapi-request-bodies.json")) as Record<string, object>),
  ...(ajvCompatible(fixture("openapi-inventory-bodies.json")) as Record<string, object>),
};
const openapi = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const OPERATIONS: [string, RegExp, string][] = [
  ["POST", /\/code-scanning\/sarifs$/, "code-scanning/upload-sarif"],
  ["POST", /\/check-runs$/, "checks/create"],
  ["PATCH", /\/check-runs\/\d+$/, "checks/update"],
  ["POST", /\/issues$/, "issues/create"],
  ["PATCH", /\/issues\/\d+$/, "issues/update"],
];

/** Validates `body` against GitHub's OpenAPI request schema of `operation` (throws with Ajv's errors). */
export function validateRequestBody(operation: string, body: unknown): void {
  const v = openapi.getSchema(operation) ?? (openapi.addSchema(bodies[operation], operation), openapi.getSchema(operation)!);
  if (!v(body)) throw new Error(`${operation} body invalid: ${openapi.errorsText(v.errors)}`);
}

/** Every write the fake received, validated; returns how many of each operation. Unknown writes fail. */
export function validateAllWrites(fake: FakeGitHub): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of fake.writes()) {
    if (/\/access_tokens$/.test(r.path)) continue;
    const op = OPERATIONS.find(([m, p]) => m === r.method && p.test(r.path.split("?")[0]));
    if (!op) throw new Error(`write without an OpenAPI check: ${r.method} ${r.path}`);
    validateRequestBody(op[2], JSON.parse(r.body));
    counts[op[2]] = (counts[op[2]] ?? 0) + 1;
  }
  return counts;
}

const sarifSchema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
const { default: Ajv04 } = ajvDraft04;
const { default: addFormats } = ajvFormats;
const sarifAjv = new Ajv04({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats(sarifAjv);
const validateSarifLog = sarifAjv.compile(sarifSchema);

export const decodeSarif = (base64: string): string => gunzipSync(Buffer.from(base64, "base64")).toString("utf8");

/** The uploaded SARIF, decoded (base64 → gunzip → JSON) and validated against SARIF 2.1.0. */
export function uploadedSarif(base64: string): any {
  const log = JSON.parse(decodeSarif(base64));
  if (!validateSarifLog(log)) throw new Error(`SARIF invalid: ${sarifAjv.errorsText(validateSarifLog.errors)}`);
  return log;
}

/** The dashboard issues (by marker) across the org. */
export const dashboards = (fake: FakeGitHub) =>
  [...fake.repos.values()].flatMap((r) => r.issues.filter((i) => i.body.includes("<!-- sas-guard:inventory -->")).map((i) => ({ ...i, repo: r.name })));
