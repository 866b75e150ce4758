// Drives the real `sas-guard` process (node bin/sas-guard.js → dist/) on fixture trees built in a temp dir.
// Not a test file itself. Every byte a run prints is kept in `printed` (one array per test file: Jest gives each
// file its own module registry), and every fake secret planted through these helpers is kept in `planted`, so
// each file ends with a test that greps all output for every planted secret.
import { execFile, spawnSync, type SpawnSyncOptions } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, rmdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fakeAccountKey, fakeSig } from "../support/fake-secrets.js";

export const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const BIN = join(REPO, "bin", "sas-guard.js");
const DIST_MAIN = join(REPO, "dist", "cli", "main.js");

// ---- build once -------------------------------------------------------------------------------------------------

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const distIsFresh = (): boolean => existsSync(DIST_MAIN) && statSync(DIST_MAIN).mtimeMs >= newestMtime(join(REPO, "src"));

const sleep = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Runs `npm run build:dist` when dist/cli/main.js is missing or older than src/. Test files run in parallel
 *  workers: a lock directory makes them build one at a time (the others wait, then find dist fresh). */
export function ensureBuilt(): void {
  if (distIsFresh()) return;
  const lock = join(tmpdir(), `sas-guard-build-${Buffer.from(REPO).toString("hex").slice(-16)}.lock`);
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${lock}`);
      try {
        if (Date.now() - statSync(lock).mtimeMs > 90_000) rmdirSync(lock); // left by a killed run
      } catch {
        /* released meanwhile */
      }
      sleep(200);
    }
  }
  try {
    if (distIsFresh()) return;
    const r = spawnSync("npm", ["run", "build:dist"], { cwd: REPO, encoding: "utf8" });
    // tsc emits even when another part of src/ has a type error; only a missing or stale entry point is fatal here
    if (!distIsFresh()) throw new Error(`npm run build:dist failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  } finally {
    rmdirSync(lock);
  }
}

// ---- running the CLI --------------------------------------------------------------------------------------------

/** Every byte of stdout and stderr of every run in this test file. */
export const printed: string[] = [];

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function sasGuard(args: string[], options: SpawnSyncOptions = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
    timeout: 60_000,
    ...options,
    // never a TTY here, but make sure no colour or progress escapes leak in from the environment
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", ...options.env },
  });
  const stdout = String(r.stdout ?? "");
  const stderr = String(r.stderr ?? "");
  printed.push(stdout, stderr);
  if (r.error) throw r.error;
  return { status: r.status, stdout, stderr };
}

/** Like `sasGuard`, without blocking: for many independent runs at once (they overlap on both cores). */
export function sasGuardAsync(args: string[], options: { cwd?: string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { encoding: "utf8", maxBuffer: 1 << 28, timeout: 60_000, cwd: options.cwd, env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" } },
      (error, stdout, stderr) => {
        printed.push(stdout, stderr);
        const code = (error as (Error & { code?: unknown }) | null)?.code;
        if (error && typeof code !== "number") reject(error);
        else resolve({ status: typeof code === "number" ? code : 0, stdout, stderr });
      },
    );
  });
}

