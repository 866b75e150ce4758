// Which finding an inline `sas-guard:ignore reason="…"` comment suppresses (issue 15.5/15.6): exactly one, the
// token it is next to — never a whole (minified) line. README "Inline ignores: which token a comment covers".
import { parseConfig } from "../../src/config/load-config.js";
import { applySuppressions } from "../../src/detect/suppress.js";
import type { Finding } from "../../src/detect/types.js";

const NOW = new Date("2026-03-15T12:00:00Z");
const { config } = parseConfig("", "test.yml");
const IGNORE = 'sas-guard:ignore reason="fixture"';

/** Findings at every `<tokN>` of `text` (1-based line and columns, as the engine reports them). */
function findingsIn(text: string): Finding[] {
  const out: Finding[] = [];
  text.split("\n").forEach((line, i) => {
    for (const m of line.matchAll(/<tok\d+>/g)) {
      out.push({
        kind: "service-sas",
        path: "a.js",
        line: i + 1,
        column: m.index + 1,
        endColumn: m.index + m[0].length + 1,
        fingerprint: `sg1:${m[0]}`,
        severity: "high",
      } as unknown as Finding);
    }
  });
  return out;
}

/** The tokens left suppressed, by name. */
function suppressed(text: string): string[] {
  return applySuppressions(findingsIn(text), { text, allowlist: [], inlineIgnore: config.inlineIgnore, now: NOW })
    .filter((f) => f.suppression)
    .map((f) => f.fingerprint.slice(4));
}

const cases: [string, string, string[]][] = [
  ["trailing comment: the token before it", `a = "<tok1>"  # ${IGNORE}`, ["<tok1>"]],
  ["trailing comment with two tokens on the line: only the nearer one", `a = ["<tok1>", "<tok2>"]  // ${IGNORE}`, ["<tok2>"]],
  ["leading block comment: the token after it", `/* ${IGNORE} */ a = "<tok1>"`, ["<tok1>"]],
  ["a block comment between two tokens: the one before it", `a("<tok1>" /* ${IGNORE} */, "<tok2>")`, ["<tok1>"]],
  ["one comment after each token: each is suppressed", `x("<tok1>" /* ${IGNORE} */, "<tok2>" /* ${IGNORE} */)`, ["<tok1>", "<tok2>"]],
  ["stand-alone comment line: the first token on the next line", `  # ${IGNORE}\nurl = "<tok1>"`, ["<tok1>"]],
  ["stand-alone comment line, two tokens next line: only the first", `// ${IGNORE}\nx = ["<tok1>", "<tok2>"]`, ["<tok1>"]],
  ["a comment line that holds its own token covers that token, not the next line", `# ${IGNORE} "<tok1>"\nurl = "<tok2>"`, ["<tok1>"]],
  ["trailing comment far (> 120 chars) from the token: nothing", `a = "<tok1>"${" ".repeat(130)}# ${IGNORE}`, []],
  ["leading comment far (> 120 chars) from the token: nothing", `/* ${IGNORE} */${" ".repeat(130)}"<tok1>"`, []],
  ["stand-alone comment two lines above: nothing", `# ${IGNORE}\n\nurl = "<tok1>"`, []],
  ["the word in a string, with no comment opener: nothing", `msg = "sas-guard:ignore reason='x'" + "<tok1>"`, []],
];

describe("inline ignore: one comment suppresses the one token it is next to", () => {
  it.each(cases)("%s", (_name, text, expected) => {
    expect(suppressed(text)).toEqual(expected);
  });

  it("one comment on a minified line of 20 tokens suppresses one, not 20", () => {
    const tokens = Array.from({ length: 20 }, (_, i) => `"<tok${i + 1}>"`);
    const text = `var u=[${tokens.join(",")}]; // ${IGNORE}`;
    expect(suppressed(text)).toEqual(["<tok20>"]);
  });

  it("tokens on a commented line that the comment does not cover say so", () => {
    const text = `a = ["<tok1>", "<tok2>"]  // ${IGNORE}`;
    const [first] = applySuppressions(findingsIn(text), { text, allowlist: [], inlineIgnore: config.inlineIgnore, now: NOW });
    expect(first!.suppression).toBeUndefined();
    expect(first!.notes).toEqual([expect.stringMatching(/^sas-guard:ignore on line 1 applies only to the token next to it/)]);
  });

  it("a 1 MB line with 8,000 tokens and one comment: one suppressed, all 8,000 kept", () => {
    const tokens = Array.from({ length: 8000 }, (_, i) => `"${"x".repeat(120)}<tok${i + 1}>"`);
    const text = `var u=[${tokens.join(",")}]; // ${IGNORE}\n`;
    const out = applySuppressions(findingsIn(text), { text, allowlist: [], inlineIgnore: config.inlineIgnore, now: NOW });
    expect(out).toHaveLength(8000);
    expect(out.filter((f) => f.suppression).map((f) => f.fingerprint)).toEqual(["sg1:<tok8000>"]);
  });
});
