// mergeScan and rateRecord, the pure core of the inventory: what a baseline, a push, a history scan and an
// incomplete scan may conclude about where a token still is, and what its status is on a given day.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileInventoryStore } from "../../src/github/inventory/file-store.js";
import { mergeScan, type DefaultBranchScan } from "../../src/github/inventory/merge-scan.js";
import { byRisk, rateRecord } from "../../src/github/inventory/rate-record.js";
import { emptyInventory } from "../../src/github/inventory/types.js";
import { mapOldLine } from "../../src/github/inventory/patch-lines.js";
import { renderInventoryCsv, renderInventoryJson } from "../../src/github/inventory/render-inventory-table.js";
import { criticalAccountSas, mediumServiceSas, rawSecretForms, report, suppressedAccountKey } from "../report/fixtures.js";

const NOW = new Date("2026-11-25T00:00:00Z");
const SHA1 = "a".repeat(40);
const SHA2 = "b".repeat(40);
const scan = (o: Partial<DefaultBranchScan> & Pick<DefaultBranchScan, "report">): DefaultBranchScan => ({
  owner: "contoso",
  repo: "app",
  visibility: "private",
  sha: SHA1,
  ref: "refs/heads/main",
  kind: "baseline",
  ...o,
});

test("a baseline that no longer finds a token at the head: removed from HEAD, still in history, still open", () => {
  const inv = emptyInventory("contoso");
  const f = criticalAccountSas();
  mergeScan(inv, scan({ report: report({ findings: [f] }) }), NOW);
  mergeScan(inv, scan({ sha: SHA2, report: report({ findings: [] }) }), new Date("2026-11-26T00:00:00Z"));
  const r = inv.records[f.fingerprint];
  expect(r.locations).toEqual([expect.objectContaining({ atHead: false, removedFromHeadAt: "2026-11-26T00:00:00.000Z", commit: SHA1 })]);
  expect(r.status).toBe("open");
  expect(r.statusNote).toMatch(/^removed from HEAD, still in history/);
});

test("a token that moved lines is the same location; an incomplete baseline removes nothing", () => {
  const inv = emptyInventory("contoso");
  const f = criticalAccountSas();
  mergeScan(inv, scan({ report: report({ findings: [f] }) }), NOW);
  mergeScan(inv, scan({ sha: SHA2, report: report({ findings: [{ ...f, line: 40 }] }) }), NOW);
  expect(inv.records[f.fingerprint].locations).toEqual([expect.objectContaining({ line: 40, commit: SHA2, atHead: true })]);
  mergeScan(inv, scan({ report: report({ findings: [], incomplete: ["README.md: GitHub answered 502"] }) }), NOW);
  expect(inv.records[f.fingerprint].locations[0].atHead).toBe(true);
});

test("a push only removes tokens from the files it deleted", () => {
  const inv = emptyInventory("contoso");
  const a = criticalAccountSas();
  const b = mediumServiceSas({ path: "src/b.ts" });
  mergeScan(inv, scan({ report: report({ findings: [a, b] }) }), NOW);
  mergeScan(inv, scan({ kind: "push", sha: SHA2, changedPaths: ["src/b.ts"], report: report({ findings: [] }) }), NOW);
  expect(inv.records[a.fingerprint].locations[0].atHead).toBe(true);
  expect(inv.records[b.fingerprint].locations[0].atHead).toBe(false);
});

test("history: a history-only finding is open; once a history scan no longer finds it, it is fixed in code; expired and gone, closed", () => {
  const inv = emptyInventory("contoso");
  const f = mediumServiceSas({ origin: { commit: SHA2, path: "old.txt", date: "2024-01-02T00:00:00Z" } });
  mergeScan(inv, scan({ historyScanned: true, report: report({ findings: [f] }) }), NOW);
  const r = inv.records[f.fingerprint];
  expect(r.locations).toEqual([expect.objectContaining({ historyOnly: true, atHead: false, commit: SHA2 })]);
  expect(r.exposure.since).toBe("2024-01-02T00:00:00Z");
  expect(r.status).toBe("open");
  mergeScan(inv, scan({ historyScanned: true, report: report({ findings: [] }) }), NOW);
  expect(r.status).toBe("fixed-in-code");
  r.expiry = "2026-01-01T00:00:00Z";
  rateRecord(r, NOW);
  expect(r.status).toBe("closed");
  expect(r.severity).toBe("info");
});

