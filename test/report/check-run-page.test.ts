// The check-run page for the 2023 incident token, rendered as GitHub renders it (GFM, here with marked): a compact
// table that fits the pane, details below, never the whole secret. The HTML checks always run; the Chromium
// screenshot runs when Debian's chromium is installed and is reported as skipped, by name, when it is not
// (`npm run screenshot` writes docs/check-run-2023-token.png).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { incidentCheckRun, incidentCheckRunPage, INCIDENT_SEED, markdownHtml } from "../support/check-run-page.js";
import { fakeSig } from "../support/fake-secrets.js";
import { leakForms } from "../github/helpers.js";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const text = (cell: string) =>
  cell
    .replace(/<[^>]+>/g, "")
    .replace(/&[a-z#0-9]+;/gi, "x")
    .trim();

/** Every table as rows of cell HTML, head row first. */
const tables = (html: string): string[][][] =>
  (html.match(/<table>[\s\S]*?<\/table>/g) ?? []).map((t) =>
    (t.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).map((r) => [...r.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => m[1])),
  );

describe("the check-run page of the 2023 incident token", () => {
  const { output, conclusion } = incidentCheckRun();
  const html = markdownHtml(output.summary);

  test("fails, and the first screen says how bad, where and what to do first", () => {
    expect(conclusion).toBe("failure");
    expect(output.title).toBe("Critical: account SAS with full control until 2051 in README.md");
    const [verdict, revokeFirst] = output.summary.split("\n\n");
    expect(verdict).toBe("**1 Azure credential found** (1 critical). **Failing:** 1 finding at or above `high` (the `failOn` threshold).");
    expect(revokeFirst).toMatch(/^\*\*Revoke first, then delete:\*\*/);
  });

  test("one compact table: five named columns, no empty column, no token and no paragraph in a cell", () => {
    const [findings] = tables(html);
    expect(findings[0].map(text)).toEqual(["Severity", "Location", "Kind", "What it allows", "First action"]);
    for (const row of findings) expect(row).toHaveLength(5);
    for (let col = 0; col < 5; col++) expect(findings.slice(1).every((r) => text(r[col]) !== "")).toBe(true);
    expect(findings[1].map(text)).toEqual([
      "Critical",
      "README.md:6",
      "account SAS",
      "full control of every service of storage account robustnessws4285631339 until 2051-10-06",
      "Rotate the account key of storage account robustnessws4285631339",
    ]);
    for (const cell of findings[1]) {
      expect(cell).not.toContain("sig=");
      expect(text(cell).length).toBeLessThanOrEqual(100);
    }
  });

  test("details below, once: the redacted token, why, every step; the table's words are not repeated", () => {
    expect(output.summary).toContain("### 1. Critical: account SAS in [README.md:6](");
    expect(output.summary).toMatch(/Token \(redacted\): `https:\/\/robustnessws4285631339\.blob\.core\.windows\.net\/\?sv=2020-08-04&[^`]*sig=<redacted>`/);
    expect(output.summary).toMatch(
      /\*\*How to fix, in this order\*\*\n\n1\. Revoke it: [^\n]*\n2\. Investigate: [^\n]*\n3\. Remove it [^\n]*\n4\. Prevent it: /,
    );
    expect(output.summary.split("full control of every service of storage account")).toHaveLength(2);
    expect(output.summary).toContain("1 file scanned in 4 ms");
    expect(output.summary).not.toMatch(/^## /m);
  });

  test("never the whole secret, in the Markdown or in the page", () => {
    const page = incidentCheckRunPage();
    for (const form of leakForms(fakeSig(INCIDENT_SEED))) {
      expect(output.summary).not.toContain(form);
      expect(page).not.toContain(form);
    }
  });

  // An explicit gate: without chromium this test shows as skipped under this name, never as passed.
  (existsSync(CHROMIUM) ? test : test.skip)(
    `Chromium (${CHROMIUM}) screenshots the page at the pane's width`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), "sas-guard-page-"));
      const page = join(dir, "page.html");
      const png = join(dir, "page.png");
      writeFileSync(page, incidentCheckRunPage());
      execFileSync(
        CHROMIUM,
        [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          `--user-data-dir=${join(dir, "profile")}`,
          `--screenshot=${png}`,
          "--window-size=900,1400",
          `file://${page}`,
        ],
        { stdio: "ignore", timeout: 60_000 },
      );
      const bytes = readFileSync(png);
      expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([900, 1400]);
    },
    90_000,
  );

  test("the committed screenshot is there (regenerate with npm run screenshot)", () => {
    const png = readFileSync(join(process.cwd(), "docs", "check-run-2023-token.png"));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([900, 1400]);
  });
});
