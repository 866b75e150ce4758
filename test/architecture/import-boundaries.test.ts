// The module map of docs/ARCHITECTURE.md, enforced over the import graph of src/ (issue 14): the engine imports
// nothing outside itself, the top-level folders form no cycle, the App and the CLI do not import each other, the
// queue and the server know jobs only from src/jobs/, and the engine's entry is called from the one pipeline module.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cycles, isInternal, readGraph, specifiers, unitEdges, unitOf } from "./import-graph.js";

const SRC = join(fileURLToPath(new URL(".", import.meta.url)), "..", "..", "src");
const files = readGraph(SRC);
const importsOf = (unit: string) => files.filter((f) => unitOf(f.path) === unit).flatMap((f) => f.imports.map((i) => `${f.path} → ${i}`));

describe("import boundaries of src/", () => {
  it("reads the whole graph (not vacuous): every folder, and hundreds of imports", () => {
    for (const unit of ["detect", "scan", "sources", "report", "github", "cli", "action", "config", "verify", "jobs", "queue", "server"]) {
      expect(files.some((f) => unitOf(f.path) === unit)).toBe(true);
    }
    expect(files.flatMap((f) => f.imports).length).toBeGreaterThan(300);
  });

  // node:crypto is pure computation (the fingerprint's hash), not I/O: the one module from outside the engine may use
  const PURE_BUILTINS = new Set(["node:crypto"]);

  it("src/detect imports only src/detect (no config, no packages, no I/O modules)", () => {
    expect(importsOf("detect").filter((edge) => !/ → detect\/[^/]+\.ts$/.test(edge) && !PURE_BUILTINS.has(edge.split(" → ")[1]))).toEqual([]);
  });

  it("no cycle between the top-level folders", () => {
    expect(cycles(unitEdges(files))).toEqual([]);
  });

  it("github/ and cli/ do not import each other", () => {
    expect(importsOf("github").filter((e) => / → cli\//.test(e))).toEqual([]);
    expect(importsOf("cli").filter((e) => / → github\//.test(e))).toEqual([]);
  });

  it("queue/ and server/ take job types from src/jobs, not from github/", () => {
    expect([...importsOf("queue"), ...importsOf("server")].filter((e) => / → github\//.test(e))).toEqual([]);
  });

  it("the engine entry (scanText) is called only by the pipeline (src/scan/scan-document.ts)", () => {
    const callers = files.filter((f) => unitOf(f.path) !== "detect" && /\bscanText(?:Limited)?\b/.test(f.text)).map((f) => f.path);
    expect(callers).toEqual(["scan/scan-document.ts"]);
  });
});

describe("one of each", () => {
  it("the byte prefilter exists once, beside the engine's anchors (src/detect/prefilter.ts)", () => {
    expect(files.filter((f) => /\bfunction mayHoldSecret\b|const mayHoldSecret\b/.test(f.text)).map((f) => f.path)).toEqual(["detect/prefilter.ts"]);
  });

  it("the byte limit and the path filter are derived in buildScanConfig only", () => {
    expect(files.filter((f) => /maxFileSizeMB \* 1_048_576|compilePathFilter\(/.test(f.text)).map((f) => f.path)).toEqual([
      "config/path-filter.ts",
      "scan/scan-config.ts",
    ]); // its definition, its one use
  });

  it('"GitHub answered …" is worded in one helper (src/net/github-answered.ts)', () => {
    expect(files.filter((f) => /`GitHub answered/.test(f.text)).map((f) => f.path)).toEqual(["net/github-answered.ts"]);
  });
});

describe("the checker itself", () => {
  it("reads every form of import, and not commented-out ones", () => {
    const text =
      'import a from "./a.js";\nimport type { B } from "../b.js";\nexport { c } from "./c.js";\nimport "./d.js";\nconst e = await import("./e.js");\n// import x from "./x.js";\nimport {\n  f,\n} from "node:fs";\n';
    expect(specifiers(text).sort()).toEqual(["../b.js", "./a.js", "./c.js", "./d.js", "./e.js", "node:fs"]);
  });

  it("finds a cycle through three folders, once", () => {
    const edges = new Map([
      ["a", new Set(["b"])],
      ["b", new Set(["c"])],
      ["c", new Set(["a"])],
      ["d", new Set(["a"])],
    ]);
    expect(cycles(edges)).toEqual(["a → b → c → a"]);
  });

  it("counts only files under src/ as internal", () => {
    expect([isInternal("detect/types.ts"), isInternal("node:fs"), isInternal("picomatch"), isInternal("../x.ts")]).toEqual([true, false, false, false]);
  });
});
