// Linearity of the engine on adversarial inputs (issue 15): each case is measured at size n and 4n, and the time
// ratio printed. Linear work gives a ratio near 4; quadratic near 16. Figures only, always exits 0 (never a test).
//
//   npm run bench:adversarial                 (n = 256 KB)
//   npm run bench:adversarial -- --kb=1024    (n = 1 MB, 4n = 4 MB)
//   npm run bench:adversarial -- --only=k8s
//
// Imports the BUILT code (dist/); runs `npm run build:dist` first when dist is missing or older than src/. Each case
// runs in a fresh worker with a 120 s cap, so one regression cannot hang the run. The machine may be shared:
// ratios are what to read, not absolute times.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(ROOT, "dist");
const CAP_MS = 120_000;

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback;

// ---- inputs (built at run time; no secret is committed) ---------------------------------------------------------
async function fake() {
  const { createHmac } = await import("node:crypto");
  const bytes = (seed, n) => {
    const out = [];
    for (let i = 0; out.length * 32 < n; i++) out.push(createHmac("sha256", "sas-guard-bench").update(`${seed}:${i}`).digest());
    return Buffer.concat(out).subarray(0, n);
  };
  return { sig: (s) => bytes(s, 32).toString("base64"), key: (s) => bytes(s, 64).toString("base64") };
}

const fill = (unit, size) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

/** name → (size in chars, fake builders) → { text, path, run: "scan" | "document" | "redact" } */
const CASES = {
  "k8s: base64 value then spaces then junk (was quadratic)": (n, f) => ({
    path: "secret.yaml",
    run: "scan",
    text: `kind: Secret\ndata:\n  key: ${fill(f.key("k8s").slice(0, 86), n / 2)}${" ".repeat(n / 2)}x\n`,
  }),
  "k8s: one huge base64 value (was a stack overflow at ~6M)": (n, f) => ({ path: "secret.yaml", run: "scan", text: `kind: Secret\ndata:\n  key: ${fill(f.key("big").slice(0, 86), n)}\n` }),
  "inline ignore: one minified line of SAS URLs, one comment (was quadratic)": (n, f) => {
    const units = [];
    for (let i = 0, len = 0; len < n; i++) {
      const u = `"https://a${i}.blob.core.windows.net/c/b?sv=2022-11-02&sr=b&sp=r&se=2030-01-01&sig=${encodeURIComponent(f.sig(`ii-${i}`))}",`;
      units.push(u);
      len += u.length;
    }
    return { path: "a.js", run: "document", text: `var u=[${units.join("")}]; // sas-guard:ignore reason="fixture"\n` };
  },
  "inline ignore: a comment after every token on one line": (n, f) => {
    const units = [];
    for (let i = 0, len = 0; len < n; i++) {
      const u = `"sv=2022-11-02&sr=b&sp=r&se=2030-01-01&sig=${encodeURIComponent(f.sig(`jj-${i}`))}" /* sas-guard:ignore reason="r${i}" */, `;
      units.push(u);
      len += u.length;
    }
    return { path: "a.js", run: "document", text: `x(${units.join("")})\n` };
  },
  "one token, then ignore comments with unclosed reasons, one line": (n, f) => ({
    path: "a.js",
    run: "document",
    text: `x = "sv=2022-11-02&sr=b&sp=r&se=2030-01-01&sig=${encodeURIComponent(f.sig("open"))}" ${fill('# sas-guard:ignore reason="', n)}\n`,
  }),
  "many keys, one per line (per-document cap: 1,000 detailed)": (n, f) => ({ path: ".env", run: "document", text: fill(`ACCOUNT_KEY=${f.key("cap")}\n`, n) }),
  "`sig=` repeated": (n) => ({ path: "a.txt", run: "scan", text: fill("&sig=", n) }),
  "Service Bus tokens with a 13-digit se": (n, f) => ({ path: "a.http", run: "document", text: fill(`SharedAccessSignature sr=x&se=1000000000000&skn=x&sig=${encodeURIComponent(f.sig("sb"))}\n`, n) }),
  "redaction: a long base64 run with no padding": (n) => ({ path: "", run: "redact", text: fill("A1b2C3d4", n) }),
  "redaction: `sig=` then backslashes": (n) => ({ path: "", run: "redact", text: `sig=${"\\".repeat(n)}` }),
  "redaction: a log line of SAS URLs": (n, f) => ({ path: "", run: "redact", text: fill(`{"msg":"see https://a.blob.core.windows.net/c?sv=1&sig=${encodeURIComponent(f.sig("log"))}"} `, n) }),
};

