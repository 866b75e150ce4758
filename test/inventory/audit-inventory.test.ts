// `sas-guard audit --org ORG --inventory --format markdown|json|csv` against the fake GitHub with a token: the
// same inventory builder and dashboard renderer as the App, read-only (no write request), archived repos included.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { INVENTORY_MARKER } from "../../src/github/inventory/render-inventory-dashboard.js";
import { createScene, fingerprintOf, INSTALLATION, leaks, NOW, ORG, planted, type Scene } from "./harness.js";

let scene: Scene;
let dir: string;
const saved = { ...process.env };

beforeAll(async () => {
  scene = await createScene();
  dir = mkdtempSync(join(tmpdir(), "sas-guard-audit-"));
  process.env.GITHUB_TOKEN = scene.fake.issueToken(INSTALLATION);
  process.env.GITHUB_API_URL = scene.fake.apiBase;
  delete process.env.GH_TOKEN;
});

afterAll(async () => {
  process.env = saved;
  await scene.fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function audit(format: string): Promise<{ code: number; text: string }> {
  const output = join(dir, `inventory.${format}`);
  const code = await main(["audit", "--org", ORG, "--inventory", "--format", format, "--now", NOW.toISOString(), "--no-progress", "--output", output]);
  const text = readFileSync(output, "utf8");
  for (const s of planted) expect(text).not.toContain(s);
  return { code, text };
}

test("json: one record per credential, archived repository included, exit 1 for the critical ones", async () => {
  const { code, text } = await audit("json");
  expect(code).toBe(1);
  const out = JSON.parse(text);
  expect(out.org).toBe(ORG);
  const byFp = Object.fromEntries(out.records.map((r: any) => [r.fingerprint, r]));
  expect(Object.keys(byFp).sort()).toEqual(
    [fingerprintOf(scene.tokens.incident), fingerprintOf(scene.tokens.expiring), scene.allowlistedFingerprint, fingerprintOf(scene.tokens.legacyKey)].sort(),
  );
  expect(byFp[fingerprintOf(scene.tokens.incident)].locations.map((l: any) => l.repo).sort()).toEqual(["site", "webapp"]);
  expect(byFp[fingerprintOf(scene.tokens.legacyKey)].locations[0]).toMatchObject({ repo: "legacy", path: "app.config", atHead: true });
  expect(byFp[fingerprintOf(scene.tokens.expiring)].daysToExpiry).toBe(10);
});

test("markdown is the dashboard; csv has one row per credential; nothing was written to GitHub", async () => {
  const md = await audit("markdown");
  expect(md.text.startsWith(INVENTORY_MARKER)).toBe(true);
  expect(md.text).toContain("### Open credentials, riskiest first");
  const csv = await audit("csv");
  expect(csv.text.trimEnd().split("\r\n")).toHaveLength(1 + 4);
  expect(scene.fake.writes().filter((r) => !r.path.endsWith("/access_tokens"))).toEqual([]);
  expect(leaks(scene.fake)).toEqual([]);
});

test("--inventory with sarif is a usage error", async () => {
  const code = await main(["audit", "--org", ORG, "--inventory", "--format", "sarif", "--no-progress"]);
  expect(code).toBe(2);
});
