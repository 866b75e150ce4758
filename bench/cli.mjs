// `npm run bench:cli`: times `sas-guard scan` on a ~200 MB tree of ordinary files against `rg -j1 -c sig=`
// (or `grep -rc sig=` when ripgrep is not installed), in the same run, and reports peak memory.
// Targets (issue 3): within 3x of `rg -j1`, peak RSS under 300 MB.
//
// The tree is replicated from this checkout's node_modules (js/ts/json/md files: many small files, plus some
// larger concatenations), with a few fake tokens planted; it lives in a temp dir and is removed at the end.
// Options: BENCH_MB=200 (tree size), BENCH_KEEP=1 (keep the tree), BENCH_PROFILE=1 (also write a CPU profile to a temp dir),
// BENCH_RUNS=3 (best of N).
import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "bin", "sas-guard.js");
const TARGET_MB = Number(process.env.BENCH_MB ?? 200);
const MB = 1_048_576;

// ---- build if dist/ is missing or older than src/ -------------------------------------------------------------
function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}
const distMain = join(ROOT, "dist", "cli", "main.js");
if (!existsSync(distMain) || statSync(distMain).mtimeMs < newestMtime(join(ROOT, "src"))) {
  console.log("building dist/ (npm run build)…");
  const b = spawnSync("npm", ["run", "build:dist"], { cwd: ROOT, stdio: "inherit" });
  if (!existsSync(distMain)) process.exit(b.status ?? 1);
}

// ---- fake credentials (same derivation as test/support/fake-secrets.ts; never committed literally) -----------
const bytes = (seed, n) => {
  const out = [];
  for (let i = 0; out.length * 32 < n; i++) out.push(createHmac("sha256", "sas-guard-tests").update(`${seed}:${i}`).digest());
  return Buffer.concat(out).subarray(0, n);
};
const fakeSig = (seed) => bytes(seed, 32).toString("base64");
const fakeAccountKey = (seed) => bytes(seed, 64).toString("base64");

// ---- the tree ---------------------------------------------------------------------------------------------------
const SOURCE_EXT = /\.(js|mjs|cjs|ts|mts|cts|json|md|markdown|txt|yml|yaml|map)$/;
// Directory names sas-guard skips by default: renamed in the copy so that every byte of the tree is scanned.
const SKIPPED_NAMES = new Set(["node_modules", ".git", "bower_components", "vendor", "third_party", ".venv", "venv", "__pycache__", ".tox", ".next", ".nuxt", ".terraform", "coverage"]);

function listSources(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) listSources(p, out);
    else if (e.isFile() && SOURCE_EXT.test(e.name)) {
      const size = statSync(p).size;
      if (size > 0 && size < 4 * MB) out.push({ path: p, size });
    }
  }
  return out;
}

function buildTree(dir) {
  const sources = listSources(join(ROOT, "node_modules"));
  if (sources.length === 0) throw new Error("node_modules has no source files: run npm ci first");
  const sourceBytes = sources.reduce((n, s) => n + s.size, 0);
  let total = 0;
  let files = 0;
  const target = TARGET_MB * MB;
  // ~10% of the bytes as larger files (1-4 MB concatenations: bundles, generated JSON)
  const largeDir = join(dir, "large");
  mkdirSync(largeDir, { recursive: true });
  for (let i = 0, s = 0; total < target * 0.1; i++) {
    const parts = [];
    let size = 0;
    const want = (1 + (i % 4)) * MB;
    while (size < want) {
      const src = sources[s++ % sources.length];
      parts.push(readFileSync(src.path));
      size += src.size;
    }
    writeFileSync(join(largeDir, `bundle-${i}.js`), Buffer.concat(parts));
    total += size;
    files++;
  }
  // the rest: copies of the small files, keeping the package layout
  for (let copy = 0; total < target; copy++) {
    for (const src of sources) {
      if (total >= target) break;
      const rel = relative(join(ROOT, "node_modules"), src.path)
        .split(sep)
        .map((part) => (SKIPPED_NAMES.has(part) ? `_${part}` : part))
        .join("/");
      const dest = join(dir, `copy-${copy}`, rel);
      mkdirSync(dirname(dest), { recursive: true });
      copyFileSync(src.path, dest);
      total += src.size;
      files++;
    }
  }
  // a few planted tokens, in ordinary-looking places
  const planted = [
    ["copy-0/config/storage.js", `export const url = "https://benchacct.blob.core.windows.net/data?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=${encodeURIComponent(fakeSig("bench-1"))}";\n`],
    ["copy-0/config/.env", `AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=benchacct;AccountKey=${fakeAccountKey("bench-2")};EndpointSuffix=core.windows.net\n`],
    ["large/notes.md", `# notes\n\nsee https://benchacct.blob.core.windows.net/c/x.txt?sv=2022-11-02&sr=b&sp=r&se=2021-01-01T00:00:00Z&sig=${encodeURIComponent(fakeSig("bench-3"))}\n`],
  ];
  for (const [rel, text] of planted) {
    const dest = join(dir, rel);
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, text);
    total += Buffer.byteLength(text);
    files++;
  }
  return { total, files, sourceFiles: sources.length, sourceBytes };
}

