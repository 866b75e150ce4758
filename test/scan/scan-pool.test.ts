import { buildScanConfig } from "../../src/scan/scan-config.js";
import type { SasGuardConfig } from "../../src/config/schema.js";
// The scan pool (src/scan/pool): the same results as scanning in this thread, the Secret rebuilt on this side,
// documents that overrun their budget or crash a worker reported as not scanned (never a hang), and close()
// waiting for running documents. The workers run the build (dist/), made fresh first.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { availableParallelism, getPriority } from "node:os";
import { inspect } from "node:util";
import { DEFAULT_CONFIG, resolveConfig } from "../../src/config/load-config.js";
import type { Finding } from "../../src/detect/types.js";
import { createScanPool, type ScanPool } from "../../src/scan/pool/scan-pool.js";
import { scanOne, type DocResult } from "../../src/scan/pool/scan-one.js";
import { docBudgetMs, scanNiceness, scanThreads } from "../../src/scan/pool/pool-settings.js";
import { FINDINGS_PAGE, pageFindings, toWire } from "../../src/scan/pool/wire.js";
import { ensureBuilt } from "../cli/cli-harness.js";
import { fakeAccountKey, fakeSig } from "../support/fake-secrets.js";
import { corpus, planted } from "./pool-corpus.js";

const scanConfigOf = (config: SasGuardConfig) => buildScanConfig({ config, source: "test", errors: [] });
const NOW = new Date("2026-11-25T00:00:00Z");
const pools: ScanPool[] = [];
const pool = (o: Partial<Parameters<typeof createScanPool>[0]> = {}): ScanPool => {
  const p = createScanPool({ threads: 2, budgetMs: 30_000, ...o });
  pools.push(p);
  return p;
};

beforeAll(ensureBuilt, 180_000);
afterAll(async () => Promise.all(pools.map((p) => p.close())));

/** Findings with the secret as its raw value, so results from either side compare as plain data. */
const comparable = (results: DocResult[]) =>
  results.map((r) => ("findings" in r ? { ...r, findings: r.findings.map((f: Finding) => ({ ...f, secret: f.secret.reveal() })) } : r));

const sasLine = (seed: string) =>
  `u = "https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&se=2030-01-01T00:00:00Z&sig=${encodeURIComponent(fakeSig(seed))}"\n`;

describe("same results as in process", () => {
  const docs = corpus();
  const configs = {
    defaults: DEFAULT_CONFIG,
    "policy and allowlist": resolveConfig(
      { policy: { maxLifetimeDays: 30, requireIpRange: true }, allowlist: [{ path: "gen/file-00*", reason: "fixtures" }] },
      "test",
    ).config,
  };

  it.each(Object.entries(configs))("on the corpus, config %s, in small batches across two workers", async (_name, config) => {
    const expected = docs.map((d) => scanOne(d, scanConfigOf(config), NOW, 1_000));
    const got = await pool({ batchDocs: 7 }).scan(docs, { config, now: NOW });
    expect(got.map((r) => r.path)).toEqual(docs.map((d) => d.path));
    expect(comparable(got)).toEqual(comparable(expected));
    const found = got.flatMap((r) => ("findings" in r ? r.findings : []));
    expect(found.length).toBeGreaterThan(100); // the comparison covers real findings of every form
    expect([...new Set(found.map((f) => f.kind))].sort()).toEqual(expect.arrayContaining(["account-sas", "connection-string", "service-sas"]));
    expect(found.some((f) => f.suppression)).toBe(true);
  });

  it("bytes as well as text, and one pool serving two configs at once", async () => {
    const p = pool();
    const sample = docs.slice(0, 40);
    const [a, b] = await Promise.all([
      p.scan(
        sample.map((d) => ({ path: d.path, bytes: new TextEncoder().encode(d.text) })),
        { config: configs.defaults, now: NOW },
      ),
      p.scan(sample, { config: configs["policy and allowlist"], now: NOW }),
    ]);
    expect(comparable(a)).toEqual(comparable(sample.map((d) => scanOne(d, scanConfigOf(configs.defaults), NOW, 1_000))));
    expect(comparable(b)).toEqual(comparable(sample.map((d) => scanOne(d, scanConfigOf(configs["policy and allowlist"]), NOW, 1_000))));
  });
});

describe("secrets across the thread boundary", () => {
  it("come back as a Secret: reveal() gives the value, every text form is redacted", async () => {
    const [r] = await pool({ threads: 1 }).scan([{ path: "a.env", text: sasLine("boundary") }], { config: DEFAULT_CONFIG, now: NOW });
    const f = "findings" in r ? r.findings[0] : undefined;
    expect(f?.secret.reveal()).toBe(fakeSig("boundary"));
    for (const form of [JSON.stringify(f), inspect(f, { depth: 9 }), `${f?.secret}`]) expect(form).not.toContain(fakeSig("boundary").slice(0, 20));
    expect(Object.keys(f!)).not.toContain("secretValue");
  });
});

