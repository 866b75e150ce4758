// `npm run bench:cli`: times `sas-guard scan` on a copy of this checkout's node_modules (every file, nested
// node_modules included: scanned with --no-default-ignores) against `rg -j1 -c sig=` (one thread) and `rg -c sig=`
// (every core), in the same run, with files/s, MB/s, CPU time and peak RSS; sas-guard runs both in one thread
// (--threads 0) and on its scan pool (default: one worker per core), and the two reports must be equal. Then the
// peak RSS of a scan of one 10 MB file of 100,000 account keys. When ripgrep is not installed it says so and
// times `grep -rc sig=` instead (apt-get install -y ripgrep).
// Targets (issue 19): the pool within 2x of `rg -j1`, peak RSS under 300 MB on the tree and on the keys file.
//
// Options: BENCH_MB=200 (instead of the copy: a synthetic tree of that size from node_modules' small files plus
// 1-4 MB concatenations), BENCH_KEEP=1 (keep the tree), BENCH_PROFILE=1 (also write a CPU profile to a temp dir),
// BENCH_RUNS=3 (best of N, the tools taking turns: on a shared machine each tool sees the same load; every run's
// wall time is printed). The tree lives in a temp dir and is removed at the end.
// sas-guard runs as installed packages run it: the committed bundle action/dist/cli.mjs (and its scan-worker.mjs),
// rebuilt first (npm run build:action) when src/ is newer.
import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "action", "dist", "cli.mjs");
const TARGET_MB = process.env.BENCH_MB ? Number(process.env.BENCH_MB) : undefined;
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
if (!existsSync(BIN) || statSync(BIN).mtimeMs < newestMtime(join(ROOT, "src"))) {
  console.log("building the bundles (npm run build:action)…");
  const b = spawnSync("npm", ["run", "build:action"], { cwd: ROOT, stdio: "inherit" });
  if (b.status !== 0) process.exit(b.status ?? 1);
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

/** A copy of node_modules as it is (71k files on this project), plus the planted tokens. */
function copyTree(dir) {
  const r = spawnSync("cp", ["-r", join(ROOT, "node_modules"), join(dir, "node_modules")], { stdio: "inherit" });
  if (r.status !== 0) throw new Error("cp -r node_modules failed");
  const planted = [
    ["app/config/storage.js", `export const url = "https://benchacct.blob.core.windows.net/data?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=${encodeURIComponent(fakeSig("bench-1"))}";\n`],
    ["app/config/.env", `AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=benchacct;AccountKey=${fakeAccountKey("bench-2")};EndpointSuffix=core.windows.net\n`],
  ];
  for (const [rel, text] of planted) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  let total = 0;
  let files = 0;
  const count = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) count(p);
      else if (e.isFile()) {
        files++;
        total += statSync(p).size;
      }
    }
  };
  count(dir);
  return { total, files };
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
  const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr ?? "");
  const sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr ?? "");
  const cpuS = user && sys ? Number(user[1]) + Number(sys[1]) : undefined;
  return { ms, cpuS, rssKB: m ? Number(m[1]) : undefined, status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const RSS_ON_EXIT = `process.on("exit", () => process.stderr.write("RSS_ON_EXIT_KB=" + process.resourceUsage().maxRSS + "\\n"));`;

const dir = mkdtempSync(join(tmpdir(), "sas-guard-bench-"));
try {
  const t0 = Date.now();
  const tree = TARGET_MB ? buildTree(dir) : copyTree(dir);
  const mb = tree.total / MB;
  console.log(`machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), availableParallelism ${availableParallelism()}, Node ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  console.log(`tree: ${tree.files} files, ${mb.toFixed(1)} MB (${TARGET_MB ? "synthetic, from node_modules" : "a copy of node_modules"}) in ${dir}, built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const useRg = onPath("rg");
  if (!useRg) console.log("ripgrep (rg) is not installed: timing `grep -rc sig=` instead (apt-get install -y ripgrep)");
  const baselines = useRg
    ? [["rg -j1 -c --no-ignore --hidden sig=", "rg", ["-j1", "-c", "--no-ignore", "--hidden", "sig=", dir]], ["rg -c --no-ignore --hidden sig= (all cores)", "rg", ["-c", "--no-ignore", "--hidden", "sig=", dir]]]
    : [["grep -rc sig=", "grep", ["-rc", "sig=", dir]]];
  // warm the page cache so every tool reads from memory
  spawnSync(baselines[0][1], baselines[0][2], { stdio: "ignore", maxBuffer: 1 << 30 });

  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const guardArgs = [BIN, "scan", dir, "--format", "json", "--no-progress", "--no-default-ignores"];
  const tools = [
    ...baselines.map(([name, cmd, args]) => ({ name, cmd, args })),
    { name: "sas-guard scan --threads 0", cmd: process.execPath, args: [...guardArgs, "--threads", "0"] },
    { name: `sas-guard scan (pool, ${availableParallelism()} threads)`, cmd: process.execPath, args: guardArgs },
  ];
  // The tools take turns (run 1 of each, then run 2 of each…): a neighbour's load falls on all of them alike.
  const rows = tools.map((t) => ({ name: t.name, walls: [] }));
  for (let i = 0; i < runs; i++) {
    tools.forEach((t, k) => {
      const r = timed(t.cmd, t.args);
      const b = rows[k];
      b.walls.push(r.ms);
      if (b.ms === undefined || r.ms < b.ms) Object.assign(b, r, { rssKB: Math.max(r.rssKB ?? 0, b.rssKB ?? 0) || undefined });
      else if (r.rssKB !== undefined) b.rssKB = Math.max(r.rssKB, b.rssKB ?? 0);
    });
  }
  const single = rows[rows.length - 2];
  const pool = rows[rows.length - 1];
  const reports = [];
  for (const g of [single, pool]) {
    if (g.status !== 0 && g.status !== 1) {
      console.error(`${g.name} failed (exit ${g.status}):\n${g.stderr}`);
      process.exitCode = 1;
    }
    try {
      const json = JSON.parse(g.stdout);
      reports.push(json);
      g.detail = `${json.findings.length} findings, ${json.stats.files} files scanned, ${json.skipped.length} skipped`;
    } catch {
      reports.push(undefined);
    }
  }
  const line = (r) =>
    `${r.name.padEnd(44)} ${(r.ms / 1000).toFixed(2).padStart(6)} s  ${Math.round(tree.files / (r.ms / 1000)).toString().padStart(7)} files/s  ${(mb / (r.ms / 1000)).toFixed(0).padStart(5)} MB/s  CPU ${r.cpuS === undefined ? "n/a" : `${r.cpuS.toFixed(2)} s`}  peak RSS ${r.rssKB === undefined ? "n/a" : `${(r.rssKB / 1024).toFixed(0)} MB`}${r.detail ? `  (${r.detail})` : ""}  runs: ${r.walls.map((w) => (w / 1000).toFixed(2)).join(", ")} s`;
  console.log(`best of ${runs} run(s) each, page cache warm:`);
  for (const r of rows) console.log(line(r));
  const strip = (j) => j && JSON.stringify({ ...j, stats: { ...j.stats, ms: 0 } });
  console.log(`same report from the pool and from one thread: ${strip(reports[0]) === strip(reports[1]) ? "yes" : "NO (a bug)"}`);
  const ratio = pool.ms / rows[0].ms;
  console.log(`ratio sas-guard pool / ${rows[0].name}: ${ratio.toFixed(2)}x (target <= 2x)${ratio <= 2 ? "" : "  ABOVE TARGET"}`);
  if (useRg) console.log(`ratio sas-guard pool / ${rows[1].name}: ${(pool.ms / rows[1].ms).toFixed(2)}x`);
  console.log(`ratio sas-guard pool / sas-guard --threads 0: ${(pool.ms / single.ms).toFixed(2)}x (wall), ${pool.cpuS && single.cpuS ? (pool.cpuS / single.cpuS).toFixed(2) : "n/a"}x (CPU)`);
  const rssMB = pool.rssKB === undefined ? undefined : pool.rssKB / 1024;
  console.log(`peak memory (pool): ${rssMB === undefined ? "n/a" : `${rssMB.toFixed(0)} MB`} (target < 300 MB)${rssMB !== undefined && rssMB >= 300 ? "  ABOVE TARGET" : ""}`);
  // Others' work on this machine shows here: a load above the core count means the timings above were shared.
  console.log(`load average after the timed runs: ${loadavg().map((x) => x.toFixed(1)).join(" ")} (${cpus().length} CPUs)`);

  // One file of 100,000 account keys: every finding is detailed up to 1,000 per document, the rest counted.
  const keysDir = join(dir, "keys");
  mkdirSync(keysDir);
  writeFileSync(join(keysDir, "keys.txt"), Array.from({ length: 100_000 }, (_, i) => `AccountKey=${fakeAccountKey(`k${i}`)}\n`).join(""));
  const keysMB = statSync(join(keysDir, "keys.txt")).size / MB;
  for (const threads of ["0", undefined]) {
    const k = timed(process.execPath, [BIN, "scan", keysDir, "--format", "json", "--no-progress", ...(threads ? ["--threads", threads] : [])]);
    let detail = "";
    try {
      const j = JSON.parse(k.stdout);
      detail = `${j.findings.length} findings listed; ${j.skipped.map((x) => x.reason).join("; ")}`;
    } catch {
      detail = `exit ${k.status}`;
    }
    console.log(`${keysMB.toFixed(1)} MB file of 100,000 account keys, ${threads ? "--threads 0" : "pool"}: ${(k.ms / 1000).toFixed(2)} s, peak RSS ${k.rssKB === undefined ? "n/a" : `${(k.rssKB / 1024).toFixed(0)} MB`} (target < 300 MB) (${detail})`);
  }

  if (process.env.BENCH_PROFILE) {
    const profDir = mkdtempSync(join(tmpdir(), "sas-guard-cpuprof-"));
    spawnSync(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${profDir}`, ...guardArgs], { stdio: "ignore", maxBuffer: 1 << 30 });
    console.log(`CPU profiles (one per thread) written to ${profDir} (open in Chrome DevTools > Performance)`);
  }
} finally {
  if (process.env.BENCH_KEEP) console.log(`tree kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
