// npm run bench:webhooks — webhook ack latency and end-to-end job time of the REAL built App on loopback.
// Starts the fake GitHub (dist-support/, built from test/support by `npm run build:support`) with BENCH_REPOS
// repositories, starts `node dist/main.js` against it (embedded queue; REDIS_URL=… to use Redis), sends signed push
// deliveries at BENCH_RATE/s for BENCH_SECONDS s (default 50/s for 20 s), then waits for every check run to complete.
// Prints ack latency p50/p99/max (target: p99 < 100 ms) and delivery → completed check run times. Exits 0.
import { FakeGitHub } from "../dist-support/test/support/fake-github/index.js";
import { generateAppKeys, startApp } from "../dist-support/test/support/app-process.js";
import { fakeSigEncoded } from "../dist-support/test/support/fake-secrets.js";

const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const REPOS = Number(process.env.BENCH_REPOS ?? 100);
const DRAIN_S = Number(process.env.BENCH_DRAIN_SECONDS ?? 180);
const total = RATE * SECONDS;

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const ms = (x) => `${x.toFixed(1)} ms`;

const keys = generateAppKeys();
const fake = await new FakeGitHub({ appId: keys.appId, publicKey: keys.publicKey }).start();
const repos = Array.from({ length: REPOS }, (_, i) => fake.createRepo(`bench-org-${i % 10}`, `service-${i}`, 9000 + i));
const deliveries = [];
for (let i = 0; i < total; i++) {
  const repo = repos[i % REPOS];
  const risky = i % 5 === 0;
  const text = risky ? `url = "https://robustnessws4285631339.blob.core.windows.net/?sv=2020-08-04&ss=bfqt&srt=sco&sp=rwdlacupitfx&se=2051-10-06T07:09:59Z&st=2021-10-05T23:09:59Z&spr=https,http&sig=${fakeSigEncoded(`bench-${i}`)}"\n` : `export const build = ${i};\n`;
  const { payload, sha } = fake.push(repo, "main", { [`src/part-${i}.ts`]: text }, `Change ${i}`);
  deliveries.push({ payload, sha, repo });
}

const env = { ...(process.env.SAS_GUARD_WORKER ? { SAS_GUARD_WORKER: process.env.SAS_GUARD_WORKER } : {}), SAS_GUARD_CONCURRENCY: process.env.SAS_GUARD_CONCURRENCY ?? "32", SAS_GUARD_PER_INSTALLATION: process.env.SAS_GUARD_PER_INSTALLATION ?? "2" };
const app = await startApp({ keys, gheHost: fake.host, logLevel: "warn", redisUrl: process.env.REDIS_URL, env, nodeArgs: process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) });
console.log(`fake GitHub on ${fake.host}; app (pid ${app.child.pid}) on ${app.url}; ${REPOS} repositories/installations; ${process.env.REDIS_URL ? "Redis" : "embedded"} queue, concurrency ${env.SAS_GUARD_CONCURRENCY}`);
console.log(`sending ${total} signed push deliveries at ${RATE}/s for ${SECONDS} s…`);

const acks = [];
const sentAt = new Map();
const failures = [];
const start = performance.now();
const inflight = [];
for (let i = 0; i < total; i++) {
  const due = start + (i * 1000) / RATE;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const d = deliveries[i];
  sentAt.set(d.sha, Date.now());
  inflight.push(
    app.deliver("push", d.payload).then(
      (r) => {
        acks.push(r.ms);
        if (r.status !== 200) failures.push(r.status);
      },
      (e) => failures.push(String(e)),
    ),
  );
}
await Promise.all(inflight);
const sendSeconds = (performance.now() - start) / 1000;

const completedAt = (d) => d.repo.checkRuns.find((r) => r.head_sha === d.sha && r.status === "completed")?.history.at(-1).at;
const drainDeadline = Date.now() + DRAIN_S * 1000;
while (deliveries.some((d) => completedAt(d) === undefined) && Date.now() < drainDeadline) await new Promise((r) => setTimeout(r, 250));
const e2e = deliveries.map((d) => completedAt(d) - sentAt.get(d.sha)).filter((x) => Number.isFinite(x));

console.log("");
console.log(`acks: ${acks.length} in ${sendSeconds.toFixed(1)} s, non-200: ${failures.length}`);
console.log(`ack latency: p50 ${ms(pct(acks, 50))}, p99 ${ms(pct(acks, 99))}, max ${ms(Math.max(...acks))}  (target p99 < 100 ms: ${pct(acks, 99) < 100 ? "met" : "MISSED"})`);
console.log(`end to end (delivery → check run completed on the fake): ${e2e.length}/${total} completed; p50 ${(pct(e2e, 50) / 1000).toFixed(2)} s, p99 ${(pct(e2e, 99) / 1000).toFixed(2)} s, max ${(Math.max(...e2e) / 1000).toFixed(2)} s`);
const runs = fake.checkRuns();
console.log(`check runs: ${runs.length} (${runs.filter((r) => r.conclusion === "failure").length} failure, ${runs.filter((r) => r.conclusion === "success").length} success, ${runs.filter((r) => r.status !== "completed").length} not completed); GitHub API requests: ${fake.requests.length}`);
console.log("note: Probot throttles writes per installation (1 per second), so end-to-end time grows with jobs per installation.");
await app.stop();
await fake.stop();
process.exit(0);
