// Runs the committed Action bundle (action/dist/index.mjs) the way the GitHub runner does: a `node` child process
// with the GITHUB_* variables, the event payload in a file, and every input of action.yml as INPUT_<NAME> (name
// upper-cased, hyphens kept, defaults filled in as the runner does). Git repositories are built in temp dirs from
// fake secrets; every planted secret is remembered so each test file can grep all output for it. Not a test file.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { fakeAccountKey, fakeSig } from "../support/fake-secrets.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const ACTION_ENTRY = join(ROOT, "action", "dist", "index.mjs");
export const CLI_BUNDLE = join(ROOT, "action", "dist", "cli.mjs");

export const actionYml = (): { inputs: Record<string, { default?: string }>; outputs: Record<string, unknown>; runs: { using: string; main: string } } =>
  parse(readFileSync(join(ROOT, "action.yml"), "utf8"));

// ---- temp dirs --------------------------------------------------------------------------------------------------

const dirs: string[] = [];

export function tempDir(prefix = "sas-guard-action-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

export function cleanup(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
}

// ---- git --------------------------------------------------------------------------------------------------------

/** No user or system git config, a fixed identity: the tests see the same git everywhere. */
export const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.com",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.com",
};

export function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, ...GIT_ENV, ...env } });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

export function newRepo(files: Record<string, string | Buffer> = {}): string {
  const dir = tempDir("sas-guard-repo-");
  git(dir, ["init", "-q", "-b", "main"]);
  // what the Action writes into the workspace is not part of the commits the tests make
  writeFiles(dir, { ".git/info/exclude": "sas-guard.sarif\nout/\n", ...files });
  return dir;
}

let tick = 0;
/** Writes `files`, commits everything (dates one minute apart, so history order is stable), returns the SHA. */
export function commit(dir: string, files: Record<string, string | Buffer>, message: string, remove: string[] = []): string {
  writeFiles(dir, files);
  for (const r of remove) rmSync(join(dir, r));
  git(dir, ["add", "-A"]);
  const date = new Date(Date.UTC(2025, 0, 1, 12, tick++)).toISOString();
  git(dir, ["commit", "-q", "--allow-empty", "-m", message], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  return git(dir, ["rev-parse", "HEAD"]).trim();
}

// ---- fake credentials -------------------------------------------------------------------------------------------

/** Every raw secret planted by this test file (before any encoding). */
export const planted = new Set<string>();

/** An account SAS with every permission until 2099: critical. */
export function criticalSas(seed: string, account = "contoso"): string {
  const sig = fakeSig(seed);
  planted.add(sig);
  return `https://${account}.blob.core.windows.net/?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacup&se=2099-01-01T00:00:00Z&spr=https&sig=${encodeURIComponent(sig)}`;
}

/** A read-only container SAS until 2099: medium. */
export function mediumSas(seed: string, account = "contoso"): string {
  const sig = fakeSig(seed);
  planted.add(sig);
  return `https://${account}.blob.core.windows.net/data?sv=2022-11-02&sr=c&sp=rl&se=2099-01-01T00:00:00Z&spr=https&sig=${encodeURIComponent(sig)}`;
}

/** A storage connection string with a fake account key: critical. */
export function connectionString(seed: string, account = "contoso"): string {
  const key = fakeAccountKey(seed);
  planted.add(key);
  return `DefaultEndpointsProtocol=https;AccountName=${account};AccountKey=${key};EndpointSuffix=core.windows.net`;
}

/** The forms in which a planted secret must never be printed: raw, without padding, percent-encoded (both cases). */
function leakForms(secret: string): string[] {
  const enc = encodeURIComponent(secret);
  return [...new Set([secret, secret.replace(/=+$/, ""), enc, enc.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())])];
}

/** Which planted secrets appear, in any leak form, in `outputs` (each named by its first characters only). */
export function findLeaks(outputs: readonly string[], secrets: Iterable<string> = planted): string[] {
  const all = outputs.join("\n");
  const hits: string[] = [];
  for (const secret of secrets) for (const form of leakForms(secret)) if (all.includes(form)) hits.push(`${form.slice(0, 6)}…`);
  return hits;
}

// ---- the runner -------------------------------------------------------------------------------------------------

/** Every byte the Action wrote anywhere (stdout, stderr, summary, outputs, SARIF) in this test file. */
export const printed: string[] = [];

export interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
  /** The raw GITHUB_OUTPUT file. */
  outputFile: string;
  /** Parsed SARIF, when the file was written. */
  sarif?: any; // a parsed SARIF log
  sarifText?: string;
  sarifPath: string;
  /** `::error file=…,line=…::` and friends, parsed. */
  annotations: WorkflowCommand[];
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

const unescapeData = (s: string): string => s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
const unescapeProperty = (s: string): string => unescapeData(s.replace(/%3A/g, ":").replace(/%2C/g, ","));

