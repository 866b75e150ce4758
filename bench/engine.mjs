// Engine throughput and linearity, measured in one run so that only ratios matter (see bench/README.md).
//
//   npm run bench
//
//   npm run bench -- --only=throughput     (or --only=linearity)
//
// Imports the BUILT engine (dist/detect/index.js). When dist is missing or older than src/, it runs `npm run build:dist`
// first. Prints a table and always exits 0: read the figures, nothing here fails a build.
import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIST_ENGINE = join(ROOT, "dist", "detect", "index.js");
const NOW = new Date("2026-01-15T00:00:00Z");

const CORPUS_TARGET = 56e6; // bytes of source text (at least 50 MB)
const PER_FILE_CAP = 256 * 1024; // characters kept from any one file
const EXTENSIONS = /\.(?:js|mjs|cjs|ts|mts|cts|json|md)$/;
const REPETITIONS = 11;
const INJECTED = 20;
const LINEARITY_TIMEOUT_MS = 30_000;

// ------------------------------------------------------------------------------------------------------------
// 1. A fresh build of the engine

function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function ensureBuilt() {
  const stale = !existsSync(DIST_ENGINE) || statSync(DIST_ENGINE).mtimeMs < newestMtime(join(ROOT, "src"));
  if (!stale) return;
  console.log("dist/ is missing or older than src/: running `npm run build:dist` ...");
  try {
    execFileSync("npm", ["run", "build:dist", "--silent"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  } catch {
    // tsc emits even when type checking fails (a work in progress elsewhere in src/): go on if the engine is there.
    if (!existsSync(DIST_ENGINE)) {
      console.log("WARNING: the build failed and dist/detect/index.js does not exist; nothing to measure.");
      process.exit(0);
    }
    console.log("WARNING: `npm run build:dist` reported errors; measuring the engine it emitted anyway.");
  }
}

// ------------------------------------------------------------------------------------------------------------
// 2. The corpus: ordinary source code from node_modules, in a deterministic order

function collectFiles(dir, out) {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.isSymbolicLink() || e.name === ".cache" || e.name === ".bin") continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) collectFiles(p, out);
    else if (e.isFile() && EXTENSIONS.test(e.name)) out.push(p);
  }
  return out;
}

function buildCorpus() {
  const base = join(ROOT, "node_modules");
  const files = [];
  let bytes = 0;
  for (const path of collectFiles(base, [])) {
    if (bytes >= CORPUS_TARGET) break;
    let text = readFileSync(path, "utf8");
    if (text.length > PER_FILE_CAP) text = text.slice(0, PER_FILE_CAP);
    files.push({ path: relative(ROOT, path), text });
    bytes += Buffer.byteLength(text);
  }
  return files;
}

// ------------------------------------------------------------------------------------------------------------
// 3. Fake tokens (same construction as test/support/fake-secrets.ts: HMAC output, never a real secret)

const fakeBytes = (seed, n) => {
  const out = [];
  for (let i = 0; out.length * 32 < n; i++) out.push(createHmac("sha256", "sas-guard-tests").update(`${seed}:${i}`).digest());
  return Buffer.concat(out).subarray(0, n);
};
const sig = (seed) => fakeBytes(seed, 32).toString("base64");
const sigEnc = (seed) => encodeURIComponent(sig(seed));
const key = (seed) => fakeBytes(seed, 64).toString("base64");

/** One line each; every template is one finding. Returns [line, secret]. */
const TEMPLATES = [
  (s) => [
    `[dataset](https://bench${s}.blob.core.windows.net/?sv=2020-08-04&ss=bfqt&srt=sco&sp=rwdlacupitfx&se=2051-10-06T07:09:59Z&st=2021-10-05T23:09:59Z&spr=https,http&sig=${sigEnc(s)})`,
    sig(s),
  ],
  (s) => [`AZURE_SAS=sp=r&st=2029-09-14T08:30Z&se=2029-09-14T16:30Z&sv=2022-11-02&sr=b&sig=${sigEnc(s)}`, sig(s)],
  (s) => [
    `const upload = "https://bench${s}.blob.core.windows.net/in/a.bin?sp=racwl&st=2029-03-01T00:00:00Z&se=2029-03-08T00:00:00Z&skoid=11111111-2222-3333-4444-555555555555&sktid=66666666-7777-8888-9999-000000000000&skt=2029-03-01T00:00:00Z&ske=2029-03-08T00:00:00Z&sks=b&skv=2022-11-02&sv=2022-11-02&sr=c&sig=${sigEnc(s)}";`,
    sig(s),
  ],
  (s) => [
    `{"url":"https://bench${s}.blob.core.windows.net/c/b.csv?sv=2022-11-02\\u0026sr=b\\u0026sp=r\\u0026se=2030-01-01T00:00:00Z\\u0026sig=${sigEnc(s)}"}`,
    sig(s),
  ],
  (s) => [
    `<a href="https://bench${s}.blob.core.windows.net/c/b.zip?sv=2022-11-02&amp;sr=c&amp;sp=rl&amp;se=2030-01-01T00:00:00Z&amp;sig=${sigEnc(s)}">zip</a>`,
    sig(s),
  ],
  (s) => [`Authorization: SharedAccessSignature sr=https%3A%2F%2Fbench${s}.servicebus.windows.net%2Forders&sig=${sigEnc(s)}&se=1893456000&skn=send`, sig(s)],
  (s) => [`"Storage": "DefaultEndpointsProtocol=https;AccountName=bench${s};AccountKey=${key(s)};EndpointSuffix=core.windows.net"`, key(s)],
  (s) => [`ACCOUNT_KEY = "${key(s)}"`, key(s)],
];

