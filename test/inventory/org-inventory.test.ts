// The organisation inventory end to end, black-box over the fake GitHub: installing the App on an org of four
// repositories (private .github, private webapp without Advanced Security, public site, archived legacy) uploads
// SARIF where code scanning is available, notes the 403 where it is not, and keeps one dashboard issue listing
// every credential once, riskiest first, with no secret; a later baseline updates that issue in place.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileInventoryStore } from "../../src/github/inventory/file-store.js";
import { FINGERPRINT_KEY } from "../../src/report/render-sarif.js";
import {
  ALL_REPOS,
  createScene,
  dashboards,
  install,
  leaks,
  loadApp,
  ORG,
  uploadedSarif,
  validateAllWrites,
  validateRequestBody,
  type Scene,
} from "./harness.js";

let scene: Scene;
let dir: string;
let store: FileInventoryStore;

beforeAll(async () => {
  scene = await createScene();
  dir = mkdtempSync(join(tmpdir(), "sas-guard-inventory-"));
  store = new FileInventoryStore(dir);
  await install(await loadApp(scene, store));
});

afterAll(async () => {
  await scene.fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

const section = (body: string, heading: string): string => body.split(`### ${heading}`)[1]?.split("\n### ")[0] ?? "";

describe("installing on an organisation", () => {
  test("the public site's baseline SARIF is uploaded: valid SARIF 2.1.0 and OpenAPI body, right commit_sha and ref, fingerprints as partialFingerprints", () => {
    const [upload] = scene.site.sarifs;
    expect(scene.site.sarifs).toHaveLength(1);
    expect(upload.commit_sha).toBe(scene.site.branches.get("main"));
    expect(upload.ref).toBe("refs/heads/main");
    expect(upload.tool_name).toBe("SAS Guard");
    validateRequestBody("code-scanning/upload-sarif", { commit_sha: upload.commit_sha, ref: upload.ref, sarif: upload.sarif, tool_name: upload.tool_name });
    const log = uploadedSarif(upload.sarif);
    const results = log.runs[0].results;
    expect(results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri).sort()).toEqual(["config/re%7Cport%20%3Cb%3E.env", "docs/setup.md"]);
    for (const r of results) expect(r.partialFingerprints[FINGERPRINT_KEY]).toMatch(/^sg1:[0-9a-f]{24}$/);
  });

  test("the same token in two repositories is one record with two locations", async () => {
    const inv = await store.read(ORG);
    const incident = Object.values(inv.records).filter((r) => r.kind === "account-sas");
    expect(incident).toHaveLength(1);
    expect(incident[0].locations.map((l) => `${l.repo}/${l.path}`).sort()).toEqual(["site/docs/setup.md", "webapp/README.md"]);
    expect(incident[0].exposure.visibility).toBe("public");
    const sarifFingerprints = uploadedSarif(scene.site.sarifs[0].sarif).runs[0].results.map((r: any) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(sarifFingerprints).toContain(incident[0].fingerprint);
  });

  test("a 403 from code scanning (no Advanced Security) is noted once in the store and in the baseline check run; no upload", async () => {
    expect(scene.webapp.sarifs).toEqual([]);
    const inv = await store.read(ORG);
    expect(inv.repos.webapp.codeScanning).toMatchObject({ unavailable: true, reason: expect.stringContaining("403") });
    const run = scene.webapp.checkRuns.find((r) => r.name === "SAS Guard baseline")!;
    expect(run.output.summary).toContain("Code scanning is not available for this repository");
    expect(run.conclusion).toBe("failure");
  });

  test("the archived repository gets nothing: no check run, no upload, no record", async () => {
    expect(scene.legacy.checkRuns).toEqual([]);
    expect(scene.legacy.sarifs).toEqual([]);
    const inv = await store.read(ORG);
    expect(
      Object.values(inv.records)
        .flatMap((r) => r.locations)
        .some((l) => l.repo === "legacy"),
    ).toBe(false);
  });

  test("one dashboard issue in the private .github repository: counts, every credential once, riskiest first, escaped paths, no secret", async () => {
    const issues = dashboards(scene.fake);
    expect(issues.map((i) => i.repo)).toEqual([".github"]);
    const { body, title, labels, state } = issues[0];
    expect(title).toBe(`SAS Guard: 2 open Azure credentials in ${ORG}`);
    expect(labels).toEqual(["sas-guard"]);
    expect(state).toBe("open");
    const inv = await store.read(ORG);
    const open = section(body, "Open credentials, riskiest first");
    for (const fp of Object.keys(inv.records)) expect(open.split(fp).length - 1).toBe(1);
    expect(Object.keys(inv.records)).toHaveLength(3);
    // rows in severity order: critical first, the allowlisted one last
    const rows = open.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| Severity") && !l.startsWith("| ---"));
    expect(rows.map((r) => r.split(" | ")[0].slice(2))).toEqual(["Critical", expect.any(String), expect.any(String)]);
    expect(rows[2]).toContain("allowlisted");
    expect(body).toContain("re\\|port &lt;b&gt;.env");
    expect(body).not.toContain("<b>");
    expect(body).toContain(`/${ORG}/site/blob/${scene.site.branches.get("main")}/docs/setup.md#L1`);
    expect(section(body, "Expiring within 30 days")).toContain("(in 10 days)");
    expect(section(body, "Never expires")).toContain(scene.allowlistedFingerprint);
    expect(leaks(scene.fake)).toEqual([]);
  });

  test("every write is valid for GitHub's API; no route the fake does not know", () => {
    const counts = validateAllWrites(scene.fake);
    // .github (no findings: an empty analysis), webapp (answered 403), site
    expect(counts["code-scanning/upload-sarif"]).toBe(3);
    expect(scene.dotGithub.sarifs).toHaveLength(1);
    expect(counts["issues/create"]).toBe(1);
    expect(scene.fake.unhandled).toEqual([]);
  });

  test("a second baseline updates the same issue in place (no second issue); restart keeps the store", async () => {
    const before = dashboards(scene.fake)[0];
    const firstSeen = (await store.read(ORG)).records[scene.allowlistedFingerprint].firstSeen;
    // a restart: a new store object on the same directory, a new App
    const restarted = new FileInventoryStore(dir);
    expect(Object.keys((await restarted.read(ORG)).records)).toHaveLength(3);
    await install(await loadApp(scene, restarted, () => new Date(Date.parse("2026-11-26T00:00:00Z"))), ALL_REPOS, "install-2");
    const after = dashboards(scene.fake);
    expect(after).toHaveLength(1);
    expect(after[0].number).toBe(before.number);
    expect(after[0].body).toContain("Updated 2026-11-26T00:00:00Z");
    const inv = await restarted.read(ORG);
    expect(inv.records[scene.allowlistedFingerprint].firstSeen).toBe(firstSeen);
    expect(inv.records[scene.allowlistedFingerprint].lastSeen).toBe("2026-11-26T00:00:00.000Z");
    // code scanning: the 403 is remembered, so webapp is not asked again within the week
    expect(scene.fake.requests.filter((r) => r.method === "POST" && r.path.endsWith("/webapp/code-scanning/sarifs"))).toHaveLength(1);
    expect(scene.site.sarifs).toHaveLength(2);
    validateAllWrites(scene.fake);
  });

  test("a push to the site's default branch uploads the whole head from the inventory: unchanged files included, moved lines followed", async () => {
    const before = scene.site.sarifs.length;
    const { payload, sha } = scene.fake.push(
      scene.site,
      "main",
      { "docs/setup.md": `# Setup\n\n${scene.tokens.incident.replace(/^/, "Download the sample data from ")}\n` },
      "Add a title",
    );
    await (await loadApp(scene, store)).receive({ id: "push-site", name: "push", payload } as any);
    expect(scene.site.sarifs).toHaveLength(before + 1);
    const upload = scene.site.sarifs.at(-1)!;
    expect(upload).toMatchObject({ commit_sha: sha, ref: "refs/heads/main" });
    const results = uploadedSarif(upload.sarif).runs[0].results.map(
      (r: any) => `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}`,
    );
    expect(results.sort()).toEqual(["config/re%7Cport%20%3Cb%3E.env:1", "docs/setup.md:3"]);
    validateAllWrites(scene.fake);
    expect(leaks(scene.fake)).toEqual([]);
  });
});
