// The dashboard lists where the org's live credentials sit, so it is never written to a public repository: the
// refusal is said in each baseline check run and remembered in the store. `inventory.repository` moves it to a
// private repository of the org's choice; `inventory.dashboard: false` / `codeScanning: false` turn surfaces off.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileInventoryStore } from "../../src/github/inventory/file-store.js";
import { createScene, dashboards, install, leaks, loadApp, ORG, validateAllWrites, INSTALLATION, type Scene } from "./harness.js";

const dirs: string[] = [];
const scenes: Scene[] = [];
const freshStore = () => {
  const d = mkdtempSync(join(tmpdir(), "sas-guard-inventory-"));
  dirs.push(d);
  return new FileInventoryStore(d);
};

afterAll(async () => {
  for (const s of scenes) await s.fake.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test("a public .github repository: no dashboard anywhere, and every baseline check run with findings says why", async () => {
  const scene = await createScene({ publicDotGithub: true });
  scenes.push(scene);
  const store = freshStore();
  await install(await loadApp(scene, store));
  expect(dashboards(scene.fake)).toEqual([]);
  expect(scene.fake.requests.filter((r) => r.method === "POST" && r.path.endsWith("/issues"))).toEqual([]);
  for (const repo of [scene.webapp, scene.site]) {
    const run = repo.checkRuns.find((r) => r.name === "SAS Guard baseline")!;
    expect(run.output.summary).toContain(
      `The organisation dashboard was not written: ${ORG}/.github is public: SAS Guard does not publish the list of the organisation's credentials in a public repository.`,
    );
  }
  const inv = await store.read(ORG);
  expect(inv.dashboard?.refused).toContain("is public");
  expect(Object.keys(inv.records)).toHaveLength(3); // the inventory itself is still kept (and code scanning used)
  expect(scene.site.sarifs).toHaveLength(1);
  validateAllWrites(scene.fake);
  expect(leaks(scene.fake)).toEqual([]);
});

test("inventory.repository names a private repository: the dashboard goes there, not to the public .github", async () => {
  const scene = await createScene({ publicDotGithub: true, orgConfig: "inventory:\n  repository: security-dashboard\n" });
  scenes.push(scene);
  const target = scene.fake.createRepo(ORG, "security-dashboard", INSTALLATION);
  target.visibility = "private";
  await install(await loadApp(scene, freshStore()));
  expect(dashboards(scene.fake).map((d) => d.repo)).toEqual(["security-dashboard"]);
  expect(scene.dotGithub.issues).toEqual([]);
  validateAllWrites(scene.fake);
});

test("inventory.dashboard: false and inventory.codeScanning: false: neither surface is touched, the store still records", async () => {
  const scene = await createScene({ orgConfig: "inventory:\n  dashboard: false\n  codeScanning: false\n" });
  scenes.push(scene);
  const store = freshStore();
  await install(await loadApp(scene, store));
  expect(dashboards(scene.fake)).toEqual([]);
  expect(scene.fake.requests.filter((r) => r.path.includes("/code-scanning/"))).toEqual([]);
  expect(Object.keys((await store.read(ORG)).records)).toHaveLength(3);
});

test("inventory.enabled: false: nothing is stored", async () => {
  const scene = await createScene({ orgConfig: "inventory:\n  enabled: false\n" });
  scenes.push(scene);
  const store = freshStore();
  await install(await loadApp(scene, store));
  expect(await store.orgs()).toEqual([]);
  expect(dashboards(scene.fake)).toEqual([]);
});
