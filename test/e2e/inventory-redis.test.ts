// Two App replicas sharing one inventory over a real Redis (REDIS_URL): optimistic transactions lose no update,
// and concurrent baselines on both replicas produce ONE dashboard issue listing every credential once. The
// Apps run in process against the fake GitHub; Redis is a throwaway redis-server (test/support/redis-server.ts).
import { RedisInventoryStore } from "../../src/github/inventory/redis-store.js";
import { mergeScan } from "../../src/github/inventory/merge-scan.js";
import { publishDashboard } from "../../src/github/inventory/publish-dashboard.js";
import { DEFAULT_CONFIG } from "../../src/config/load-config.js";
import { criticalAccountSas, report } from "../report/fixtures.js";
import { createInventoryStore } from "../../src/github/inventory/store.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";
import { createScene, dashboards, install, INSTALLATION, leaks, loadApp, NOW, ORG, validateAllWrites, type Scene } from "../inventory/harness.js";

let redis: RedisServer;
let scene: Scene;
const stores: RedisInventoryStore[] = [];
const newStore = () => {
  const s = createInventoryStore({ REDIS_URL: redis.url }) as RedisInventoryStore;
  stores.push(s);
  return s;
};

beforeAll(async () => {
  redis = await startRedis();
  scene = await createScene();
});

afterAll(async () => {
  for (const s of stores) await s.close();
  await scene?.fake.stop();
  await redis?.stop();
});

test("two store instances: 40 concurrent read-modify-write updates, none lost", async () => {
  const [a, b] = [newStore(), newStore()];
  await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? a : b).update("counter-org", (inv) => {
        inv.reevaluateHours = (inv.reevaluateHours ?? 0) + 1;
      }),
    ),
  );
  expect((await a.read("counter-org")).reevaluateHours).toBe(40);
  await a.delete("counter-org");
  expect(await b.orgs()).toEqual([]);
});

test("two replicas baselining the org at the same time: one dashboard, every credential once, one shared store", async () => {
  const [appA, appB] = [await loadApp(scene, newStore()), await loadApp(scene, newStore())];
  await Promise.all([install(appA, [".github", "webapp"], "replica-a"), install(appB, ["site", "webapp"], "replica-b")]);
  const issues = dashboards(scene.fake);
  expect(issues).toHaveLength(1);
  const inv = await newStore().read(ORG);
  expect(Object.keys(inv.records)).toHaveLength(3);
  // the issue shows the final inventory: every record once in the table
  const table = issues[0].body.split("### Open credentials, riskiest first")[1].split("\n### ")[0];
  for (const fp of Object.keys(inv.records)) expect(table.split(fp).length - 1).toBe(1);
  expect(inv.dashboard).toMatchObject({ repo: ".github", issueNumber: issues[0].number });
  expect(leaks(scene.fake)).toEqual([]);
  validateAllWrites(scene.fake);
});

test("two replicas publishing at the same instant (GitHub slow to list issues): the lease lets one create the issue", async () => {
  const org = "fabrikam";
  const dot = scene.fake.createRepo(org, ".github", INSTALLATION);
  dot.visibility = "private";
  const [a, b] = [newStore(), newStore()];
  await a.update(org, (inv) => {
    mergeScan(
      inv,
      {
        owner: org,
        repo: "app",
        visibility: "private",
        sha: "c".repeat(40),
        ref: "refs/heads/main",
        kind: "baseline",
        report: report({ findings: [criticalAccountSas()] }),
      },
      NOW,
    );
    inv.installationId = INSTALLATION;
  });
  scene.fake.addFault({ match: /^GET \/repos\/fabrikam\/\.github\/issues\?/, times: 4, delayMs: 400 });
  const app = await loadApp(scene, a);
  const client = await app.auth(INSTALLATION);
  const o = { webBaseUrl: "https://github.com", now: NOW };
  const outcomes = await Promise.all([
    publishDashboard(client, a, org, DEFAULT_CONFIG.inventory, { ...o, holder: "replica-a" }),
    publishDashboard(client, b, org, DEFAULT_CONFIG.inventory, { ...o, holder: "replica-b" }),
  ]);
  expect(outcomes.filter((x) => x.deferred)).toHaveLength(1);
  expect(dot.issues).toHaveLength(1);
});

test("with REDIS_URL the re-evaluation is a repeatable BullMQ job: it runs and marks the org re-evaluated", async () => {
  const { startInventorySchedule } = await import("../../src/github/inventory/schedule.js");
  const store = newStore();
  const app = await loadApp(scene, store);
  const later = new Date(NOW.getTime() + 3 * 86_400_000);
  const schedule = startInventorySchedule({
    store,
    auth: (id) => app.auth(id),
    webBaseUrl: "https://github.com",
    now: () => later,
    checkEveryMs: 200,
    redisUrl: redis.url,
  });
  try {
    const deadline = Date.now() + 20_000;
    while ((await store.read(ORG)).lastReevaluatedAt !== later.toISOString() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect((await store.read(ORG)).lastReevaluatedAt).toBe(later.toISOString());
  } finally {
    await schedule.stop();
  }
});
