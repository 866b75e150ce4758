import { chunk, checkRunTitle, conclusionFor, fitSummary, renderCheckRun, MAX_SUMMARY_BYTES } from "../../src/report/render-markdown.js";
import type { Finding, Severity } from "../../src/detect/types.js";
import { criticalAccountSas, fullReport, inlineSuppressedServiceBus, mediumServiceSas, report, suppressedAccountKey } from "./fixtures.js";

const target = { webBaseUrl: "https://github.com", owner: "contoso", repo: "shop", sha: "0123456789abcdef0123456789abcdef01234567" };

describe("checkRunTitle", () => {
  it.each<[string, Partial<Finding>[], string]>([
    ["the incident token", [{}], "Critical: account SAS with full control until 2051 in README.md"],
    ["several findings", [{}, { path: "a.txt" }], "Critical: account SAS with full control until 2051 in README.md (and 1 more finding)"],
    [
      "an expired token",
      [{ severity: "low", reasons: [{ id: "expired", message: "Expired." }], token: { expiry: "2023-01-01T00:00:00Z" } }],
      "Low: account SAS (expired 2023) in README.md",
    ],
    [
      "a key with no expiry",
      [
        {
          kind: "storage-account-key",
          reasons: [
            { id: "account-key", message: "k" },
            { id: "no-expiry", message: "n" },
          ],
          token: {},
        },
      ],
      "Critical: storage account key with full control with no expiry in README.md",
    ],
    ["a write SAS", [{ severity: "high", reasons: [{ id: "write", message: "w" }] }], "High: account SAS with write access until 2051 in README.md"],
  ])("states the worst finding in words: %s", (_name, overrides, title) => {
    expect(checkRunTitle(report({ findings: overrides.map((o) => criticalAccountSas(o)) }))).toBe(title);
  });

  it("names the worst finding, not the first", () => {
    expect(checkRunTitle(report({ findings: [mediumServiceSas(), criticalAccountSas()] }))).toMatch(/^Critical: account SAS/);
  });

  it.each([
    ["clean", report(), "No Azure credentials found"],
    ["only suppressed findings", report({ findings: [suppressedAccountKey()] }), "No Azure credentials found (1 suppressed)"],
    ["an incomplete scan", report({ incomplete: ["x: 502"] }), "Scan incomplete: no Azure credentials found in what was scanned"],
  ])("says what happened when nothing is active: %s", (_name, r, title) => {
    expect(checkRunTitle(r)).toBe(title);
  });

  it("stays within 255 characters for a very long path", () => {
    const title = checkRunTitle(report({ findings: [criticalAccountSas({ path: `${"deep/".repeat(100)}file.txt` }), mediumServiceSas()] }));
    expect(title.length).toBeLessThanOrEqual(255);
    expect(title).toMatch(/^Critical: account SAS with full control until 2051 in deep\/deep.*… \(and 1 more finding\)$/);
  });
});

describe("conclusionFor", () => {
  it.each<[string, Partial<Parameters<typeof report>[0]>, string]>([
    ["an unsuppressed finding at failOn", { findings: [criticalAccountSas({ severity: "high" })] }, "failure"],
    ["one above failOn, even with an incomplete scan", { findings: [criticalAccountSas()], incomplete: ["x"] }, "failure"],
    ["findings below failOn", { findings: [mediumServiceSas()] }, "neutral"],
    ["a lower failOn catches them", { findings: [mediumServiceSas()], failOn: "medium" as Severity }, "failure"],
    ["an incomplete scan with nothing found", { incomplete: ["src/huge.json: 502"] }, "neutral"],
    ["only suppressed findings", { findings: [suppressedAccountKey(), inlineSuppressedServiceBus()] }, "success"],
    ["a clean scan", {}, "success"],
  ])("%s → %s", (_name, overrides, conclusion) => {
    expect(conclusionFor(report(overrides))).toBe(conclusion);
  });

  it("lets checks.conclusionBelowFailOn turn findings below failOn into success, but never an incomplete scan", () => {
    expect(conclusionFor(report({ findings: [mediumServiceSas()] }), { belowFailOn: "success" })).toBe("success");
    expect(conclusionFor(report({ findings: [mediumServiceSas()], incomplete: ["x"] }), { belowFailOn: "success" })).toBe("neutral");
    expect(conclusionFor(report({ findings: [criticalAccountSas()] }), { belowFailOn: "success" })).toBe("failure");
  });
});