// ---- timing -----------------------------------------------------------------------------------------------------
const hasTimeV = spawnSync("/usr/bin/time", ["-v", "true"], { stdio: "ignore" }).status === 0;
const onPath = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;

/** Runs a command, returns wall ms, peak RSS (KB, when measurable), status and stdout. */
function timed(cmd, args, options = {}) {
  let argv = [cmd, args];
  if (hasTimeV) argv = ["/usr/bin/time", ["-v", cmd, ...args]];
  // without GNU time, a Node child reports its own peak RSS on exit (Node has no RUSAGE_CHILDREN)
  else if (cmd === process.execPath) argv = [cmd, [`--import=data:text/javascript,${encodeURIComponent(RSS_ON_EXIT)}`, ...args]];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv[1], { maxBuffer: 1 << 30, encoding: "utf8", ...options });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? "") ?? /^RSS_ON_EXIT_KB=(\d+)$/m.exec(r.stderr ?? "");
  return { ms, rssKB: m ? Number(m[1]) : undefined, status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const RSS_ON_EXIT = `process.on("exit", () => process.stderr.write("RSS_ON_EXIT_KB=" + process.resourceUsage().maxRSS + "\\n"));`;

const dir = mkdtempSync(join(tmpdir(), "sas-guard-bench-"));
try {
  const t0 = Date.now();
  const tree = buildTree(dir);
  const mb = tree.total / MB;
  console.log(`tree: ${tree.files} files, ${mb.toFixed(1)} MB (from ${tree.sourceFiles} files of node_modules) in ${dir}, built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const useRg = onPath("rg");
  const baseline = useRg ? ["rg", ["-j1", "-c", "sig=", dir]] : ["grep", ["-rc", "sig=", dir]];
  const baselineName = useRg ? "rg -j1 -c sig=" : "grep -rc sig=";
  // warm the page cache so both tools read from memory
  spawnSync(baseline[0], baseline[1], { stdio: "ignore", maxBuffer: 1 << 30 });

  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const best = (fn) => {
    let b;
    for (let i = 0; i < runs; i++) {
      const r = fn();
      if (!b || r.ms < b.ms) b = { ...r, rssKB: Math.max(r.rssKB ?? 0, b?.rssKB ?? 0) || undefined };
    }
    return b;
  };
  const base = best(() => timed(baseline[0], baseline[1]));
  const guardArgs = [BIN, "scan", dir, "--format", "json", "--no-progress"];
  const guard = best(() => timed(process.execPath, guardArgs));
  if (guard.status !== 0 && guard.status !== 1) {
    console.error(`sas-guard failed (exit ${guard.status}):\n${guard.stderr}`);
    process.exitCode = 1;
  }
  let findings = "?";
  let scannedFiles = "?";
  let skipped = "?";
  try {
    const json = JSON.parse(guard.stdout);
    findings = json.findings.length;
    scannedFiles = json.stats.files;
    skipped = json.skipped.length;
  } catch {
    /* reported by the exit status above */
  }
  const ratio = guard.ms / base.ms;
  const rssMB = guard.rssKB === undefined ? undefined : guard.rssKB / 1024;
  const line = (name, r) => `${name.padEnd(34)} ${(r.ms / 1000).toFixed(2).padStart(7)} s  ${(mb / (r.ms / 1000)).toFixed(0).padStart(6)} MB/s  peak RSS ${r.rssKB === undefined ? "n/a" : `${(r.rssKB / 1024).toFixed(0)} MB`}`;
  console.log(`best of ${runs} runs each, page cache warm:`);
  console.log(line(baselineName + (useRg ? "" : " (ripgrep not installed)"), base));
  console.log(line("sas-guard scan --format json", guard));
  console.log(`findings: ${findings} (${scannedFiles} files scanned, ${skipped} skipped)`);
  console.log(`ratio sas-guard / ${baselineName}: ${ratio.toFixed(2)}x (target <= 3x of rg -j1)${ratio <= 3 ? "" : "  ABOVE TARGET"}`);
  console.log(`peak memory: ${rssMB === undefined ? "n/a" : `${rssMB.toFixed(0)} MB`} (target < 300 MB)${rssMB !== undefined && rssMB >= 300 ? "  ABOVE TARGET" : ""}`);

  if (process.env.BENCH_PROFILE) {
    const profDir = mkdtempSync(join(tmpdir(), "sas-guard-cpuprof-"));
    spawnSync(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${profDir}`, ...guardArgs], { stdio: "ignore", maxBuffer: 1 << 30 });
    console.log(`CPU profile written to ${profDir} (open in Chrome DevTools > Performance)`);
  }
} finally {
  if (process.env.BENCH_KEEP) console.log(`tree kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
