// npm run bench:writes — GitHub writes per push, and N pushes of ONE installation end to end, with the REAL
// throttling (Probot's @octokit/plugin-throttling: an installation's writes about 1 s apart). The built App
// (`node dist/main.js`, embedded queue) runs against the fake GitHub twice in one go:
//   before: SAS_GUARD_IN_PROGRESS_AFTER_MS=0 (every run created in progress, then completed: two writes per push)
//   after:  the default (a scan that ends within 2 s creates its run already completed: one write)
// BENCH_PUSHES (default 40) small pushes, each on its own branch of one of 4 repositories of the installation, all
// delivered at once; every 5th adds a token (the run fails, with one annotation). Pushes go to branches, not the
// default branch, so the organisation inventory's upload (a write of its own) stays out of the count.
// Prints the figures; exits 0. Mostly waiting on the throttle: it is light on the CPU.
import { availableParallelism, cpus } from "node:os";
import { FakeGitHub } from "../dist-support/test/support/fake-github/index.js";
import { generateAppKeys, startApp } from "../dist-support/test/support/app-process.js";
import { fakeSigEncoded } from "../dist-support/test/support/fake-secrets.js";

const PUSHES = Number(process.env.BENCH_PUSHES ?? 40);
const INSTALLATION = 4711;

async function run(label, env) {
  const keys = generateAppKeys();
  const fake = await new FakeGitHub({ appId: keys.appId, publicKey: keys.publicKey }).start();
  const repos = Array.from({ length: 4 }, (_, i) => fake.createRepo("bench-org", `service-${i}`, INSTALLATION));
  const pushes = [];
  for (let i = 0; i < PUSHES; i++) {
    const repo = repos[i % repos.length];
    const risky = i % 5 === 0;
    const text = risky
      ? `export const url = "https://acct.blob.core.windows.net/?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2051-10-06T00:00:00Z&spr=https&sig=${fakeSigEncoded(`writes-${i}`)}";\n`
      : `export const build = ${i};\n`;
    pushes.push({ ...fake.push(repo, `change-${i}`, { [`src/part-${i}.ts`]: text }, `Change ${i}`), repo, risky });
  }
  const app = await startApp({ keys, gheHost: fake.host, logLevel: "warn", env: { SAS_GUARD_INVENTORY: "false", ...env } });
  const completedAt = (p) => p.repo.checkRuns.find((r) => r.head_sha === p.sha && r.status === "completed")?.history.at(-1).at;
  const before = fake.requests.length;
  const start = Date.now();
  const acks = await Promise.all(pushes.map((p) => app.deliver("push", p.payload)));
  const deadline = Date.now() + 600_000;
  while (pushes.some((p) => completedAt(p) === undefined) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const end = Math.max(...pushes.map((p) => completedAt(p) ?? Date.now()));
  await new Promise((r) => setTimeout(r, 1500)); // anything that still follows is counted too
  const requests = fake.requests.slice(before);
  const checkRunWrites = requests.filter((r) => r.method !== "GET" && /\/check-runs(\/\d+)?$/.test(r.path));
  const runs = pushes.flatMap((p) => p.repo.checkRuns.filter((r) => r.head_sha === p.sha));
  const firstSeen = runs.map((r) => r.history[0]?.status);
  const result = {
    label,
    wall: (end - start) / 1000,
    writes: requests.filter((r) => r.method !== "GET").length,
    checkRunWrites: checkRunWrites.length,
    posts: checkRunWrites.filter((r) => r.method === "POST").length,
    patches: checkRunWrites.filter((r) => r.method === "PATCH").length,
    reads: requests.filter((r) => r.method === "GET").length,
    runs: runs.length,
    completed: runs.filter((r) => r.status === "completed").length,
    shownInProgress: firstSeen.filter((s) => s === "in_progress").length,
    failures: runs.filter((r) => r.conclusion === "failure").length,
    expectedFailures: pushes.filter((p) => p.risky).length,
    badAcks: acks.filter((a) => a.status !== 200).length,
  };
  await app.stop();
  await fake.stop();
  return result;
}

console.log(`machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), availableParallelism ${availableParallelism()}, Node ${process.version}`);
console.log(`${PUSHES} pushes of one installation, delivered at once; real write throttling (about 1 write/s per installation)\n`);
const results = [];
for (const [label, env] of [
  ["before (SAS_GUARD_IN_PROGRESS_AFTER_MS=0: in progress, then completed)", { SAS_GUARD_IN_PROGRESS_AFTER_MS: "0" }],
  ["after (default: completed in one request when the scan ends within 2 s)", {}],
]) {
  const r = await run(label, env);
  results.push(r);
  console.log(r.label);
  console.log(`  end to end: ${r.wall.toFixed(1)} s for ${PUSHES} pushes (${((PUSHES / r.wall) * 60).toFixed(0)} pushes/min)`);
  console.log(
    `  check-run writes: ${r.checkRunWrites} (${r.posts} POST, ${r.patches} PATCH) = ${(r.checkRunWrites / PUSHES).toFixed(2)} per push; all writes ${r.writes} (incl. the installation token exchange); reads ${r.reads}`,
  );
  console.log(
    `  runs: ${r.runs} (${r.completed} completed, ${r.shownInProgress} shown in progress first), failure ${r.failures} of ${r.expectedFailures} expected; non-200 acks ${r.badAcks}\n`,
  );
}
const [b, a] = results;
console.log(
  `writes per push: ${(b.checkRunWrites / PUSHES).toFixed(2)} → ${(a.checkRunWrites / PUSHES).toFixed(2)}; end to end ${b.wall.toFixed(1)} s → ${a.wall.toFixed(1)} s (${(b.wall / a.wall).toFixed(2)}× faster)`,
);
