// Hostile text through every renderer: a file name, a reason, a summary value, a branch and config values that try
// to open a link, inject HTML, break a table, close a code span, start a new line, recolour the terminal or emit a
// workflow command. Markdown surfaces are rendered with a real GFM renderer (marked) and the HTML is inspected.
import { marked } from "marked";
import { renderBaselineIssue } from "../../src/report/render-baseline-issue.js";
import { renderCheckRun, renderJobSummary } from "../../src/report/render-markdown.js";
import { renderReviewBody, renderReviewComment } from "../../src/report/render-review.js";
import { renderSarif } from "../../src/report/render-sarif.js";
import { renderText } from "../../src/report/render-text.js";
import { renderWorkflowCommands } from "../../src/report/render-workflow-commands.js";
import { html, terminal, workflowData, workflowProperty } from "../../src/report/escape.js";
import { codeSpan, escapeText, markdownText } from "../../src/report/markdown.js";
import { code, toText } from "../../src/detect/text.js";
import { withoutMarkersIn } from "../../src/detect/explain.js";
import type { Credential } from "../../src/detect/credential.js";
import { criticalAccountSas, report } from "./fixtures.js";

const HOSTILE_PATH = "docs/](javascript:alert(1))<img src=x onerror=alert(1)>|`tick`\n::warning title=x::pwned\x1b[31mred.md";
const HOSTILE_TEXT = "a](javascript:alert(2)) <img src=y onerror=alert(2)> | `x` @octocat #1\n::error::pwned \x1b]0;title\x07\x1b[2J";
const target = { webBaseUrl: "https://github.com", owner: "o", repo: "r", sha: "0123456789abcdef0123456789abcdef01234567" };

const hostile = () =>
  criticalAccountSas({
    path: HOSTILE_PATH,
    summary: `account SAS with full control of storage account \`${HOSTILE_TEXT}\``,
    summaryText: ["account SAS with full control of storage account ", { code: HOSTILE_TEXT }],
    reasons: [{ id: "write", message: HOSTILE_TEXT }],
    notes: [HOSTILE_TEXT],
    exposure: { visibility: "public", summary: HOSTILE_TEXT },
  });
const hostileReport = () =>
  report({
    findings: [hostile()],
    skipped: [{ path: HOSTILE_PATH, reason: HOSTILE_TEXT }],
    configErrors: [HOSTILE_TEXT],
    incomplete: [HOSTILE_TEXT],
    configSource: HOSTILE_TEXT,
  });

