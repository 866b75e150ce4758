// Files handed to the scan pool (the CLI's working tree): each worker holds a second batch of files behind the one it
// is reading (src/scan/pool/scan-pool.ts pump). Results stay those of an in-process scan, in order, and a crash or
// an overrun in either held batch marks exactly that file "not scanned" while every other file is still scanned.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_CONFIG } from "../../src/config/load-config.js";
import type { Finding } from "../../src/detect/types.js";
import { createScanPool, type ScanPool, type ScanPoolOptions } from "../../src/scan/pool/scan-pool.js";
import { scanOne, type DocInput, type DocResult } from "../../src/scan/pool/scan-one.js";
import { buildScanConfig } from "../../src/scan/scan-config.js";
import { ensureBuilt } from "../cli/cli-harness.js";
import { fakeSig } from "../support/fake-secrets.js";

const NOW = new Date("2026-11-25T00:00:00Z");
const dir = mkdtempSync(join(tmpdir(), "sas-guard-file-batches-"));
const pools: ScanPool[] = [];
const pool = (o: Partial<ScanPoolOptions>): ScanPool => {
  const p = createScanPool({ threads: 1, budgetMs: 30_000, batchDocs: 5, ...o });
  pools.push(p);
  return p;
};

beforeAll(ensureBuilt, 180_000);
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  rmSync(dir, { recursive: true, force: true });
});

const sasLine = (seed: string) =>
  `u = "https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&se=2030-01-01T00:00:00Z&sig=${encodeURIComponent(fakeSig(seed))}"\n`;

/** 40 files (8 batches of 5): every third holds a token (14), one is binary, one is over the size limit. */
const files: DocInput[] = Array.from({ length: 40 }, (_, i) => {
  const name = `f-${String(i).padStart(2, "0")}.env`;
  const content = i === 11 ? Buffer.from([1, 0, 2]) : i === 17 ? "x".repeat(3000) : i % 3 === 0 ? sasLine(`s${i}`) : `N${i}=1\n`;
  writeFileSync(join(dir, name), content);
  return { path: name, file: join(dir, name), maxBytes: 2000 };
});
const expected = files.map((d) => scanOne(d, buildScanConfig({ config: DEFAULT_CONFIG, source: "test", errors: [] }), NOW, 1_000));
const comparable = (results: DocResult[]) =>
  results.map((r) => ("findings" in r ? { ...r, findings: r.findings.map((f: Finding) => ({ ...f, secret: f.secret.reveal() })) } : r));

test("the in-process results, in order, from one worker holding two batches and from two workers", async () => {
  expect(expected.filter((r) => "findings" in r && r.findings.length === 1)).toHaveLength(14);
  expect(expected[11]).toEqual({ path: "f-11.env", notScanned: "binary file", incomplete: false });
  expect(expected[17]).toEqual({ path: "f-17.env", notScanned: "larger than maxFileSizeMB (2.0 KB): 2.9 KB", incomplete: false });
  for (const threads of [1, 2]) {
    const got = await pool({ threads }).scan(files, { config: DEFAULT_CONFIG, now: NOW });
    expect(comparable(got)).toEqual(comparable(expected));
  }
});

// f-02 is in the batch the worker reads first, f-07 in the batch it holds behind it, f-23 in a later one.
it.each(["f-02", "f-07", "f-23"])("a worker crash on %s: that file is 'scanner crashed', every other file is scanned", async (culprit) => {
  const got = await pool({ faults: { crashOn: culprit } }).scan(files, { config: DEFAULT_CONFIG, now: NOW });
  const at = files.findIndex((d) => d.path.startsWith(culprit));
  expect(got[at]).toEqual({ path: `${culprit}.env`, notScanned: "scanner crashed", incomplete: true });
  expect(comparable(got.filter((_, i) => i !== at))).toEqual(comparable(expected.filter((_, i) => i !== at)));
});

test("a file over the time budget in a held batch: that file alone is not scanned", async () => {
  const got = await pool({ budgetMs: 300, faults: { hangOn: "f-08" } }).scan(files, { config: DEFAULT_CONFIG, now: NOW });
  expect(got[8]).toEqual({ path: "f-08.env", notScanned: "took longer than 0.3 s (time budget per document, SAS_GUARD_DOC_BUDGET_MS)", incomplete: true });
  expect(comparable(got.filter((_, i) => i !== 8))).toEqual(comparable(expected.filter((_, i) => i !== 8)));
});
