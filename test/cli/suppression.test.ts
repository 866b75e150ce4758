// Suppression through the real CLI: allowlist by fingerprint (taken from a first JSON run), inline
// `sas-guard:ignore reason="…"`, `paths.ignore`, and an expired allowlist entry. Suppressed findings are still
// reported, never dropped, and never fail the run.
import { join } from "node:path";
import { cleanup, connectionString, ensureBuilt, expectNothingLeaked, makeTree, sasGuard, sasUrl, scanJson, writeFiles } from "./cli-harness.js";

const NOW = "2026-01-01";

beforeAll(ensureBuilt);
afterAll(cleanup);

describe("allowlist", () => {
  let root: string;
  let fingerprint: string;
  beforeAll(() => {
    root = makeTree({
      "samples/public.md": `Public sample data: ${sasUrl("allowlisted", { accountSas: true })}\n`,
      "src/other.js": `const x = 1;\n`,
    });
    const first = scanJson([root, "--now", NOW]);
    expect(first.status).toBe(1);
    expect(first.json.findings).toHaveLength(1);
    fingerprint = first.json.findings[0].fingerprint;
  });

  const allowlist = (extra = ""): string => `allowlist:\n  - fingerprint: ${fingerprint}\n    reason: public sample dataset\n${extra}`;

  it("suppresses the finding with that fingerprint: still reported, exit 0", () => {
    writeFiles(root, { ".github/sas-guard.yml": allowlist() });
    const { json, status } = scanJson([root, "--now", NOW]);
    expect(status).toBe(0);
    expect(json.findings).toHaveLength(1);
    expect(json.findings[0]).toMatchObject({
      fingerprint,
      severity: "critical",
      suppressed: { by: "allowlist", reason: "public sample dataset", expires: null },
    });
    const text = sasGuard(["scan", root, "--now", NOW]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^No Azure credentials found\.$/m);
    expect(text.stdout).toContain(`Suppressed (1)\n  samples/public.md:1:21  critical account SAS  ${fingerprint}\n`);
    expect(text.stdout).toContain("public sample dataset");
    expect(text.stdout).toMatch(/0 findings \(.*\), 1 suppressed; .*PASS/);
  });

  it("suppresses until the entry's expires date, then the finding is back with a note", () => {
    writeFiles(root, { ".github/sas-guard.yml": allowlist("    expires: 2026-06-01\n") });
    const before = scanJson([root, "--now", "2026-05-31"]);
    expect(before.status).toBe(0);
    expect(before.json.findings[0].suppressed).toEqual({ by: "allowlist", reason: "public sample dataset", expires: "2026-06-01" });

    const after = scanJson([root, "--now", "2026-06-01"]);
    expect(after.status).toBe(1);
    expect(after.json.findings[0].suppressed).toBe(false);
    expect(after.json.findings[0].notes).toEqual([expect.stringMatching(/allowlist entry "public sample dataset" expired on 2026-06-01/)]);
    const text = sasGuard(["scan", root, "--now", "2026-06-01"]).stdout;
    expect(text).toMatch(/^ {4}note: allowlist entry "public sample dataset" expired on 2026-06-01/m);
    expect(text).toMatch(/FAIL: 1 finding at or above high\n$/);
  });

  it("an entry limited to other paths does not suppress", () => {
    writeFiles(root, { ".github/sas-guard.yml": allowlist("    path: docs/**\n") });
    expect(scanJson([root, "--now", NOW]).json.findings[0].suppressed).toBe(false);
    writeFiles(root, { ".github/sas-guard.yml": allowlist("    path: samples/**\n") });
    expect(scanJson([root, "--now", NOW]).status).toBe(0);
  });

  it("follows the token when the file moves (the fingerprint is of the secret, not its place)", () => {
    const moved = makeTree({
      "elsewhere/notes.txt": `\n\n${sasUrl("allowlisted", { accountSas: true })}\n`,
      ".github/sas-guard.yml": allowlist(),
    });
    const { json, status } = scanJson([moved, "--now", NOW]);
    expect(status).toBe(0);
    expect(json.findings[0]).toMatchObject({ path: "elsewhere/notes.txt", line: 3, fingerprint, suppressed: { by: "allowlist" } });
  });
});

