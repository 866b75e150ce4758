import { parseConfig } from "../../src/config/load-config.js";
import type { SasGuardConfig } from "../../src/config/schema.js";
import { buildScanConfig } from "../../src/scan/scan-config.js";
import { ignoreCommentsOn } from "../../src/detect/inline-ignore.js";
import { applySuppressions } from "../../src/detect/suppress.js";
import type { Finding } from "../../src/detect/types.js";

const FP = "sg1:00112233445566778899aabb";
const OTHER_FP = "sg1:ffeeddccbbaa998877665544";
const NOW = new Date("2026-03-15T12:00:00Z");

// The engine is written concurrently; the fields suppression reads are enough here.
const finding = (overrides: Partial<Finding> = {}): Finding =>
  ({ kind: "service-sas", path: "src/app.ts", line: 3, fingerprint: FP, severity: "high", ...overrides }) as Finding;

const configOf = (yaml: string) => {
  const { config, errors } = parseConfig(yaml, "test.yml");
  expect(errors).toEqual([]);
  return config;
};
const NO_CONFIG = configOf("");
/** What the pipeline hands suppression: the allowlist compiled once (src/scan/scan-config.ts) and inlineIgnore. */
const rules = (config: SasGuardConfig) => {
  const { allowlist, inlineIgnore } = buildScanConfig({ config, source: "test.yml", errors: [] });
  return { allowlist, inlineIgnore };
};
const TEXT = "line 1\nline 2\nconst url = '<token>';\n";

describe("applySuppressions: allowlist", () => {
  test("an entry with the finding's fingerprint suppresses it, and the finding is kept", () => {
    const config = configOf(`allowlist:\n  - fingerprint: ${FP}\n    reason: public sample data, read-only\n`);
    const [out] = applySuppressions([finding()], { text: TEXT, ...rules(config), now: NOW });
    expect(out.suppression).toEqual({ by: "allowlist", reason: "public sample data, read-only" });
    expect(out.severity).toBe("high");
    expect(out.notes).toBeUndefined();
  });

  test("an entry for another fingerprint does nothing", () => {
    const config = configOf(`allowlist:\n  - fingerprint: ${OTHER_FP}\n    reason: other\n`);
    const [out] = applySuppressions([finding()], { text: TEXT, ...rules(config), now: NOW });
    expect(out).toEqual(finding());
  });

  test("a path glob limits the entry to matching files", () => {
    const config = configOf(`allowlist:\n  - fingerprint: ${FP}\n    reason: test fixture\n    path: test/**\n`);
    const [inTests, inSrc] = applySuppressions([finding({ path: "test/fixtures/a.txt" }), finding({ path: "src/app.ts" })], {
      text: TEXT,
      ...rules(config),
      now: NOW,
    });
    expect(inTests.suppression).toEqual({ by: "allowlist", reason: "test fixture" });
    expect(inSrc.suppression).toBeUndefined();
  });

  test("an entry suppresses until the start of its expiry day (UTC), and carries the date", () => {
    const config = configOf(`allowlist:\n  - fingerprint: ${FP}\n    reason: demo\n    expires: 2026-03-16\n`);
    const [out] = applySuppressions([finding()], { text: TEXT, ...rules(config), now: new Date("2026-03-15T23:59:59Z") });
    expect(out.suppression).toEqual({ by: "allowlist", reason: "demo", expires: "2026-03-16" });
    const [expired] = applySuppressions([finding()], { text: TEXT, ...rules(config), now: new Date("2026-03-16T00:00:00Z") });
    expect(expired.suppression).toBeUndefined();
  });

  test("an expired entry does not suppress and says so", () => {
    const config = configOf(`allowlist:\n  - fingerprint: ${FP}\n    reason: conference demo\n    expires: 2026-01-01\n`);
    const [out] = applySuppressions([finding()], { text: TEXT, ...rules(config), now: NOW });
    expect(out.suppression).toBeUndefined();
    expect(out.notes).toEqual([
      'allowlist entry "conference demo" expired on 2026-01-01 and no longer suppresses this finding: ' +
        "revoke the token and remove it, or renew the entry with a later expires date",
    ]);
  });

  test("an expired entry beside a current one for the same fingerprint: the current one wins", () => {
    const config = configOf(
      `allowlist:\n  - fingerprint: ${FP}\n    reason: old\n    expires: 2026-01-01\n  - fingerprint: ${FP}\n    reason: renewed\n    expires: 2027-01-01\n`,
    );
    const [out] = applySuppressions([finding()], { text: TEXT, ...rules(config), now: NOW });
    expect(out.suppression).toEqual({ by: "allowlist", reason: "renewed", expires: "2027-01-01" });
    expect(out.notes).toBeUndefined();
  });
});

