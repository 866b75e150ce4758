// `sas-guard scan` on worker threads: --threads 0 (this thread), 1 and 2 give the same report; a document over the
// time budget is "not scanned" and the scan says it is incomplete, while other files' findings still count.
import { cleanup, connectionString, ensureBuilt, expectNothingLeaked, makeTree, sasGuard, sasUrl, scanJson } from "./cli-harness.js";

beforeAll(ensureBuilt, 180_000);
afterAll(cleanup);

const NOW = "2026-01-01";

function tree(): string {
  const files: Record<string, string | Buffer> = {
    "bin/tool.exe": Buffer.from([0x4d, 0x5a, 0, 0, 1, 2, 3]),
    "big/generated.txt": "x".repeat(2 * 1_048_576),
    ".github/sas-guard.yml": "maxFileSizeMB: 1\n",
  };
  for (let i = 0; i < 300; i++)
    files[`pkg-${i % 7}/src/file-${i}.js`] =
      i % 50 === 3 ? `const u = "${sasUrl(`t-${i}`)}";\n` : i % 61 === 5 ? `CONN=${connectionString(`c-${i}`)}\n` : `export const v${i} = ${i};\n`;
  return makeTree(files);
}

test("--threads 0, 1 and 2 and the default give the same report", () => {
  const root = tree();
  const runs = [["--threads", "0"], ["--threads", "1"], ["--threads", "2"], []].map((extra) => scanJson([root, "--now", NOW, ...extra]));
  const [first] = runs;
  expect(first.status).toBe(1);
  expect(first.json.findings.length).toBe(11);
  expect(first.json.skipped.map((s) => s.reason)).toEqual(expect.arrayContaining(["binary file", expect.stringMatching(/^larger than maxFileSizeMB/)]));
  const comparable = (r: (typeof runs)[number]) => ({ ...r.json, stats: { ...r.json.stats, ms: 0 } });
  for (const r of runs.slice(1)) {
    expect(r.status).toBe(1);
    expect(comparable(r)).toEqual(comparable(first));
  }
});

test("a tree of 5,000 files (more than the read-ahead window, many batches): --threads 0, 1 and 2 give the same report", () => {
  const files: Record<string, string | Buffer> = { ".github/sas-guard.yml": "maxFileSizeMB: 0.01\n" };
  for (let i = 0; i < 5000; i++) {
    const dir = `pkg-${i % 37}/lib-${i % 5}`;
    files[`${dir}/f-${i}.js`] =
      i % 997 === 1
        ? `const u = "${sasUrl(`w-${i}`)}";\n`
        : i % 1009 === 2
          ? Buffer.from([0, 1, 2])
          : i % 1013 === 3
            ? "y".repeat(20_000)
            : `export const v = ${i};\n`;
  }
  const root = makeTree(files);
  const runs = ["0", "1", "2"].map((n) => scanJson([root, "--now", NOW, "--threads", n]));
  const [first] = runs;
  expect(first.json.findings.map((f) => f.path)).toEqual([1, 998, 1995, 2992, 3989, 4986].map((i) => `pkg-${i % 37}/lib-${i % 5}/f-${i}.js`).sort());
  expect(first.json.stats.files).toBe(5000 + 1 - 5 - 5); // the config file too; 5 binary, 5 too large
  expect(first.json.skipped.filter((s) => s.reason === "binary file")).toHaveLength(5);
  const comparable = (r: (typeof runs)[number]) => ({ ...r.json, stats: { ...r.json.stats, ms: 0 } });
  for (const r of runs.slice(1)) expect(comparable(r)).toEqual(comparable(first));
});

test("--threads must be a whole number", () => {
  const r = sasGuard(["scan", makeTree({ "a.txt": "x\n" }), "--threads", "many"]);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('--threads must be a whole number from 0 to 256 (got "many")');
});

test("a file over the time budget: not scanned, the scan incomplete, the other files' findings still reported", () => {
  const root = makeTree({ "a/stuck.env": `U=${sasUrl("stuck")}\n`, "b/found.env": `U=${sasUrl("found", { accountSas: true })}\n` });
  const env = { SAS_GUARD_DOC_BUDGET_MS: "300", SAS_GUARD_TEST_FAULTS: JSON.stringify({ hangOn: "stuck" }), NODE_ENV: "test" };
  const json = scanJson([root, "--now", NOW, "--threads", "1"], { env: { ...process.env, ...env } });
  expect(json.status).toBe(1);
  expect(json.json.findings.map((f) => f.path)).toEqual(["b/found.env"]);
  expect(json.json.skipped).toEqual([{ path: "a/stuck.env", reason: "took longer than 0.3 s (time budget per document, SAS_GUARD_DOC_BUDGET_MS)" }]);
  const text = sasGuard(["scan", root, "--now", NOW, "--threads", "1"], { env: { ...process.env, ...env } });
  expect(text.stdout).toContain("a/stuck.env: not scanned: took longer than 0.3 s");
});

test("nothing secret is printed", expectNothingLeaked);
