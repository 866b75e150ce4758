// Kept current without new pushes: the scheduled re-evaluation (injected `now`) turns an expired token into info
// and brings back a finding whose allowlist entry expired, with a new failing baseline check run on the default
// branch head; a push that deletes a file moves its token to "removed from HEAD, still in history".
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Probot } from "probot";
import { FileInventoryStore } from "../../src/github/inventory/file-store.js";
import { reevaluateOrg } from "../../src/github/inventory/reevaluate.js";
import { startInventorySchedule } from "../../src/github/inventory/schedule.js";
import { createScene, dashboards, DAY, fingerprintOf, install, leaks, loadApp, NOW, ORG, validateAllWrites, type Scene } from "./harness.js";

let scene: Scene;
let dir: string;
let store: FileInventoryStore;
let probot: Probot;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

beforeAll(async () => {
  scene = await createScene();
  dir = mkdtempSync(join(tmpdir(), "sas-guard-inventory-"));
  store = new FileInventoryStore(dir);
  probot = await loadApp(scene, store);
  await install(probot);
});

afterAll(async () => {
  await scene.fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

const deps = async (now: Date) => ({ client: await probot.auth(31337), store, now, webBaseUrl: "https://github.com" });

test("day 6: the allowlist entry (until day 5) has expired: the finding counts again, with a new failing baseline check run on webapp's head", async () => {
  const runsBefore = scene.webapp.checkRuns.length;
  const out = await reevaluateOrg(ORG, await deps(at(6)));
  expect(out.newlyFailing).toEqual([scene.allowlistedFingerprint]);
  expect(out.checkRuns.map((r) => r.repo)).toEqual(["webapp"]);
  const run = scene.webapp.checkRuns[runsBefore];
  const head = scene.webapp.branches.get("main")!;
  expect(run).toMatchObject({ name: "SAS Guard baseline", head_sha: head, status: "completed", conclusion: "failure" });
  expect(run.external_id).toBe(`sas-guard:baseline:${head}:reevaluated:2026-12-01`);
  expect(run.output.title).toMatch(/^Baseline: allowlist entry expired: Critical/);
  expect(run.output.summary).toContain(scene.allowlistedFingerprint);
  expect(run.annotations).toEqual([expect.objectContaining({ path: "src/settings.json", start_line: 2, annotation_level: "failure" })]);
  const record = (await store.read(ORG)).records[scene.allowlistedFingerprint];
  expect(record.suppression).toBeUndefined();
  expect(record.liftedSuppression).toMatchObject({ reason: "staging account, rotation booked" });
  expect(record.trail.join("\n")).toContain("allowlist entry (staging account, rotation booked) expired");
  // the dashboard now counts it: 3 open, none allowlisted
  expect(dashboards(scene.fake)[0].title).toBe(`SAS Guard: 3 open Azure credentials in ${ORG}`);
  // the same day again: nothing new (no second check run)
  const again = await reevaluateOrg(ORG, await deps(at(6)));
  expect(again.checkRuns).toEqual([]);
});

test("day 11: the read SAS that expired on day 10 drops to info; 'expires in N days' follows the date", async () => {
  const fp = fingerprintOf(scene.tokens.expiring);
  expect((await store.read(ORG)).records[fp].severity).toBe("low");
  const out = await reevaluateOrg(ORG, await deps(at(11)));
  expect(out.checkRuns).toEqual([]);
  const record = (await store.read(ORG)).records[fp];
  expect(record.severity).toBe("info");
  expect(record.scannedSeverity).toBe("low");
  expect(record.status).toBe("expired");
  expect(record.trail.join("\n")).toContain("token expired on 2026-12-05: low → info");
  const body = dashboards(scene.fake)[0].body;
  expect(body).toContain("expired 2026-12-05");
  expect(body.split("### Expiring within 30 days")[1].split("###")[0]).not.toContain(fp);
});

test("the schedule re-evaluates an org that is due (timer with the embedded store), and not again before reevaluateHours", async () => {
  const schedule = startInventorySchedule({ store, auth: (id) => probot.auth(id), webBaseUrl: "https://github.com", now: () => at(13), checkEveryMs: 25 });
  try {
    const deadline = Date.now() + 10_000;
    while ((await store.read(ORG)).lastReevaluatedAt !== at(13).toISOString() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect((await store.read(ORG)).lastReevaluatedAt).toBe(at(13).toISOString());
    expect((await schedule.runOnce()).size).toBe(0); // re-evaluated a moment ago: not due
  } finally {
    await schedule.stop();
  }
});

test("a push to the default branch that deletes the allowlisted file: removed from HEAD, still in history, still open", async () => {
  const { payload } = scene.fake.push(scene.webapp, "main", { "src/settings.json": null }, "Remove the staging settings");
  await probot.receive({ id: "push-1", name: "push", payload } as Parameters<Probot["receive"]>[0]);
  const record = (await store.read(ORG)).records[scene.allowlistedFingerprint];
  expect(record.locations).toEqual([expect.objectContaining({ repo: "webapp", path: "src/settings.json", atHead: false })]);
  expect(record.status).toBe("open");
  expect(record.statusNote).toBe("removed from HEAD, still in history: revoke it, deleting it does not");
  const body = dashboards(scene.fake)[0].body;
  expect(body.split("### Recently fixed")[1]).toContain(scene.allowlistedFingerprint);
  expect(body.split("### Open credentials")[1].split("###")[0]).toContain("(history only)");
  // the incident token is still at the head of both repositories
  const incident = (await store.read(ORG)).records[fingerprintOf(scene.tokens.incident)];
  expect(incident.locations.every((l) => l.atHead)).toBe(true);
  expect(dashboards(scene.fake)).toHaveLength(1);
  expect(leaks(scene.fake)).toEqual([]);
  validateAllWrites(scene.fake);
  expect(scene.fake.unhandled).toEqual([]);
});

test("a push to the default branch that touches no token does not rewrite the dashboard", async () => {
  const writes = () => scene.fake.requests.filter((r) => r.method === "PATCH" && /\/issues\/\d+$/.test(r.path)).length;
  const before = writes();
  const { payload } = scene.fake.push(scene.webapp, "main", { "CHANGELOG.md": "# 1.0.1\n" }, "Changelog");
  await probot.receive({ id: "push-2", name: "push", payload } as Parameters<Probot["receive"]>[0]);
  expect(scene.webapp.checkRuns.at(-1)).toMatchObject({ head_sha: scene.webapp.branches.get("main"), conclusion: "success" });
  expect(writes()).toBe(before);
  expect((await store.read(ORG)).repos.webapp.lastScan).toMatchObject({ sha: scene.webapp.branches.get("main"), kind: "push" });
});