describe("applySuppressions: inline comments", () => {
  // The finding sits at the `<token…>` of its line: which token a comment covers depends on where it is.
  const placed = (text: string, line: number): Partial<Finding> => {
    const at = text.split("\n")[line - 1]!.indexOf("<token");
    return { line, column: at + 1, endColumn: text.split("\n")[line - 1]!.indexOf(">", at) + 2 };
  };
  const at = (text: string, line: number, config = NO_CONFIG) => applySuppressions([finding(placed(text, line))], { text, ...rules(config), now: NOW })[0];

  test.each([
    ["#", `url = "<token>"  # sas-guard:ignore reason="read-only sample"`],
    ["//", `const url = "<token>"; // sas-guard:ignore reason="read-only sample"`],
    ["<!-- -->", `<a href="<token>">x</a> <!-- sas-guard:ignore reason="read-only sample" -->`],
    ["--", `INSERT INTO t VALUES ('<token>'); -- sas-guard:ignore reason="read-only sample"`],
    ["/* */", `const url = "<token>"; /* sas-guard:ignore reason="read-only sample" */`],
    [";", `token=<token> ; sas-guard:ignore reason="read-only sample"`],
    ["single quotes", `url = "<token>"  # sas-guard:ignore reason='read-only sample'`],
  ])("on the same line (%s)", (_, line) => {
    expect(at(`first\n${line}\n`, 2).suppression).toEqual({ by: "inline", reason: "read-only sample" });
  });

  test.each([
    ["#", '  # sas-guard:ignore reason="rotated nightly"'],
    ["//", '// sas-guard:ignore reason="rotated nightly"'],
    ["<!-- -->", '<!-- sas-guard:ignore reason="rotated nightly" -->'],
    ["* in a block comment", ' * sas-guard:ignore reason="rotated nightly"'],
  ])("on the line above (%s)", (_, comment) => {
    expect(at(`${comment}\nurl = "<token>"\n`, 2).suppression).toEqual({ by: "inline", reason: "rotated nightly" });
  });

  test("a trailing comment on the line above belongs to that line's token, not this one", () => {
    const text = `a = "<token 1>"  # sas-guard:ignore reason="fixture"\nb = "<token 2>"\n`;
    expect(at(text, 1).suppression).toEqual({ by: "inline", reason: "fixture" });
    expect(at(text, 2).suppression).toBeUndefined();
  });

  test("two lines above is too far", () => {
    expect(at(`# sas-guard:ignore reason="x"\n\nurl = "<token>"\n`, 3).suppression).toBeUndefined();
  });

  test.each([
    ["no reason", `url = "<token>" # sas-guard:ignore`],
    ["an empty reason", `url = "<token>" # sas-guard:ignore reason=""`],
    ["an unquoted reason", `url = "<token>" # sas-guard:ignore reason=fixture`],
  ])("an ignore with %s does not suppress and says why", (_, line) => {
    const out = at(`${line}\n`, 1);
    expect(out.suppression).toBeUndefined();
    expect(out.notes).toEqual([
      'sas-guard:ignore on line 1 has no reason, so it does not suppress this finding: write sas-guard:ignore reason="why this token is safe to keep"',
    ]);
  });

  test("inlineIgnore: false turns inline comments off, with a note", () => {
    const out = at(`# sas-guard:ignore reason="fixture"\nurl = "<token>"\n`, 2, configOf("inlineIgnore: false"));
    expect(out.suppression).toBeUndefined();
    expect(out.notes).toEqual(["sas-guard:ignore on line 1 is not honoured because inlineIgnore is false; use an allowlist entry"]);
  });

  test("Windows line endings", () => {
    expect(at(`# sas-guard:ignore reason="fixture"\r\nurl = "<token>"\r\n`, 2).suppression).toEqual({ by: "inline", reason: "fixture" });
  });
});

describe("applySuppressions: general", () => {
  test("the allowlist wins over an inline comment; an expired entry still leaves its note", () => {
    const config = configOf(`allowlist:\n  - fingerprint: ${FP}\n    reason: from the default branch\n`);
    const text = `url = "<token>" # sas-guard:ignore reason="from the PR"\n`;
    expect(applySuppressions([finding({ line: 1, column: 7, endColumn: 14 })], { text, ...rules(config), now: NOW })[0].suppression).toEqual({
      by: "allowlist",
      reason: "from the default branch",
    });
    const expired = configOf(`allowlist:\n  - fingerprint: ${FP}\n    reason: old\n    expires: 2025-01-01\n`);
    const [out] = applySuppressions([finding({ line: 1, column: 7, endColumn: 14 })], { text, ...rules(expired), now: NOW });
    expect(out.suppression).toEqual({ by: "inline", reason: "from the PR" });
    expect(out.notes).toEqual([expect.stringContaining("expired on 2025-01-01")]);
  });

  test("inputs are not modified, existing notes are kept, and nothing is dropped", () => {
    const input = [finding({ notes: ["earlier note"] }), finding({ line: 1, fingerprint: OTHER_FP })];
    const snapshot = structuredClone(input);
    const config = configOf(`allowlist:\n  - fingerprint: ${FP}\n    reason: ok\n    expires: 2020-01-01\n`);
    const out = applySuppressions(input, { text: TEXT, ...rules(config), now: NOW });
    expect(input).toEqual(snapshot);
    expect(out).toHaveLength(2);
    expect(out[0].notes).toEqual(["earlier note", expect.stringContaining("expired on 2020-01-01")]);
    expect(out[0]).not.toBe(input[0]);
  });

  test("no findings, no work", () => {
    expect(applySuppressions([], { text: "# sas-guard:ignore", ...rules(NO_CONFIG), now: NOW })).toEqual([]);
  });
});

describe("ignoreCommentsOn", () => {
  test("finds each comment with its reason, and whether it stands alone", () => {
    expect(ignoreCommentsOn('  # sas-guard:ignore reason="x"', 4)).toEqual([{ line: 4, start: 2, end: 31, alone: true, reason: "x" }]);
    expect(ignoreCommentsOn("no comment here", 1)).toEqual([]);
  });

  test("a finding on a line outside the text finds nothing", () => {
    const text = '# sas-guard:ignore reason="x"';
    expect(applySuppressions([finding({ line: 5, column: 1, endColumn: 2 })], { text, ...rules(NO_CONFIG), now: NOW })[0].suppression).toBeUndefined();
  });
});
