// Runs the engine from the current src/ in a worker thread that can be killed. A synchronous scanText that hangs
// (catastrophic backtracking, a quadratic loop) cannot be interrupted inside Jest's own thread: a Jest timeout only
// fires once the call returns. Here the test gets a clear failure instead of a hung suite.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { transformFileSync } from "@swc/core";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
// Inside node_modules so that the transpiled files resolve the project's dependencies.
const OUT = join(ROOT, "node_modules", ".cache", "sas-guard-isolated-engine");

let built: string | undefined;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [join(dir, e.name)] : [],
  );
}

/** Transpiles src/ (types stripped, ESM kept) once per test file; returns the worker script path. */
function build(): string {
  if (built) return built;
  const src = join(ROOT, "src");
  for (const file of walk(src)) {
    const out = join(OUT, "src", relative(src, file)).replace(/\.ts$/, ".js");
    mkdirSync(dirname(out), { recursive: true });
    const { code } = transformFileSync(file, {
      jsc: { parser: { syntax: "typescript" }, target: "es2022" },
      module: { type: "es6" },
      sourceMaps: false,
    });
    writeFileSync(out, code);
  }
  const worker = join(OUT, "worker.mjs");
  writeFileSync(
    worker,
    `import { parentPort, workerData } from "node:worker_threads";
import { scanText } from ${JSON.stringify(pathToFileURL(join(OUT, "src", "detect", "index.js")).href)};
// Warm the JIT on a small sample first, as a real scan does after its first few files: some superlinear paths only
// show once the engine's functions are optimised (measured: &sig= repeated is linear cold, quadratic warm).
scanText(workerData.text.slice(0, 4096), { path: "warm-up.txt", now: new Date(workerData.now) });
const findings = scanText(workerData.text, { path: workerData.path, now: new Date(workerData.now) });
parentPort.postMessage(findings.map((f) => ({
  kind: f.kind, line: f.line, column: f.column, endColumn: f.endColumn, severity: f.severity,
  baseSeverity: f.baseSeverity, fingerprint: f.fingerprint, path: f.path,
})));
`,
  );
  // The same for the free-text redaction (src/detect/redact-text.ts).
  writeFileSync(
    join(OUT, "redact-worker.mjs"),
    `import { parentPort, workerData } from "node:worker_threads";
import { redactSecretsInText } from ${JSON.stringify(pathToFileURL(join(OUT, "src", "detect", "redact-text.js")).href)};
redactSecretsInText(workerData.text.slice(0, 4096));
parentPort.postMessage(redactSecretsInText(workerData.text));
`,
  );
  return (built = worker);
}

/** redactSecretsInText(text) in a worker; rejects with EngineTimeout when it does not finish within `timeoutMs`. */
export function redactIsolated(text: string, timeoutMs: number): Promise<string> {
  const script = join(dirname(build()), "redact-worker.mjs");
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: { text } });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new EngineTimeout(`redactSecretsInText did not finish within ${timeoutMs / 1000} s on a ${text.length}-char input`));
    }, timeoutMs);
    worker.once("message", (m: string) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(m);
    });
    worker.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

export interface FindingSummary {
  kind: string;
  line: number;
  column: number;
  endColumn: number;
  severity: string;
  baseSeverity: string;
  fingerprint: string;
  path: string;
}

export class EngineTimeout extends Error {}

/** scanText(text) in a worker; rejects with EngineTimeout when it does not finish within `timeoutMs`. */
export function scanIsolated(text: string, now: Date, timeoutMs: number, path = "adversarial.txt"): Promise<FindingSummary[]> {
  const script = build();
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: { text, now: now.toISOString(), path } });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new EngineTimeout(`scanText did not finish within ${timeoutMs / 1000} s on a ${text.length}-char input`));
    }, timeoutMs);
    worker.once("message", (m: FindingSummary[]) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(m);
    });
    worker.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}