describe("findings per document", () => {
  it("keeps the most severe up to maxFindingsPerDocument and counts the rest", async () => {
    const lines = [sasLine("expired").replace("2030", "2020"), ...Array.from({ length: 29 }, (_, i) => `AccountKey=${fakeAccountKey(`cap-${i}`)}\n`)];
    const [r] = await pool({ maxFindingsPerDocument: 10 }).scan([{ path: "many.env", text: lines.join("") }], { config: DEFAULT_CONFIG, now: NOW });
    if (!("findings" in r)) throw new Error("not scanned");
    expect(r.findings).toHaveLength(10);
    expect(r.omitted).toBe(20);
    expect(r.findings.map((f) => f.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]); // the expired SAS on line 1 is the least severe
  });

  // The engine builds the most severe in full (suppression runs after it); the counted rest keep their worst
  // severity, which the verdict treats as unsuppressed (fail closed: src/scan/conclusion.ts).
  it("keeps the most severe in full and counts the rest with their worst severity", async () => {
    const ignored = Array.from({ length: 5 }, (_, i) => `AccountKey=${fakeAccountKey(`ign-${i}`)} # sas-guard:ignore reason="test data"\n`);
    const lines = [...ignored, ...Array.from({ length: 5 }, (_, i) => sasLine(`kept-${i}`))];
    const [r] = await pool({ maxFindingsPerDocument: 5 }).scan([{ path: "mixed.env", text: lines.join("") }], { config: DEFAULT_CONFIG, now: NOW });
    if (!("findings" in r)) throw new Error("not scanned");
    expect(r.findings.map((f) => [f.line, f.severity, !!f.suppression])).toEqual([1, 2, 3, 4, 5].map((l) => [l, "critical", true]));
    expect(r.omitted).toBe(5);
    expect(r.omittedMaxSeverity).toBe(
      (scanOne({ path: "one.env", text: sasLine("kept-0") }, scanConfigOf(DEFAULT_CONFIG), NOW, 5) as { findings: Finding[] }).findings[0].severity,
    );
  });
});

// More than FINDINGS_PAGE findings in one document cross back as JSON pages, parsed one per turn of the event loop
// (wire.ts): nothing may be lost or changed on the way, the Secret included, next to documents that do not page.
describe("documents with many findings (paged back to the main thread)", () => {
  const lines = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => sasLine(`${prefix}-${i}`)).join("");
  const docs = [
    { path: "one.env", text: sasLine("alone") },
    { path: "three-pages.log", text: lines("p", 250) },
    { path: "none.txt", text: "nothing here\n" },
    { path: "capped.log", text: `${lines("c", 1_200)}AccountKey=${fakeAccountKey("capped-key")}\n` },
    { path: "exactly-a-page.log", text: lines("e", FINDINGS_PAGE) },
  ];

  it("the same results as scanOne in this thread, in order, with the omitted count", async () => {
    const expected = docs.map((d) => scanOne(d, scanConfigOf(DEFAULT_CONFIG), NOW, 1_000));
    const got = await pool({ threads: 1 }).scan(docs, { config: DEFAULT_CONFIG, now: NOW });
    expect(comparable(got)).toEqual(comparable(expected));
    expect(got.map((r) => ("findings" in r ? [r.findings.length, r.omitted] : r.notScanned))).toEqual([
      [1, 0],
      [250, 0],
      [0, 0],
      [1_000, 201],
      [FINDINGS_PAGE, 0],
    ]);
  });

  it("a paged finding's secret is a Secret again: reveal() gives the value, its text forms stay redacted", async () => {
    const [r] = await pool({ threads: 1 }).scan([docs[1]], { config: DEFAULT_CONFIG, now: NOW });
    const f = "findings" in r ? r.findings[249] : undefined;
    expect(f?.secret.reveal()).toBe(fakeSig("p-249"));
    for (const form of [JSON.stringify(f), inspect(f, { depth: 9 })]) expect(form).not.toContain(fakeSig("p-249").slice(0, 20));
    expect(Object.keys(f!)).not.toContain("secretValue");
  });

  it("pages only past FINDINGS_PAGE; a result without pages reads as before", () => {
    const r = toWire(scanOne(docs[1], scanConfigOf(DEFAULT_CONFIG), NOW, 1_000));
    const { head, pages } = pageFindings(r);
    expect(pages).toHaveLength(3);
    expect("findings" in head && head.findings).toEqual([]);
    expect(pages!.flatMap((p) => JSON.parse(p) as unknown[])).toEqual("findings" in r ? r.findings : []);
    const small = toWire(scanOne(docs[4], scanConfigOf(DEFAULT_CONFIG), NOW, 1_000));
    expect(pageFindings(small)).toEqual({ head: small });
  });
});

