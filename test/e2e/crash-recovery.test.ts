// Issue 15 item 11: the built App on the embedded queue is SIGKILLed in the middle of a job with more queued behind
// it, and started again on the same SAS_GUARD_DATA_DIR: every commit ends with exactly one completed check run.
import { afterAll, describe, expect, test } from "@jest/globals";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeRuns, FakeGitHub, generateAppKeys, Planted, sleep, startApp, waitFor, type AppProcess } from "./helpers.js";

const planted = new Planted();
let fake: FakeGitHub | undefined;
const apps: AppProcess[] = [];

afterAll(async () => {
  for (const a of apps) await a.stop().catch(() => undefined);
  await fake?.stop();
});

describe("crash recovery (embedded queue)", () => {
  test("SIGKILL mid-job, restart on the same data directory: every commit ends with exactly one completed run", async () => {
    const keys = generateAppKeys();
    fake = await new FakeGitHub({ appId: keys.appId, publicKey: keys.publicKey }).start();
    const dataDir = mkdtempSync(join(tmpdir(), "sas-guard-crash-"));
    const start = async () => {
      const a = await startApp({ keys, gheHost: fake!.host, logLevel: "info", dataDir, env: { SAS_GUARD_CONCURRENCY: "2", SAS_GUARD_PER_INSTALLATION: "1" } });
      apps.push(a);
      return a;
    };
    const first = await start();
    const repos = [fake.createRepo("acme", "crash-a", 701), fake.createRepo("acme", "crash-b", 702)];
    const pushes = repos.flatMap((repo, r) =>
      [0, 1].map((i) =>
        fake!.push(repo, "main", { [`conf/${i}.env`]: i === 0 && r === 0 ? `SAS=${planted.sig(`crash-${r}-${i}`)}\n` : `ok=${i}\n` }, `commit ${i}`),
      ),
    );
    // GitHub is slow on every compare: jobs are mid-way (run in progress) or still queued when the App dies.
    fake.addFault({ match: /^GET \/repos\/acme\/crash-[ab]\/compare\//, times: 2, delayMs: 8_000 });

    for (const p of pushes) expect((await first.deliver("push", p.payload)).status).toBe(200);
    await waitFor(
      "a run in progress",
      () => fake!.checkRuns().some((r) => r.status === "in_progress"),
      15_000,
      () => describeRuns(fake!),
    );
    first.kill("SIGKILL");
    await first.exited;
    expect(fake.checkRuns().every((r) => r.status !== "completed")).toBe(true);

    const second = await start();
    const done = () => pushes.every((p) => fake!.checkRuns(p.sha).some((r) => r.status === "completed"));
    await waitFor("every commit completed after the restart", done, 60_000, () => `${describeRuns(fake!)}\n${second.logs.slice(-10).join("\n")}`);
    await sleep(1_000); // nothing more should follow

    for (const p of pushes) {
      const runs = fake.checkRuns(p.sha);
      expect(runs).toHaveLength(1);
      expect(runs[0].status).toBe("completed");
    }
    expect(fake.checkRuns(pushes[0].sha)[0].conclusion).toBe("failure");
  }, 120_000);
});
