// What `sas-guard scan` does not read, and says so: binary and oversized files, vendored trees, broken symlinks,
// unreadable files. And what it must read without crashing: invalid UTF-8, a 50 MB single-line minified file.
import { chmodSync, closeSync, openSync, symlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { cleanup, ensureBuilt, expectNothingLeaked, makeTree, runningAsRoot, sasGuard, sasUrl, scanJson, type JsonOutput } from "./cli-harness.js";

const NOW = "2026-01-01";

beforeAll(ensureBuilt);
afterAll(cleanup);

const reasonOf = (out: JsonOutput, path: string): string | undefined => out.skipped.find((s) => s.path === path)?.reason;

describe("skipped files are listed with their reason", () => {
  let root: string;
  let out: JsonOutput;
  let text: string;
  beforeAll(() => {
    root = makeTree({
      "ok.md": `${sasUrl("visible")}\n`,
      "image.png": Buffer.concat([Buffer.from("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Buffer.from(` ${sasUrl("in-binary")} `)]),
      "big.log": `${"x".repeat(3000)}\n${sasUrl("in-big-file")}\n`,
      "node_modules/pkg/index.js": `module.exports = "${sasUrl("in-node-modules")}";\n`,
      "vendor/lib.js": `x = "${sasUrl("in-vendor")}";\n`,
      ".git/config": `[remote]\n url = ${sasUrl("in-dot-git")}\n`,
      // not vendored: a directory named like an Object.prototype member must be walked
      "lib/constructor/index.js": `export const u = "${sasUrl("in-constructor")}";\n`,
      "lib/toString/index.js": "export {};\n",
      ".github/sas-guard.yml": "maxFileSizeMB: 0.002\n", // 2 KiB: big.log (3 KiB) is over it
    });
    symlinkSync(join(root, "does-not-exist.md"), join(root, "dangling.md"));
    symlinkSync(join(root, "ok.md"), join(root, "link-to-ok.md"));
    ({ json: out } = scanJson([root, "--now", NOW]));
    text = sasGuard(["scan", root, "--now", NOW]).stdout;
  });

  it("scans the ordinary files and finds only the tokens in them", () => {
    expect(out.findings.map((f) => f.path)).toEqual(["lib/constructor/index.js", "ok.md"]);
    // ok.md, .github/sas-guard.yml and the two files under lib/
    expect(out.stats.files).toBe(4);
  });

  it("skips a file with NUL bytes as binary", () => {
    expect(reasonOf(out, "image.png")).toBe("binary file");
  });

  it("skips a file over maxFileSizeMB and gives both sizes", () => {
    expect(reasonOf(out, "big.log")).toMatch(/^larger than maxFileSizeMB \(2\.0 KB\): 3\.\d KB$/);
  });

  it("skips node_modules/, vendor/ and .git/ by default, as directories", () => {
    expect(reasonOf(out, "node_modules/")).toBe("vendored dependencies: skipped by default");
    expect(reasonOf(out, "vendor/")).toBe("vendored dependencies: skipped by default");
    expect(reasonOf(out, ".git/")).toMatch(/^git metadata \(use --history to scan committed content\): skipped by default$/);
    expect(out.skipped.some((s) => s.path.startsWith("node_modules/pkg"))).toBe(false);
  });

  it("--no-default-ignores scans vendored trees, but never .git/", () => {
    const all = scanJson([root, "--now", NOW, "--no-default-ignores"]).json;
    expect(all.findings.map((f) => f.path)).toEqual(["lib/constructor/index.js", "node_modules/pkg/index.js", "ok.md", "vendor/lib.js"]);
    expect(reasonOf(all, ".git/")).toMatch(/skipped by default/);
  });

  it("does not follow symbolic links, and names a broken one", () => {
    expect(reasonOf(out, "dangling.md")).toBe("broken symbolic link");
    expect(reasonOf(out, "link-to-ok.md")).toBe("symbolic link (not followed)");
  });

  it("lists the skipped files in name order, in the text output too", () => {
    expect(out.skipped.map((s) => s.path)).toEqual([".git/", "big.log", "dangling.md", "image.png", "link-to-ok.md", "node_modules/", "vendor/"]);
    expect(text).toContain("Skipped (7)\n  .git/: git metadata");
    expect(text).toContain("\n  image.png: binary file\n");
    expect(text).toContain("\n  dangling.md: broken symbolic link\n");
  });
});

describe("unreadable files", () => {
  it("lists a chmod 000 file as unreadable and scans the rest", () => {
    const root = makeTree({ "secret.txt": `${sasUrl("unreadable")}\n`, "ok.md": `${sasUrl("readable")}\n` });
    chmodSync(root, 0o755); // so that an unprivileged user can enter it
    chmodSync(join(root, "ok.md"), 0o644);
    chmodSync(join(root, "secret.txt"), 0o000);
    // root reads a chmod 000 file anyway: run the CLI as "nobody" then, or skip the assertion if that is impossible
    let options = {};
    if (runningAsRoot()) {
      const probe = sasGuard(["--version"], { uid: 65534, gid: 65534 });
      if (probe.status !== 0) {
        console.warn(`running as root and cannot switch to uid 65534 (${probe.stderr.trim()}): unreadable-file assertion skipped`);
        return;
      }
      options = { uid: 65534, gid: 65534 };
    }
    const { json, status } = scanJson([root, "--now", NOW], options);
    expect(status).toBe(0);
    expect(reasonOf(json, "secret.txt")).toBe("unreadable: EACCES");
    expect(json.findings.map((f) => f.path)).toEqual(["ok.md"]);
  });

  it("lists an unreadable directory and scans the rest", () => {
    const root = makeTree({ "locked/a.md": `${sasUrl("locked-dir")}\n`, "ok.md": "fine\n" });
    chmodSync(root, 0o755);
    chmodSync(join(root, "ok.md"), 0o644);
    chmodSync(join(root, "locked"), 0o000);
    let options = {};
    if (runningAsRoot()) {
      if (sasGuard(["--version"], { uid: 65534, gid: 65534 }).status !== 0) return;
      options = { uid: 65534, gid: 65534 };
    }
    const { json, status } = scanJson([root], options);
    expect(status).toBe(0);
    expect(reasonOf(json, "locked/")).toBe("unreadable directory: EACCES");
    expect(json.stats.files).toBe(1);
  });
});

describe("never crashes on odd content", () => {
  it("finds a token surrounded by invalid UTF-8 bytes, at the right column", () => {
    const token = sasUrl("invalid-utf8", { permissions: "rwdl" });
    const content = Buffer.concat([
      Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
      Buffer.from(` url=${token} `),
      Buffer.from([0xed, 0xa0, 0x80, 0xc0, 0xaf]),
      Buffer.from("\nnext line\n"),
    ]);
    const root = makeTree({ "mixed.bin.txt": content });
    const { json, status } = scanJson([root, "--now", NOW]);
    expect(status).toBe(1);
    expect(json.skipped).toEqual([]);
    expect(json.findings).toHaveLength(1);
    // FF FE C3 28 decode to U+FFFD U+FFFD U+FFFD "(" (C3 lacks its continuation byte), then " url=": column 10
    expect(json.findings[0]).toMatchObject({ path: "mixed.bin.txt", line: 1, column: 10, kind: "service-sas", severity: "critical" });
    expect(json.findings[0].redacted).toMatch(/sp=rwdl&.*sig=<redacted>$/);
  });

  it("scans a 50 MB single-line minified file when maxFileSizeMB allows it, and finds the token at its end", () => {
    const root = makeTree({ ".github/sas-guard.yml": "maxFileSizeMB: 100\n" });
    const chunk = Buffer.from("var a=function(b){return b===1?b:a(b-1)},c=[1,2,3].map(function(d){return d*2});".repeat(4096));
    const token = sasUrl("minified-end", { accountSas: true });
    const fd = openSync(join(root, "bundle.min.js"), "w");
    let size = 0;
    while (size < 50 * 1_048_576) size += writeSync(fd, chunk);
    size += writeSync(fd, `;var url="${token}";`);
    closeSync(fd);

    const { json, status, stderr } = scanJson([root, "--now", NOW]);
    expect(stderr).toBe("");
    expect(status).toBe(1);
    expect(json.skipped).toEqual([]);
    expect(json.findings).toHaveLength(1);
    expect(json.findings[0]).toMatchObject({ path: "bundle.min.js", line: 1, kind: "account-sas", severity: "critical" });
    expect(json.findings[0].column).toBe(size - token.length - 1);
    expect(json.stats.bytes).toBeGreaterThanOrEqual(size);

    // with the default limit (10 MB) the same file is skipped, and said so: scanned as a single file from a
    // directory without a config, the scan root is that directory
    const elsewhere = makeTree();
    const limited = scanJson([join(root, "bundle.min.js")], { cwd: elsewhere }).json;
    expect(limited.findings).toEqual([]);
    expect(limited.skipped).toHaveLength(1);
    expect(limited.skipped[0].reason).toMatch(/^larger than maxFileSizeMB \(10\.0 MB\): 50\.\d MB$/);
  }, 120_000);
});

test("no planted signature or key appears in any byte the CLI printed in this file", () => {
  expectNothingLeaked();
});