describe("budget and crashes", () => {
  const docs = [
    { path: "a.env", text: sasLine("a") },
    { path: "stuck.env", text: sasLine("stuck") },
    { path: "b.env", text: sasLine("b") },
  ];

  it("a document over its budget: the worker is replaced, that document is not scanned (incomplete), the others are", async () => {
    const p = pool({ threads: 1, budgetMs: 300, faults: { hangOn: "stuck" } });
    const got = await p.scan(docs, { config: DEFAULT_CONFIG, now: NOW });
    expect(got[1]).toEqual({ path: "stuck.env", notScanned: "took longer than 0.3 s (time budget per document, SAS_GUARD_DOC_BUDGET_MS)", incomplete: true });
    expect(got.filter((r) => "findings" in r && r.findings.length === 1).map((r) => r.path)).toEqual(["a.env", "b.env"]);
    const again = await p.scan([docs[0]], { config: DEFAULT_CONFIG, now: NOW }); // a fresh worker took over
    expect("findings" in again[0] && again[0].findings).toHaveLength(1);
  });

  it("a worker that dies: that document is 'scanner crashed', the rest of its batch is scanned by a new worker", async () => {
    const p = pool({ threads: 2, faults: { crashOn: "stuck" } });
    const got = await p.scan(docs, { config: DEFAULT_CONFIG, now: NOW });
    expect(got[1]).toEqual({ path: "stuck.env", notScanned: "scanner crashed", incomplete: true });
    expect(got.filter((r) => "findings" in r && r.findings.length === 1).map((r) => r.path)).toEqual(["a.env", "b.env"]);
  });

  it("faults are ignored outside NODE_ENV=test (the worker checks)", async () => {
    expect(process.env.NODE_ENV).toBe("test"); // Jest sets it: the two tests above prove the hook works only here
  });
});

describe("close", () => {
  it("waits for queued and running documents, then refuses new ones", async () => {
    const p = createScanPool({ threads: 1, budgetMs: 30_000 });
    const big = { path: "big.txt", text: sasLine("big").repeat(20_000) }; // a few hundred ms of work
    const running = p.scan([big, { path: "a.env", text: sasLine("a") }], { config: DEFAULT_CONFIG, now: NOW });
    await new Promise((r) => setTimeout(r, 20));
    await p.close();
    const got = await running;
    expect(got.map((r) => ("findings" in r ? r.findings.length : r.notScanned))).toEqual([1_000, 1]);
    await expect(p.scan([big], { config: DEFAULT_CONFIG, now: NOW })).rejects.toThrow("scan pool is closed");
  });
});

describe("settings", () => {
  it("--threads wins over SAS_GUARD_SCAN_THREADS; the default is one per core; bad values are errors", () => {
    expect(scanThreads({ SAS_GUARD_SCAN_THREADS: "3" }, "1")).toBe(1);
    expect(scanThreads({ SAS_GUARD_SCAN_THREADS: "0" })).toBe(0);
    expect(scanThreads({})).toBe(availableParallelism());
    expect(scanThreads({}, undefined, true)).toBe(Math.max(1, availableParallelism() - 1)); // the App leaves a core to the server
    expect(scanThreads({ SAS_GUARD_SCAN_THREADS: "2" }, undefined, true)).toBe(2);
    expect(() => scanThreads({}, "two")).toThrow('--threads must be a whole number from 0 to 256 (got "two")');
    expect(() => scanThreads({ SAS_GUARD_SCAN_THREADS: "-1" })).toThrow("SAS_GUARD_SCAN_THREADS must be");
    expect(docBudgetMs({})).toBe(30_000);
    expect(docBudgetMs({ SAS_GUARD_DOC_BUDGET_MS: "1500" })).toBe(1_500);
    expect(() => docBudgetMs({ SAS_GUARD_DOC_BUDGET_MS: "0" })).toThrow("at least 1");
    expect(scanNiceness({}, true)).toBe(10); // the App's scans yield the CPU to its webhook server
    expect(scanNiceness({})).toBe(0); // the CLI's do not
    expect(scanNiceness({ SAS_GUARD_SCAN_NICE: "0" }, true)).toBe(0);
    expect(() => scanNiceness({ SAS_GUARD_SCAN_NICE: "20" }, true)).toThrow('SAS_GUARD_SCAN_NICE must be a whole number from 0 to 19 (got "20")');
  });

  // Linux applies setpriority to one thread; the pool's threads are lowered, this (the main) thread is not.
  (existsSync("/proc/self/task") ? it : it.skip)("niceness lowers the worker threads' priority only", async () => {
    const niceOf = () =>
      new Map(readdirSync("/proc/self/task").map((tid) => [tid, Number(readFileSync(`/proc/self/task/${tid}/stat`, "utf8").split(") ")[1].split(" ")[16])]));
    const before = niceOf();
    const p = pool({ threads: 1, niceness: 7 });
    await p.scan([{ path: "a.env", text: sasLine("nice") }], { config: DEFAULT_CONFIG, now: NOW });
    const started = [...niceOf()].filter(([tid]) => !before.has(tid));
    expect(started.map(([, nice]) => nice)).toContain(7);
    expect(getPriority()).toBe(before.get(String(process.pid)) ?? 0);
  });
});

it("planted secrets exist (the corpus is not empty of them)", () => {
  expect(planted.size).toBeGreaterThan(50);
});