/** Workflow commands as the runner reads them: `::name k=v,k=v::message` at the start of a line. */
export function workflowCommands(stdout: string): WorkflowCommand[] {
  const out: WorkflowCommand[] = [];
  for (const line of stdout.split("\n")) {
    const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const properties: Record<string, string> = {};
    for (const kv of (m[2] ?? "").split(",").filter(Boolean)) {
      const eq = kv.indexOf("=");
      properties[kv.slice(0, eq)] = unescapeProperty(kv.slice(eq + 1));
    }
    out.push({ command: m[1], properties, message: unescapeData(m[3]) });
  }
  return out;
}

/** GITHUB_OUTPUT lines `name=value` (and `name<<DELIM` blocks, in case). */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      out[heredoc[1]] = lines.slice(i + 1, end).join("\n");
      i = end;
      continue;
    }
    const eq = lines[i].indexOf("=");
    if (eq > 0) out[lines[i].slice(0, eq)] = lines[i].slice(eq + 1);
  }
  return out;
}

export interface RunOptions {
  /** GITHUB_EVENT_NAME. */
  event: string;
  /** The webhook payload written to GITHUB_EVENT_PATH. */
  payload: object;
  /** The checked-out repository (GITHUB_WORKSPACE). */
  workspace: string;
  /** `with:` of the workflow step, by input name as in action.yml (e.g. "fail-on"). */
  with?: Record<string, string>;
  env?: Record<string, string>;
}

/** The environment the runner gives a `node24` action step, minus what the Action does not read. */
export function runnerEnv(o: RunOptions, files: { eventPath: string; summary: string; output: string }): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: dirname(files.summary),
    ...GIT_ENV,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: o.event,
    GITHUB_EVENT_PATH: files.eventPath,
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    GITHUB_REPOSITORY: "o/r",
    GITHUB_SHA: git(o.workspace, ["rev-parse", "HEAD"]).trim(),
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_API_URL: "https://api.github.com",
    RUNNER_TEMP: dirname(files.summary),
  };
  // The runner passes every input action.yml declares, its default when the step does not set it,
  // as INPUT_<NAME>: name.replace(' ', '_').toUpperCase(), so "fail-on" arrives as INPUT_FAIL-ON.
  const given = o.with ?? {};
  for (const [name, spec] of Object.entries(actionYml().inputs)) {
    const value = given[name] ?? (spec.default === "${{ github.token }}" ? "ghs_faketoken" : (spec.default ?? ""));
    env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
  }
  for (const name of Object.keys(given)) if (!(name in actionYml().inputs)) throw new Error(`action.yml has no input ${name}`);
  return { ...env, ...o.env };
}

/** Runs `node action/dist/index.mjs` as the runner does and collects everything it wrote. */
export async function runActionProcess(o: RunOptions): Promise<ActionRun> {
  const home = tempDir("sas-guard-runner-");
  const files = { eventPath: join(home, "event.json"), summary: join(home, "step_summary"), output: join(home, "output") };
  writeFileSync(files.eventPath, JSON.stringify(o.payload));
  writeFileSync(files.summary, "");
  writeFileSync(files.output, "");
  const env = runnerEnv(o, files);
  const child = spawn(process.execPath, [ACTION_ENTRY], { cwd: o.workspace, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const status = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code));
  });
  const summary = readFileSync(files.summary, "utf8");
  const outputFile = readFileSync(files.output, "utf8");
  const sarifPath = join(o.workspace, env["INPUT_SARIF-FILE"] || "sas-guard.sarif");
  const sarifText = existsSync(sarifPath) ? readFileSync(sarifPath, "utf8") : undefined;
  printed.push(stdout, stderr, summary, outputFile, sarifText ?? "");
  return {
    status,
    stdout,
    stderr,
    summary,
    outputs: parseOutputs(outputFile),
    outputFile,
    sarifText,
    sarif: sarifText === undefined ? undefined : JSON.parse(sarifText),
    sarifPath,
    annotations: workflowCommands(stdout),
  };
}

/** A pull_request payload from the recorded webhook fixture, pointed at two local commits. */
export function pullRequestPayload(base: string, head: string, number = 7, extra: Record<string, unknown> = {}): object {
  const fixture = JSON.parse(readFileSync(join(ROOT, "test", "fixtures", "github", "pull_request.opened.json"), "utf8"));
  return {
    ...fixture,
    number,
    pull_request: {
      ...fixture.pull_request,
      number,
      draft: false,
      base: { ...fixture.pull_request.base, sha: base },
      head: { ...fixture.pull_request.head, sha: head },
      ...extra,
    },
    repository: { ...fixture.repository, name: "r", full_name: "o/r", owner: { ...fixture.repository.owner, login: "o" } },
  };
}

/** The same payload for a private repository (the fixtures' repository is public, which raises findings one level). */
export function privateRepository<T extends object>(payload: T): T {
  const p = payload as T & { repository: object };
  return { ...p, repository: { ...p.repository, private: true, visibility: "private" } };
}

/** A push payload from the recorded webhook fixture, for the range before..after. */
export function pushPayload(before: string, after: string): object {
  const fixture = JSON.parse(readFileSync(join(ROOT, "test", "fixtures", "github", "push.json"), "utf8"));
  return { ...fixture, before, after, head_commit: { ...fixture.head_commit, id: after } };
}