/** Inserts INJECTED token lines at line boundaries of evenly spaced files; returns the secrets. */
function inject(files) {
  const secrets = new Map();
  for (let k = 0; k < INJECTED; k++) {
    const file = files[Math.floor(((k + 0.5) * files.length) / INJECTED)];
    const [line, secret] = TEMPLATES[k % TEMPLATES.length](`${k}`);
    const nl = file.text.indexOf("\n", file.text.length >> 1);
    file.text = nl === -1 ? `${file.text}\n${line}\n` : `${file.text.slice(0, nl + 1)}${line}\n${file.text.slice(nl + 1)}`;
    secrets.set(secret, file.path);
  }
  return secrets;
}

// ------------------------------------------------------------------------------------------------------------
// 4. Measurements

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeIt(fn) {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}

function indexOfPass(files) {
  let hits = 0;
  for (const { text } of files) for (let i = text.indexOf("sig="); i !== -1; i = text.indexOf("sig=", i + 4)) hits++;
  return hits;
}

function enginePass(scanText, files) {
  const findings = [];
  for (const { path, text } of files) for (const f of scanText(text, { path, now: NOW })) findings.push(f);
  return findings;
}

/**
 * Times scanText on one adversarial input in a worker, so that a quadratic case can be cut off. The input is a flat
 * string (built from a Buffer, like text read from a file): `repeat().slice()` gives V8 a sliced/cons string whose
 * scan cost says more about V8 than about the engine. Best of `runs`; Infinity when even the first run times out.
 */
function timeInWorker(name, size, runs) {
  const code = `
    const { parentPort, workerData } = require("node:worker_threads");
    import(workerData.engine).then(({ scanText }) => {
      const text = Buffer.alloc(workerData.size, workerData.unit).toString("latin1");
      scanText(text.slice(0, 4096), { path: "warm", now: new Date() });
      for (let r = 0; r < workerData.runs; r++) {
        const t0 = performance.now();
        scanText(text, { path: "adversarial.txt", now: new Date() });
        parentPort.postMessage(performance.now() - t0);
      }
    });`;
  return new Promise((resolve) => {
    const times = [];
    const w = new Worker(code, { eval: true, workerData: { engine: pathToFileURL(DIST_ENGINE).href, unit: ADVERSARIAL[name], size, runs } });
    const done = () => {
      clearTimeout(timer);
      void w.terminate();
      resolve(times.length ? Math.min(...times) : Infinity);
    };
    const timer = setTimeout(done, LINEARITY_TIMEOUT_MS);
    w.on("message", (ms) => {
      times.push(ms);
      if (times.length === runs) done();
    });
    w.once("error", done);
  });
}

const ADVERSARIAL = {
  "sig= repeated": "sig=",
  "&&&& run": "&",
  "%25 run": "%25",
  "== run": "=",
  "&sig= repeated": "&sig=",
  "88-char base64 + == repeated": `${key("adv").slice(0, 86)}==`,
  "AccountKey=<key>; repeated": `AccountKey=${key("adv")};`,
  '"sv=…" + "&sig=…" + chain': `"sv=2020-08-04&se=2051-10-06" + "&sig=${sigEnc("chain")}" + `,
};

// ------------------------------------------------------------------------------------------------------------
// 5. Report

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  const line = (r) => r.map((v, c) => (c === 0 ? String(v).padEnd(widths[c]) : String(v).padStart(widths[c]))).join("  ");
  console.log(line(rows[0]));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows.slice(1)) console.log(line(r));
}

const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : String(x));

const ONLY = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length); // throughput | linearity

