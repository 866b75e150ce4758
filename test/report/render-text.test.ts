import { renderText } from "../../src/report/render-text.js";
import { criticalAccountSas, fullReport, mediumServiceSas, report } from "./fixtures.js";

const ESC = "\x1b[";

describe("renderText", () => {
  it("groups findings by file, worst file first, with everything a person needs to act", () => {
    const text = renderText(fullReport(), { color: false });
    expect(text).not.toContain(ESC);
    const readme = text.indexOf("README.md\n");
    const docs = text.indexOf("docs/share.md\n");
    expect(readme).toBeGreaterThanOrEqual(0);
    expect(docs).toBeGreaterThan(readme);
    const block = text.slice(readme, docs);
    expect(block).toContain("CRITICAL account SAS at 12:8");
    expect(block).toContain("token        https://acct.blob.core.windows.net/?sv=2022-11-02");
    expect(block).toContain("fingerprint  sg1:0123456789abcdef01234567");
    expect(block).toContain("      - Grants every permission, including delete and permanent delete.");
    expect(block).toContain("policy maxLifetimeDays: lives 10,000 days; the policy allows 30.");
    expect(block).toMatch(/how to fix:\n {6}1\. Rotate the storage account key.*\n {6}2\. Remove the token.*\n {6}3\. Use a user delegation SAS/);
  });

  it("lists suppressed findings apart, with who suppressed them and why", () => {
    const text = renderText(fullReport(), { color: false });
    const suppressed = text.slice(text.indexOf("Suppressed (2)"));
    expect(suppressed).toContain("config/app.settings.json:40:20  critical connection string  sg1:aaaaaaaaaaaaaaaaaaaaaaaa");
    expect(suppressed).toContain("suppressed by allowlist: test account, rotated weekly (until 2027-01-01)");
    expect(suppressed).toContain("suppressed by inline sas-guard:ignore comment: expired sample in a test");
    // a suppressed finding is never shown among the active ones
    expect(text.slice(0, text.indexOf("Suppressed (2)"))).not.toContain("config/app.settings.json");
  });

  it("lists skipped files, config errors and unscanned parts with their reasons", () => {
    const text = renderText(fullReport(), { color: false });
    expect(text).toContain("Skipped (2)\n  dist/bundle.js: ignored by paths.ignore (dist/**)\n  assets/logo.png: binary file\n");
    expect(text).toContain("Config errors in .github/sas-guard.yml (defaults used for these keys)\n  policy.maxLifetimeDays: expected a number");
    expect(text).toContain("Not scanned\n  src/huge.json: the blob API returned 502 three times\n");
  });

  it.each([
    [
      "failing",
      report({ findings: [criticalAccountSas(), mediumServiceSas()] }),
      "2 findings (1 critical, 0 high, 1 medium, 0 low, 0 info); 10 files scanned in 35 ms. FAIL: 1 finding at or above high\n",
    ],
    [
      "passing below failOn",
      report({ findings: [mediumServiceSas()] }),
      "1 finding (0 critical, 0 high, 1 medium, 0 low, 0 info); 10 files scanned in 35 ms. PASS: nothing at or above high\n",
    ],
    ["clean", report(), "0 findings (0 critical, 0 high, 0 medium, 0 low, 0 info); 10 files scanned in 35 ms. PASS: nothing at or above high\n"],
  ])("ends with counts by severity and the verdict against failOn: %s", (_name, r, last) => {
    expect(renderText(r, { color: false }).endsWith(last)).toBe(true);
  });

  it("says so when nothing was found", () => {
    expect(renderText(report(), { color: false })).toMatch(/^No Azure credentials found\./);
  });

  it("counts suppressed findings in the closing line", () => {
    expect(renderText(fullReport(), { color: false })).toMatch(/, 2 suppressed; 10 files scanned/);
  });

  it("colours severities with plain ANSI codes only when asked", () => {
    const text = renderText(report({ findings: [criticalAccountSas(), mediumServiceSas()] }), { color: true });
    expect(text).toContain(`${ESC}1;31mCRITICAL`);
    expect(text).toContain(`${ESC}33mMEDIUM`);
    expect(text).toContain(`${ESC}1;31mFAIL: 1 finding at or above high${ESC}0m`);
  });

  it("shows paths relative to the scanned root", () => {
    const r = report({
      findings: [criticalAccountSas({ path: "/home/me/project/src/app.ts" })],
      skipped: [{ path: "/home/me/project/a.bin", reason: "binary file" }],
    });
    const text = renderText(r, { color: false, root: "/home/me/project/" });
    expect(text).toMatch(/^src\/app.ts\n/);
    expect(text).toContain("  a.bin: binary file");
    expect(text).not.toContain("/home/me/project");
  });
});