/** `scan … --format json`, parsed. */
export function scanJson(args: string[], options: SpawnSyncOptions = {}): RunResult & { json: JsonOutput } {
  const r = sasGuard(["scan", ...args, "--format", "json", "--no-progress"], options);
  let json: JsonOutput;
  try {
    json = JSON.parse(r.stdout) as JsonOutput;
  } catch {
    throw new Error(`not JSON (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return { ...r, json };
}

export interface JsonFinding {
  path: string;
  line: number;
  column: number;
  kind: string;
  severity: string;
  reasons: { id: string; message: string }[];
  remediation: string[];
  token: Record<string, string | null>;
  fingerprint: string;
  redacted: string;
  suppressed: false | { by: string; reason: string; expires: string | null };
  commit: string | null;
  notes: string[];
  origin: { commit: string; path: string; date: string | null; author: string | null } | null;
}

export interface JsonOutput {
  version: number;
  configSource: string;
  findings: JsonFinding[];
  skipped: { path: string; reason: string }[];
  stats: { files: number; bytes: number; ms: number };
}

// ---- fixture trees ----------------------------------------------------------------------------------------------

const trees: string[] = [];

/** A fresh directory under os.tmpdir() with these files (parent directories created). Removed by `cleanup()`. */
export function makeTree(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "sas-guard-cli-"));
  trees.push(dir);
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
}

export function cleanup(): void {
  for (const dir of trees.splice(0)) {
    // a chmod 000 file or directory must not stop the removal
    try {
      chmodTree(dir);
    } catch {
      /* best effort */
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

function chmodTree(dir: string): void {
  chmodSync(dir, 0o755);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isSymbolicLink()) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) chmodTree(p);
    else chmodSync(p, 0o644);
  }
}

// ---- fake credentials -------------------------------------------------------------------------------------------

/** Every raw secret planted by this test file (signatures and keys, before any encoding). */
export const planted = new Set<string>();

export interface SasOptions {
  account?: string;
  path?: string;
  /** Service SAS by default (sr=c); `account: true` makes an account SAS. */
  accountSas?: boolean;
  permissions?: string;
  expiry?: string;
  https?: boolean;
}

/** A SAS URL whose signature is `fakeSig(seed)`, percent-encoded as in a real URL. */
export function sasUrl(seed: string, o: SasOptions = {}): string {
  const sig = fakeSig(seed);
  planted.add(sig);
  const account = o.account ?? "contoso";
  const expiry = o.expiry ?? "2030-01-01T00:00:00Z";
  const spr = o.https === false ? "https,http" : "https";
  const query = o.accountSas
    ? `sv=2022-11-02&ss=bfqt&srt=sco&sp=${o.permissions ?? "rwdlacup"}&se=${expiry}&spr=${spr}`
    : `sv=2022-11-02&sr=c&sp=${o.permissions ?? "rl"}&se=${expiry}&spr=${spr}`;
  return `https://${account}.blob.core.windows.net${o.path ?? (o.accountSas ? "/" : "/data")}?${query}&sig=${encodeURIComponent(sig)}`;
}

/** A storage connection string carrying `fakeAccountKey(seed)`. */
export function connectionString(seed: string, account = "contoso"): string {
  const key = fakeAccountKey(seed);
  planted.add(key);
  return `DefaultEndpointsProtocol=https;AccountName=${account};AccountKey=${key};EndpointSuffix=core.windows.net`;
}

/** The forms in which a planted secret must never be printed: raw, without padding, percent-encoded (both cases). */
export function leakForms(secret: string): string[] {
  const enc = encodeURIComponent(secret);
  return [...new Set([secret, secret.replace(/=+$/, ""), enc, enc.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())])];
}

/** Which of `secrets` appear, in any leak form, in `outputs` (each hit named by its first characters only). */
export function findLeaks(outputs: readonly string[], secrets: Iterable<string>): string[] {
  const all = outputs.join("\n");
  const hits: string[] = [];
  for (const secret of secrets) for (const form of leakForms(secret)) if (all.includes(form)) hits.push(`${form.slice(0, 6)}…`);
  return hits;
}

/** The planted secrets found anywhere in `printed`: must be empty. */
export const leaksInPrinted = (): string[] => findLeaks(printed, planted);

/** Runs the standard end-of-file check: some output was collected, secrets were planted, none leaked. */
export function expectNothingLeaked(): void {
  expect(printed.length).toBeGreaterThan(0);
  expect(planted.size).toBeGreaterThan(0);
  expect(leaksInPrinted()).toEqual([]);
}

// ---- git --------------------------------------------------------------------------------------------------------

/** Runs git in `cwd` with a fixed identity and no user/system config; returns stdout, throws on failure. */
export function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_AUTHOR_NAME: "Test",
      GIT_AUTHOR_EMAIL: "test@example.com",
      GIT_COMMITTER_NAME: "Test",
      GIT_COMMITTER_EMAIL: "test@example.com",
      ...env,
    },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

/** Whether this process can read a chmod 000 file anyway (root, CAP_DAC_OVERRIDE). */
export const runningAsRoot = (): boolean => typeof process.getuid === "function" && process.getuid() === 0;