async function main() {
  ensureBuilt();
  if (ONLY !== "linearity") await throughput();
  if (ONLY !== "throughput") await linearity();
}

async function throughput() {
  const { scanText } = await import(pathToFileURL(DIST_ENGINE).href);

  const tRead = timeIt(buildCorpus);
  const files = tRead.result;
  const secrets = inject(files);
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const mb = bytes / 1e6;
  console.log(`corpus: ${files.length} files from node_modules, ${fmt(mb)} MB (read in ${fmt(tRead.ms / 1000, 2)} s), ${INJECTED} fake tokens injected`);
  console.log(`node ${process.version}, ${REPETITIONS} repetitions, median\n`);

  // warm up both loops, then alternate them
  indexOfPass(files);
  enginePass(scanText, files);
  indexOfPass(files);
  let findings = enginePass(scanText, files);
  const engineMs = [];
  const indexMs = [];
  let hits = 0;
  for (let r = 0; r < REPETITIONS; r++) {
    const a = timeIt(() => indexOfPass(files));
    indexMs.push(a.ms);
    hits = a.result;
    const b = timeIt(() => enginePass(scanText, files));
    engineMs.push(b.ms);
    findings = b.result;
  }
  const engineRate = mb / (median(engineMs) / 1000);
  const indexRate = mb / (median(indexMs) / 1000);
  // Each round times the two loops back to back, so a round's ratio shares that moment's machine (a noisy VM slows
  // both or neither); the median of the rounds' ratios is the figure. The ratio of the best rounds is printed too.
  const ratio = median(indexMs.map((ms, r) => ms / engineMs[r]));
  const bestRatio = Math.min(...indexMs) / Math.min(...engineMs);

  const found = findings.filter((f) => secrets.has(f.secret.reveal()));
  const others = findings.filter((f) => !secrets.has(f.secret.reveal()));
  table([
    ["throughput (in memory, per-file strings)", "MB/s", "median ms", "detail"],
    ["engine scanText", fmt(engineRate), fmt(median(engineMs), 0), `${findings.length} findings`],
    ['text.indexOf("sig=") loop', fmt(indexRate), fmt(median(indexMs), 0), `${hits} hits`],
    ["ratio engine / indexOf (target >= 0.5)", fmt(ratio, 3), "", ratio >= 0.5 ? "ok" : "BELOW TARGET"],
    ["  (ratio of the best rounds)", fmt(bestRatio, 3), "", ""],
  ]);
  console.log(`rounds (indexOf ms / engine ms): ${indexMs.map((ms, r) => `${fmt(ms, 0)}/${fmt(engineMs[r], 0)}`).join(" ")}`);
  console.log("");
  console.log(
    `findings: ${findings.length} (injected ${INJECTED}; found ${new Set(found.map((f) => f.secret.reveal())).size} of them; ${others.length} other)`,
  );
  if (findings.length !== INJECTED) {
    console.log(`WARNING: ${findings.length} findings, expected exactly ${INJECTED} (the injected tokens).`);
    for (const [secret, path] of secrets) {
      if (!found.some((f) => f.secret.reveal() === secret)) console.log(`  missed injected token in ${path}`);
    }
    for (const f of others.slice(0, 15)) console.log(`  extra: ${f.kind} ${f.severity} ${f.path}:${f.line}:${f.column} ${f.redacted.slice(0, 100)}`);
    if (others.length > 15) console.log(`  ... and ${others.length - 15} more`);
  }
}

async function linearity() {
  console.log("\nlinearity: engine time on 1 MB vs 8 MB of one adversarial line (ratio ≈ 8 is linear, ≈ 64 quadratic)");
  const rows = [["input", "1 MB ms", "8 MB ms", "ratio", "verdict"]];
  for (const name of Object.keys(ADVERSARIAL)) {
    const small = await timeInWorker(name, 1 << 20, 3);
    const large = Number.isFinite(small) ? await timeInWorker(name, 8 << 20, 2) : Infinity;
    const r = large / small;
    const limit = `>${LINEARITY_TIMEOUT_MS / 1000} s`;
    const verdict = !Number.isFinite(large) ? "TIMED OUT (superlinear)" : r <= 16 ? "linear" : "SUPERLINEAR";
    rows.push([
      name,
      Number.isFinite(small) ? fmt(small, 0) : limit,
      Number.isFinite(large) ? fmt(large, 0) : limit,
      Number.isFinite(r) ? fmt(r, 1) : Number.isFinite(small) ? `>${fmt(LINEARITY_TIMEOUT_MS / small, 0)}` : "?",
      verdict,
    ]);
  }
  table(rows);
}

await main();
process.exit(0);