test("visibility is the widest seen; suppression keeps its expiry; riskiest first puts unsuppressed critical first", () => {
  const inv = emptyInventory("contoso");
  const c = criticalAccountSas();
  const k = suppressedAccountKey();
  mergeScan(inv, scan({ report: report({ findings: [k, c] }) }), NOW);
  mergeScan(inv, scan({ repo: "site", visibility: "public", report: report({ findings: [c] }) }), NOW);
  expect(inv.records[c.fingerprint].exposure.visibility).toBe("public");
  expect(inv.records[k.fingerprint].suppression).toEqual({
    by: k.suppression!.by,
    reason: k.suppression!.reason,
    ...(k.suppression!.expires ? { until: k.suppression!.expires } : {}),
  });
  expect(
    Object.values(inv.records)
      .sort(byRisk)
      .map((r) => r.fingerprint),
  ).toEqual([c.fingerprint, k.fingerprint]);
});

test("the stored file, the JSON and the CSV never hold a raw secret; CSV cells cannot start a formula", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sas-guard-inventory-"));
  try {
    const findings = [criticalAccountSas({ summary: '=HYPERLINK("http://x")' }), mediumServiceSas(), suppressedAccountKey()];
    const r = report({ findings });
    const store = new FileInventoryStore(dir);
    await store.update("contoso", (inv) => void mergeScan(inv, scan({ report: r }), NOW));
    const stored = readdirSync(dir)
      .map((n) => readFileSync(join(dir, n), "utf8"))
      .join("\n");
    const inv = await store.read("contoso");
    const outputs = [stored, renderInventoryJson(inv, NOW), renderInventoryCsv(inv, NOW)];
    for (const secret of rawSecretForms(r)) for (const text of outputs) expect(text).not.toContain(secret);
    expect(renderInventoryCsv(inv, NOW)).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(renderInventoryCsv(inv, NOW).split("\r\n")[0]).toMatch(/^fingerprint,status,severity,kind/);
    expect(readdirSync(dir)).toEqual(["contoso.json"]); // written by rename: no temporary file left behind
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("a push follows known tokens through its patches", () => {
  test("mapOldLine: lines after an insertion move down, a deleted line is null, lines before a hunk stay", () => {
    const patch = "@@ -1,3 +1,5 @@\n+new 1\n+new 2\n keep\n-gone\n keep2\n@@ -10,0 +12,1 @@\n+tail";
    expect(mapOldLine(patch, 1)).toBe(3);
    expect(mapOldLine(patch, 2)).toBeNull();
    expect(mapOldLine(patch, 3)).toBe(4);
    expect(mapOldLine(patch, 7)).toBe(8);
    expect(mapOldLine(patch, 10)).toBe(11);
    expect(mapOldLine(patch, 11)).toBe(13);
  });

  test("a token on an unchanged line of a modified file gets its new line; a deleted line removes it from HEAD", () => {
    const inv = emptyInventory("contoso");
    const f = criticalAccountSas({ line: 2 });
    mergeScan(inv, scan({ report: report({ findings: [f] }) }), NOW);
    mergeScan(
      inv,
      scan({
        kind: "push",
        base: SHA1,
        sha: SHA2,
        changes: [{ path: f.path, status: "modified", patch: "@@ -1,1 +1,2 @@\n+# title\n top" }],
        report: report({ findings: [] }),
      }),
      NOW,
    );
    expect(inv.records[f.fingerprint].locations[0]).toMatchObject({ line: 3, commit: SHA2, atHead: true });
    const SHA3 = "d".repeat(40);
    mergeScan(
      inv,
      scan({
        kind: "push",
        base: SHA2,
        sha: SHA3,
        changes: [{ path: f.path, status: "modified", patch: "@@ -3,1 +3,0 @@\n-the token" }],
        report: report({ findings: [] }),
      }),
      NOW,
    );
    expect(inv.records[f.fingerprint].locations[0]).toMatchObject({ atHead: false, commit: SHA2 });
  });

  test("no patch (or an unknown base): the line is marked unknown, never guessed", () => {
    const inv = emptyInventory("contoso");
    const f = criticalAccountSas();
    mergeScan(inv, scan({ report: report({ findings: [f] }) }), NOW);
    mergeScan(
      inv,
      scan({
        kind: "push",
        base: "e".repeat(40),
        sha: SHA2,
        changes: [{ path: f.path, status: "modified", patch: "@@ -1,1 +1,2 @@\n+x\n y" }],
        report: report({ findings: [] }),
      }),
      NOW,
    );
    expect(inv.records[f.fingerprint].locations[0]).toMatchObject({ atHead: true, lineUnknown: true, line: f.line });
  });
});