// ---- worker: one measurement -----------------------------------------------------------------------------------
if (!isMainThread) {
  const { name, size } = workerData;
  const f = await fake();
  const { text, path, run } = CASES[name](size, f);
  const engine = await import(pathToFileURL(join(DIST, "detect", "index.js")).href);
  const { redactSecretsInText } = await import(pathToFileURL(join(DIST, "detect", "redact-text.js")).href);
  const { scanDocumentSafely } = await import(pathToFileURL(join(DIST, "scan", "scan-document-safely.js")).href);
  const { parseConfig } = await import(pathToFileURL(join(DIST, "config", "load-config.js")).href);
  const { config } = parseConfig("", "bench.yml");
  const now = new Date("2026-01-15T00:00:00Z");
  const once = (t) => {
    if (run === "scan") return engine.scanText(t, { path, now }).length;
    if (run === "redact") return redactSecretsInText(t).length;
    const r = scanDocumentSafely(t, path, config, now);
    if ("notScanned" in r) throw new Error(r.notScanned);
    return r.findings.length + r.omitted.count;
  };
  once(text.slice(0, 4096)); // warm the JIT: some superlinear paths only show once optimised
  const started = performance.now();
  const count = once(text);
  parentPort.postMessage({ ms: performance.now() - started, chars: text.length, count });
} else {
  ensureBuilt();
  const n = Number(arg("kb", "256")) * 1024;
  const only = arg("only", "");
  console.log(`Adversarial linearity: time at n = ${n / 1024} KB and 4n; ratio ≈ 4 is linear, ≈ 16 quadratic.\n`);
  console.log(`${"case".padEnd(78)} ${"n ms".padStart(9)} ${"4n ms".padStart(9)} ${"ratio".padStart(6)}  items (4n)`);
  for (const name of Object.keys(CASES).filter((c) => c.includes(only))) {
    const a = await measure(name, n);
    const b = a.error ? a : await measure(name, 4 * n);
    if (a.error || b.error) {
      console.log(`${name.padEnd(78)} ${(a.error ?? b.error).slice(0, 60)}`);
      continue;
    }
    console.log(`${name.padEnd(78)} ${a.ms.toFixed(0).padStart(9)} ${b.ms.toFixed(0).padStart(9)} ${(b.ms / Math.max(a.ms, 0.5)).toFixed(1).padStart(6)}  ${b.count}`);
  }
}

function measure(name, size) {
  return new Promise((resolve) => {
    const w = new Worker(fileURLToPath(import.meta.url), { workerData: { name, size }, resourceLimits: { maxOldGenerationSizeMb: 4096 } });
    const timer = setTimeout(() => {
      void w.terminate();
      resolve({ error: `did not finish within ${CAP_MS / 1000} s at ${size} chars` });
    }, CAP_MS);
    w.once("message", (m) => {
      clearTimeout(timer);
      void w.terminate();
      resolve(m);
    });
    w.once("error", (e) => {
      clearTimeout(timer);
      resolve({ error: `threw: ${e.message}` });
    });
  });
}

function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function ensureBuilt() {
  const entry = join(DIST, "scan", "scan-document-safely.js");
  if (existsSync(entry) && statSync(entry).mtimeMs >= newestMtime(join(ROOT, "src"))) return;
  console.log("dist/ is missing or older than src/: running `npm run build:dist` ...");
  try {
    execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  } catch {
    if (!existsSync(entry)) {
      console.log("WARNING: the build failed; nothing to measure.");
      process.exit(0);
    }
  }
}