describe("annotations", () => {
  it("annotates each unsuppressed finding on its line, worst first, at the level of its severity", () => {
    const findings = (["critical", "high", "medium", "low", "info"] as Severity[]).map((severity, i) =>
      criticalAccountSas({ severity, path: `f${i}.txt`, line: i + 1 }),
    );
    const { annotations } = renderCheckRun(report({ findings: [...findings.reverse(), suppressedAccountKey()] }), target);
    expect(annotations.map((a) => [a.path, a.annotation_level])).toEqual([
      ["f0.txt", "failure"],
      ["f1.txt", "failure"],
      ["f2.txt", "warning"],
      ["f3.txt", "notice"],
      ["f4.txt", "notice"],
    ]);
  });

  it("fills every field the Checks API takes, within its limits", () => {
    const [a] = renderCheckRun(report({ findings: [criticalAccountSas({ path: "src\\app.ts" })] }), target).annotations;
    expect(a).toMatchObject({ path: "src/app.ts", start_line: 12, end_line: 12, start_column: 8, annotation_level: "failure" });
    expect(a.end_column).toBeGreaterThan(8);
    expect(a.title).toBe("Critical: account SAS with full control until 2051");
    expect(a.message).toBe(
      [
        "account SAS with full control of storage account `acct` until 2051-10-06",
        "",
        "Why:",
        "- Grants every permission, including delete and permanent delete.",
        "- Reaches every container, queue, table and share of the account.",
        "- Valid for 28 more years.",
        "",
        "Breaks the repository policy:",
        "- maxLifetimeDays: lives 10,000 days; the policy allows 30.",
        "",
        "How to fix:",
        "1. Rotate the storage account key that signed this SAS (key1 or key2).",
        "2. Remove the token from the file and from git history.",
        "3. Use a user delegation SAS that lives for hours, issued at run time.",
      ].join("\n"),
    );
    expect(a.raw_details).toContain("Fingerprint: sg1:0123456789abcdef01234567");
  });

  it("leaves columns out when the token has no extent on the line", () => {
    const [a] = renderCheckRun(report({ findings: [criticalAccountSas({ column: 5, endColumn: 5 })] }), target).annotations;
    expect(a).not.toHaveProperty("start_column");
    expect(a).not.toHaveProperty("end_column");
  });

  it("cuts a huge message to 64 KB of UTF-8", () => {
    const [a] = renderCheckRun(report({ findings: [criticalAccountSas({ summary: "é".repeat(50_000) })] }), target).annotations;
    expect(new TextEncoder().encode(a.message).length).toBeLessThanOrEqual(64 * 1024);
    expect(a.message.endsWith("(cut to fit GitHub's 64 KB limit)")).toBe(true);
  });

  it.each([
    [0, []],
    [50, [50]],
    [120, [50, 50, 20]],
  ])("chunk splits %i annotations into batches of 50", (n, sizes) => {
    expect(chunk(Array.from({ length: n }, (_, i) => i)).map((b) => b.length)).toEqual(sizes);
  });

  it("chunk keeps order and rejects a size below 1", () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});

describe("summary", () => {
  const summaryOf = (r = fullReport()) => renderCheckRun(r, target).summary;
  const bytes = (s: string) => Buffer.byteLength(s, "utf8");

  it("opens with how bad, where and the one thing to do first", () => {
    const [first, , doFirst] = summaryOf().split("\n");
    expect(first).toBe(
      "**2 Azure credentials found** (1 critical, 1 medium). **Failing:** 1 finding at or above `high` (the `failOn` threshold). 2 findings suppressed (listed below).",
    );
    expect(doFirst).toBe("**Revoke first, then delete:** deleting the line does not revoke a token. Each finding's first action is in the table.");
  });

  it("tables each finding in five short columns, no token and no paragraph in a cell, linked to its line at the scanned commit", () => {
    const summary = summaryOf();
    expect(summary).toContain("| Severity | Location | Kind | What it allows | First action |\n| --- | --- | --- | --- | --- |");
    expect(summary).toContain(
      "| **Critical** | [README.md:12](https://github.com/contoso/shop/blob/0123456789abcdef0123456789abcdef01234567/README.md#L12) | account SAS | full control of every service of storage account `acct` until 2051-10-06 | Rotate the account key of `acct` |",
    );
    const rows = summary.split("\n").filter((l) => l.startsWith("| **Critical**") || l.startsWith("| Medium"));
    for (const r of rows) expect(r).not.toContain("sig=");
  });

  it("encodes paths in links and escapes table-breaking text", () => {
    const summary = summaryOf(
      report({ findings: [criticalAccountSas({ path: "docs/a b#|c.md", redacted: "x|y`z", reasons: [{ id: "write", message: "a | b <script>" }] })] }),
    );
    expect(summary).toContain(
      "[docs/a b\\#\\|c.md:12](https://github.com/contoso/shop/blob/0123456789abcdef0123456789abcdef01234567/docs/a%20b%23%7Cc.md#L12)",
    );
    expect(summary).toContain("Token (redacted): ``x|y`z``");
    expect(summary).toContain("- a \\| b &lt;script&gt;");
  });

  it("details every finding below the table once: redacted token, why, every step, and no repeated table text", () => {
    const summary = summaryOf();
    expect(summary).toContain("### 1. Critical: account SAS in [README.md:12](");
    expect(summary).toContain("### 2. Medium: service SAS in [");
    expect(summary).toContain(
      "Token (redacted): `https://acct.blob.core.windows.net/?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2051-10-06T00:00:00Z&spr=https&sig=REDACTED`",
    );
    expect(summary).toContain("**How to fix, in this order**\n\n1. Rotate the storage account key that signed this SAS (key1 or key2).\n2. Remove the token");
    expect(summary.split("full control of every service of storage account `acct`")).toHaveLength(2); // the table only
    expect(summary).not.toMatch(/^## /m);
  });

  it("collapses suppressed findings and skipped files, and shows config problems, gaps and the config source", () => {
    const summary = summaryOf();
    expect(summary).toContain("<details><summary>Suppressed findings (2)</summary>");
    expect(summary).toContain("allowlist: test account, rotated weekly (until 2027-01-01)");
    expect(summary).toContain("<details><summary>Skipped files (2)</summary>\n\n- `dist/bundle.js`: ignored by paths.ignore (dist/\\*\\*)");
    expect(summary).toContain("### Configuration problems in `.github/sas-guard.yml`");
    expect(summary).toContain("- policy.maxLifetimeDays: expected a number");
    expect(summary).toContain("> - src/huge.json: the blob API returned 502 three times");
    expect(summary).toContain("Config: `.github/sas-guard.yml`");
  });

  it.each([
    [1, 10, "1 file scanned"],
    [2, 4096, "2 files scanned"],
  ])("says how much it scanned in plain words: %i files", (files, size, words) => {
    expect(summaryOf(report({ stats: { files, bytes: size, ms: 7 } }))).toContain(`${words} in 7 ms`);
  });

  it("says so plainly when the scan is clean, without a heading (the pane and the job summary have their own)", () => {
    expect(summaryOf(report())).toMatch(/^\*\*No Azure credentials found\.\*\* \*\*Passing:\*\* nothing at or above `high`/);
  });

  it("stays within 65,535 bytes with 2,000 findings and says how many were left out and where to see them", () => {
    const findings = Array.from({ length: 2000 }, (_, i) =>
      criticalAccountSas({ path: `src/generated/module-${i}.ts`, line: i + 1, severity: i % 2 ? "high" : "critical" }),
    );
    const skipped = Array.from({ length: 500 }, (_, i) => ({ path: `vendor/lib-${i}.min.js`, reason: "larger than maxFileSizeMB (10 MB): 52.4 MB" }));
    const summary = summaryOf(report({ findings: [...findings, suppressedAccountKey()], skipped }));
    expect(bytes(summary)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES);
    const rows = summary.split("\n").filter((l) => /^\| \*\*(Critical|High)\*\* \| \[src\/generated\//.test(l)).length;
    expect(rows).toBeGreaterThan(50);
    expect(rows).toBeLessThan(2000);
    expect(summary).toContain(
      `> **This summary is shortened** to fit GitHub's limit of 65,535 bytes: ${2000 - rows} of 2000 findings are left out of the table`,
    );
    expect(summary).toContain(`… ${2000 - rows} more findings not shown in this table.`);
    expect(summary).toContain("Every unsuppressed finding is annotated on its line");
    expect(summary).toContain("`npx sas-guard scan --format json`");
    expect(summary.trimEnd().endsWith("SAS Guard never shows a whole signature or key.")).toBe(true);
  });

  it("counts GitHub's limit in UTF-8 bytes: 120 critical findings in CJK and emoji paths stay ≤ 65,535 bytes of valid UTF-8", () => {
    const findings = Array.from({ length: 120 }, (_, i) => criticalAccountSas({ path: `資料/😀${"漢字🔑".repeat(40)}-${i}.md`, line: i + 1 }));
    const summary = summaryOf(report({ findings }));
    expect(summary.length).toBeLessThan(MAX_SUMMARY_BYTES); // in characters it would pass either way…
    expect(bytes(summary)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES); // …in bytes is what GitHub checks
    expect(Buffer.from(summary, "utf8").toString("utf8")).toBe(summary); // no lone surrogate (it would become U+FFFD)
    expect(summary).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(summary).toContain("This summary is shortened");
  });

  it("fitSummary cuts a publisher's prefixed summary on a character boundary, in bytes", () => {
    const cut = fitSummary(`note\n\n${"😀".repeat(20_000)}`);
    expect(bytes(cut)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES);
    expect(cut).toMatch(/😀\n\n… \(cut to fit GitHub's limit of 65,535 bytes\)$/);
    expect(fitSummary("short")).toBe("short");
  });

  it("does not shorten a normal report", () => {
    expect(summaryOf()).not.toContain("This summary is shortened");
  });
});
