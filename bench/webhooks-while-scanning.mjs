// npm run bench:webhooks — webhook ack latency of the REAL built App on loopback *while scans run*: 10 pushes of
// 4 MB azcopy logs (a SAS URL on every line, as such logs are committed in the wild) are delivered first, then
// small pushes keep arriving at BENCH_RATE/s (default 20) for BENCH_SECONDS s (default 10). The acks of the small
// pushes sent while a heavy scan was still running are what the target is about: p99 < 100 ms (embedded queue).
// It runs twice (BENCH_THREADS, default "0,default") in one go, so the figures compare: the engine in the webhook server's thread
// (SAS_GUARD_SCAN_THREADS=0, as before the scan pool) and on the scan pool (the default: one thread per core).
// `npm run bench:webhooks:flood` is the older bench (50 deliveries/s, no heavy scans). Exits 0.
import { availableParallelism, cpus } from "node:os";
import { FakeGitHub } from "../dist-support/test/support/fake-github/index.js";
import { generateAppKeys, startApp } from "../dist-support/test/support/app-process.js";
import { fakeSigEncoded } from "../dist-support/test/support/fake-secrets.js";

const RATE = Number(process.env.BENCH_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const HEAVY = Number(process.env.BENCH_HEAVY ?? 10);
const HEAVY_MB = Number(process.env.BENCH_HEAVY_MB ?? 4);

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const ms = (x) => `${x.toFixed(1)} ms`;

function azcopyLog(seed) {
  const lines = [];
  let size = 0;
  const sig = fakeSigEncoded(`azcopy-${seed}`);
  for (let i = 0; size < HEAVY_MB * 1_048_576; i++) {
    const l = `2026/11/30 10:${String(i % 60).padStart(2, "0")}:00 INFO: [P#0-T#${i}] Starting transfer: Source "https://backupacct${seed}.blob.core.windows.net/nightly/part-${i}.bin?se=2027-01-01T00%3A00%3A00Z&sig=${sig}&sp=rwl&sr=c&sv=2023-01-03" Destination "/data/part-${i}.bin"\n`;
    lines.push(l);
    size += l.length;
  }
  return lines.join("");
}

async function run(label, threads) {
  const keys = generateAppKeys();
  const fake = await new FakeGitHub({ appId: keys.appId, publicKey: keys.publicKey }).start();
  const heavy = [];
  for (let i = 0; i < HEAVY; i++) {
    const repo = fake.createRepo(`heavy-org-${i}`, `backups-${i}`, 8000 + i);
    heavy.push({ ...fake.push(repo, "main", { [`logs/azcopy-${i}.log`]: azcopyLog(i) }, "Add transfer log"), repo });
  }
  const light = [];
  const total = RATE * SECONDS;
  const repos = Array.from({ length: 50 }, (_, i) => fake.createRepo(`org-${i % 10}`, `service-${i}`, 9000 + i));
  for (let i = 0; i < total; i++) light.push({ ...fake.push(repos[i % repos.length], "main", { [`src/part-${i}.ts`]: `export const build = ${i};\n` }, `Change ${i}`), repo: repos[i % repos.length] });

  // SAS_GUARD_SCAN_NICE and SAS_GUARD_DOC_BUDGET_MS set for the bench are passed on to the App (to compare settings).
  const passed = Object.fromEntries(["SAS_GUARD_SCAN_NICE", "SAS_GUARD_DOC_BUDGET_MS"].filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]));
  const env = { ...passed, ...(threads === undefined ? {} : { SAS_GUARD_SCAN_THREADS: threads }) };
  const app = await startApp({ keys, gheHost: fake.host, logLevel: "warn", env, nodeArgs: process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) });
  const completedAt = (d) => {
    const at = d.repo.checkRuns.find((r) => r.head_sha === d.sha && r.status === "completed")?.history.at(-1).at;
    return at === undefined ? undefined : new Date(at).getTime();
  };

  const acks = [];
  const start = performance.now();
  const inflight = [];
  const all = [...heavy.map((d) => ({ ...d, heavy: true })), ...light];
  for (let i = 0; i < all.length; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const d = all[i];
    d.sentAt = Date.now();
    inflight.push(app.deliver("push", d.payload).then((r) => acks.push({ ms: r.ms, status: r.status, heavy: !!d.heavy, sentAt: d.sentAt })));
  }
  await Promise.all(inflight);
  const deadline = Date.now() + 300_000;
  while (all.some((d) => completedAt(d) === undefined) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  const heavyDone = Math.max(...heavy.map((d) => completedAt(d) ?? Infinity));
  const during = acks.filter((a) => !a.heavy && a.sentAt < heavyDone).map((a) => a.ms);
  const heavyE2e = all.filter((d) => d.heavy).map((d) => (completedAt(d) ?? NaN) - d.sentAt);
  const findings = heavy.map((d) => fake.checkRuns(d.sha).find((r) => r.status === "completed")?.conclusion);
  await app.stop();
  await fake.stop();
  return { label, during, acks, heavyE2e, findings, failures: acks.filter((a) => a.status !== 200).length, incomplete: all.filter((d) => completedAt(d) === undefined).length };
}

console.log(`machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), availableParallelism ${availableParallelism()}, Node ${process.version}`);
console.log(`${HEAVY} pushes of ${HEAVY_MB} MB azcopy logs first, then small pushes; ${RATE} deliveries/s for ${SECONDS} s; embedded queue (default concurrency)`);
const results = [];
// BENCH_THREADS: the SAS_GUARD_SCAN_THREADS values to compare, "default" for unset (one per core).
const settings = (process.env.BENCH_THREADS ?? "0,default").split(",").map((t) => t.trim());
for (const t of settings) {
  const threads = t === "default" ? undefined : t;
  const label = t === "0" ? "engine in the server thread (SAS_GUARD_SCAN_THREADS=0)" : t === "default" ? `scan pool (App default: ${Math.max(1, availableParallelism() - 1)} thread(s))` : `scan pool (SAS_GUARD_SCAN_THREADS=${t})`;
  const r = await run(label, threads);
  results.push(r);
  console.log("");
  console.log(label);
  console.log(`  acks while heavy scans ran: ${r.during.length}; p50 ${ms(pct(r.during, 50))}, p99 ${ms(pct(r.during, 99))}, max ${ms(Math.max(...r.during))}  (target p99 < 100 ms: ${pct(r.during, 99) < 100 ? "met" : "MISSED"})`);
  console.log(`  all acks: ${r.acks.length}, non-200: ${r.failures}; heavy pushes delivery → check run completed: p50 ${(pct(r.heavyE2e, 50) / 1000).toFixed(2)} s, max ${(Math.max(...r.heavyE2e) / 1000).toFixed(2)} s; heavy conclusions: ${[...new Set(r.findings)].join(", ")}; not completed: ${r.incomplete}`);
}
console.log("");
const [a] = results;
for (const b of results.slice(1)) console.log(`ratio p99 ack, ${b.label} / ${a.label}: ${(pct(b.during, 99) / pct(a.during, 99)).toFixed(2)}`);
process.exit(0);