describe("inline sas-guard:ignore", () => {
  let root: string;
  beforeAll(() => {
    root = makeTree({
      "app.py": [
        '# sas-guard:ignore reason="read-only sample, expires soon"',
        `SAMPLE = "${sasUrl("inline-above", { permissions: "rwdl" })}"`,
        `OTHER = "${sasUrl("inline-same", { permissions: "rwdl" })}"  # sas-guard:ignore reason="demo container"`,
        `NO_REASON = "${sasUrl("inline-no-reason", { permissions: "rwdl" })}"  # sas-guard:ignore`,
        "",
      ].join("\n"),
      "config.js": `// sas-guard:ignore reason="emulator"\nconst cs = "${connectionString("inline-key")}";\n`,
    });
  });

  it("a comment with a reason on the line or the line above suppresses; one without a reason does not", () => {
    const { json, status } = scanJson([root, "--now", NOW]);
    expect(status).toBe(1);
    const byLine = Object.fromEntries(json.findings.filter((f) => f.path === "app.py").map((f) => [f.line, f]));
    expect(byLine[2].suppressed).toEqual({ by: "inline", reason: "read-only sample, expires soon", expires: null });
    expect(byLine[3].suppressed).toEqual({ by: "inline", reason: "demo container", expires: null });
    expect(byLine[4].suppressed).toBe(false);
    expect(byLine[4].notes.join(" ")).toMatch(/has no reason, so it does not suppress this finding/);
    expect(json.findings.find((f) => f.path === "config.js")!.suppressed).toMatchObject({ by: "inline", reason: "emulator" });
  });

  it("only the unsuppressed finding fails the run, and the text says which are suppressed", () => {
    const r = sasGuard(["scan", root, "--now", NOW]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^app\.py\n {2}CRITICAL service SAS at 4:/m);
    expect(r.stdout).toContain("Suppressed (3)");
    expect(r.stdout).toMatch(/FAIL: 1 finding at or above high\n$/);
  });

  it("inlineIgnore: false turns the comments off", () => {
    const off = makeTree({
      "a.py": `X = "${sasUrl("inline-off", { permissions: "rwdl" })}"  # sas-guard:ignore reason="x"\n`,
      ".github/sas-guard.yml": "inlineIgnore: false\n",
    });
    const { json, status } = scanJson([off, "--now", NOW]);
    expect(status).toBe(1);
    expect(json.findings[0].suppressed).toBe(false);
  });
});

describe("paths.ignore", () => {
  it("never scans matching files and lists each with the glob that matched", () => {
    const root = makeTree({
      "dist/bundle.js": `var u="${sasUrl("in-dist", { accountSas: true })}";\n`,
      "web/app.min.js": `var u="${sasUrl("in-min", { accountSas: true })}";\n`,
      "web/app.js": `var u = "${sasUrl("not-ignored")}";\n`,
      ".github/sas-guard.yml": 'paths:\n  ignore: ["dist/**", "*.min.js"]\n',
    });
    const { json, status } = scanJson([root, "--now", NOW]);
    expect(status).toBe(0); // the remaining finding is medium
    expect(json.findings.map((f) => f.path)).toEqual(["web/app.js"]);
    expect(json.skipped).toEqual(
      expect.arrayContaining([
        { path: "dist/", reason: 'ignored by paths.ignore ("dist/**")' },
        { path: "web/app.min.js", reason: 'ignored by paths.ignore ("*.min.js")' },
      ]),
    );
    expect(json.skipped).toHaveLength(2);
    expect(json.stats.files).toBe(2); // web/app.js and the config file
  });

  it("paths.include limits the scan to matching files", () => {
    const root = makeTree({
      "src/a.js": `var u = "${sasUrl("included", { accountSas: true })}";\n`,
      "docs/b.md": `${sasUrl("not-included", { accountSas: true })}\n`,
      "sas-guard.yml": 'paths:\n  include: ["src/**"]\n',
    });
    const { json } = scanJson([root, "--now", NOW, "--config", join(root, "sas-guard.yml")]);
    expect(json.findings.map((f) => f.path)).toEqual(["src/a.js"]);
    expect(json.skipped.map((s) => s.path)).toContain("docs/b.md");
  });
});

test("no planted signature or key appears in any byte the CLI printed in this file", () => {
  expectNothingLeaked();
});