/** What GitHub would show: the Markdown rendered as GFM. GitHub sanitises further; we must not need it to. */
function expectSafeMarkdown(markdown: string): string {
  const rendered = marked.parse(markdown, { async: false, gfm: true });
  expect(rendered).not.toMatch(/<img/i);
  expect(rendered).not.toMatch(/href="javascript:/i);
  for (const [, href] of rendered.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^https:\/\/github\.com\/o\/r\/[^"<>\s]*$/); // only our own links
  expect(markdown).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/); // no ESC, BEL or other control in the comment
  expect(markdown).not.toMatch(/^::/m); // nothing a runner could read as a workflow command
  // nobody is notified: GitHub links mentions in text, never inside <code>
  expect(rendered.replace(/<code>[\s\S]*?<\/code>/g, "")).not.toMatch(/(^|[^\u200b\w])@octocat/);
  for (const table of rendered.match(/<table>[\s\S]*?<\/table>/g) ?? []) {
    const rows = table.match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
    const widths = rows.map((r) => (r.match(/<t[hd][ >]/g) ?? []).length);
    expect(new Set(widths).size).toBe(1); // a `|` in a value never adds a cell
  }
  return rendered;
}

describe("every renderer escapes hostile paths, reasons and values", () => {
  test("check run summary (also the Action's job summary)", () => {
    const out = renderCheckRun(hostileReport(), target);
    const rendered = expectSafeMarkdown(out.summary);
    expect(rendered).toContain("&lt;img src=x onerror=alert(1)&gt;"); // shown as text, not dropped
    expect(out.title).not.toMatch(/[\x00-\x1f]/);
  });

  test("the Action's job summary: the title escaped, and never two H2 headings in a row", () => {
    const check = renderCheckRun(hostileReport(), target);
    const summary = renderJobSummary(check, "what pull request #7 adds");
    expectSafeMarkdown(summary);
    expect(summary).toMatch(/^## SAS Guard: Critical: account SAS with write access until 2051 in docs\/\\\]\(javascript:alert\(1\)\)&lt;img/);
    expect(summary).not.toMatch(/^#+ .*\n+#+ /m);
    expect(renderJobSummary(renderCheckRun(report(), target), "x")).not.toMatch(/^#+ .*\n+#+ /m);
  });

  test("check run annotations: plain text on the right file, nothing executable", () => {
    const [a] = renderCheckRun(hostileReport(), target).annotations;
    expect(a.path).toBe(HOSTILE_PATH); // the real path, or GitHub cannot place the annotation
    expect(a.title).not.toMatch(/[\x00-\x1f]/);
  });

  test("review comment and review body", () => {
    expectSafeMarkdown(renderReviewComment(hostile()));
    expectSafeMarkdown(renderReviewBody({ inline: [], offDiff: [hostile()], overflow: [hostile()], checkRunUrl: "https://github.com/o/r/runs/1" }));
  });

  test("baseline issue, with a hostile branch name too", () => {
    const issue = renderBaselineIssue(hostileReport(), { ...target, branch: `main](javascript:alert(3))\n\x1b[31m` });
    expectSafeMarkdown(issue.body);
    expect(issue.title).not.toMatch(/[\x00-\x1f]/);
  });

  test("terminal text: controls shown as escapes, no raw ESC, no forged line", () => {
    const out = renderText(hostileReport(), { color: false });
    expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    expect(out).toContain("\\x1b[31m");
    expect(out).not.toMatch(/^::/m);
    expect(
      out
        .split("\n")
        .filter((l) => l.includes("pwned"))
        .every((l) => l.includes("\\n")),
    ).toBe(true);
    const colored = renderText(hostileReport(), { color: true });
    expect(colored.match(/\x1b\[[0-9;]*m/g)!.every((sgr) => /^\x1b\[[0-9;]*m$/.test(sgr))).toBe(true); // only our own SGR
    expect(colored).not.toContain("\x1b]0;");
    expect(colored).not.toContain("\x1b[2J");
  });

  test("workflow commands: one command per finding, the file name cannot start another", () => {
    const out = renderWorkflowCommands(hostileReport());
    const lines = out.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^::error file=docs\/\]\(javascript%3Aalert\(1\)\)<img src=x onerror=alert\(1\)>\|`tick`%0A%3A%3Awarning title=x%3A%3Apwned\[31mred\.md,line=12,/,
    );
    expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
  });

  test("SARIF: text stays plain, the markdown message is escaped", () => {
    const log = JSON.parse(renderSarif(hostileReport(), { version: "0.0.0", informationUri: "https://example.com" })) as {
      runs: { results: { message: { text: string; markdown: string } }[] }[];
    };
    const [result] = log.runs[0].results;
    expect(result.message.text).toContain(HOSTILE_TEXT.split("\n")[0]);
    expectSafeMarkdown(result.message.markdown);
  });
});

describe("the escaping helpers", () => {
  test.each([
    ["a link", "](javascript:alert(1))", "\\](javascript:alert(1))"],
    ["HTML", "<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"],
    ["a table break", "a|b", "a\\|b"],
    ["a code span", "`x`", "\\`x\\`"],
    ["emphasis", "*a* _b_ ~c~", "\\*a\\* \\_b\\_ \\~c\\~"],
    ["a line break and a heading", "x\n# y", "x \\# y"],
    ["an entity", "&lt;", "&amp;lt;"],
    ["a mention and an issue reference", "@octocat #12", "@\u200boctocat \\#\u200b12"],
    ["an ESC sequence", "\x1b[31mred", "\\[31mred"],
  ])("Markdown text: %s", (_name, input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });

  test("Markdown code spans survive backticks, pipes (in a table) and line breaks", () => {
    expect(codeSpan("a`b")).toBe("``a`b``");
    expect(codeSpan("`x`")).toBe("`` `x` ``");
    expect(codeSpan("a|b")).toBe("`a|b`");
    expect(codeSpan("a|b", { inTable: true })).toBe("`a\\|b`");
    expect(codeSpan("a\nb")).toBe("`a b`");
  });

  test("terminal: every control character becomes a visible escape", () => {
    expect(terminal("a\x1b[31mb\nc\rd\te\x07\u009b\u202e")).toBe("a\\x1b[31mb\\nc\\rd\\te\\x07\\x9b\\u202e");
  });

  test("workflow commands: the Actions toolkit's escapes, and no other control character", () => {
    expect(workflowData("100%\r\n::x")).toBe("100%25%0D%0A::x");
    expect(workflowProperty("a:b,c%\n")).toBe("a%3Ab%2Cc%25%0A");
    expect(workflowData("\x1b[31mred\tx")).toBe("[31mred\tx");
  });

  test("HTML: element content and quoted attributes", () => {
    expect(html(`<a href="x" onclick='y'>&`)).toBe("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;");
  });

  test("a value cannot forge a code span: markers inside a value are replaced, and a raw marker is dropped", () => {
    expect(toText(`name ${code("a\uFDD1 injected \uFDD0b")} end`)).toEqual(["name ", { code: "a\uFFFD injected \uFFFDb" }, " end"]);
    // the engine replaces markers in every token field before it builds a phrase, so a raw value cannot carry one
    const c = withoutMarkersIn({ token: { account: "\uFDD0x\uFDD1", delegation: { objectId: "\uFDD1" } } } as unknown as Credential);
    expect(c.token).toEqual({ account: "\uFFFDx\uFFFD", delegation: { objectId: "\uFFFD" } });
    expect(toText("stray \uFDD1 marker")).toEqual(["stray  marker"]);
    expect(markdownText(["plain `x` ", { code: "v|w" }], { inTable: true })).toBe("plain \\`x\\` `v\\|w`");
  });
});
