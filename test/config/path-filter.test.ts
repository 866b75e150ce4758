import { compileGlob } from "../../src/config/glob.js";
import { compilePathFilter } from "../../src/config/path-filter.js";

describe("compileGlob", () => {
  test.each([
    ["dist/**", "dist/app.js", true],
    ["dist/**", "src/dist/app.js", false],
    ["dist", "dist/app.js", true],
    ["dist", "packages/web/dist/app.js", true],
    ["fixtures/", "test/fixtures/a/b.txt", true],
    ["/docs", "docs/a.md", true],
    ["/docs", "site/docs/a.md", false],
    ["*.min.js", "public/js/app.min.js", true],
    ["*.min.js", "public/js/app.js", false],
    [".env", "services/api/.env", true],
    ["**/*.snap", "test/__snapshots__/a.test.ts.snap", true],
    ["src/**/*.ts", "src/a/b.ts", true],
    ["src/**/*.ts", "src/a/b.js", false],
    ["samples/**", "./samples/x.json", true],
    ["samples/**", "samples\\win\\x.json", true],
  ])("%s matches %s: %s", (pattern, path, expected) => expect(compileGlob(pattern)(path)).toBe(expected));
});

describe("compilePathFilter", () => {
  const filter = compilePathFilter({ paths: { ignore: ["dist/**", "*.min.js"], include: ["src/**", "config/**"] } });

  test.each([
    ["src/app.ts", { included: true }],
    ["config/prod.json", { included: true }],
    ["dist/app.js", { included: false, reason: 'ignored by paths.ignore ("dist/**")' }],
    ["src/vendor/lib.min.js", { included: false, reason: 'ignored by paths.ignore ("*.min.js")' }],
    ["README.md", { included: false, reason: 'not matched by paths.include ("src/**", "config/**")' }],
  ])("%s → %j", (path, decision) => expect(filter(path)).toEqual(decision));

  test("empty lists include everything", () => {
    const all = compilePathFilter({ paths: { ignore: [], include: [] } });
    expect(["a", ".github/workflows/ci.yml", "deep/down/.env"].map((p) => all(p).included)).toEqual([true, true, true]);
  });

  test("a literal '!' is never a negation", () => {
    const filter = compilePathFilter({ paths: { ignore: ["!keep/**"], include: [] } });
    expect(filter("other/file.txt").included).toBe(true);
  });
});
