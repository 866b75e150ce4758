// SARIF output validated against the SARIF 2.1.0 JSON schema as published on npm, plus the GitHub
// code-scanning rules a schema cannot express. No npm package ships the OASIS "os" file itself; the closest is
// the schema of 2.1.0-rtm.5 (the release candidate that became 2.1.0, with `suppression.status`) in
// @microsoft/jest-sarif. The draft-07 copy in @datadog/datadog-ci-plugin-sarif predates rtm.5: it still calls
// that property `state`, so it rejects what GitHub and the final standard expect.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import ajvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { renderSarif, toSarif, SECURITY_SEVERITY, type SarifOptions } from "../../src/report/render-sarif.js";
import type { Severity } from "../../src/detect/types.js";
import { criticalAccountSas, fullReport, inlineSuppressedServiceBus, mediumServiceSas, report, suppressedAccountKey } from "./fixtures.js";

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
// both are CommonJS modules whose module.exports also carries itself as `.default`: the form TypeScript types
const { default: Ajv04 } = ajvDraft04;
const { default: addFormats } = ajvFormats;
// unicodeRegExp off: rtm.5's `language` pattern has a stray "]" that is legal only without the regexp "u" flag
const ajv = new Ajv04({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const options: SarifOptions = { version: "1.2.3", informationUri: "https://github.com/sas-guard/sas-guard" };
type Json = any; // walking a parsed SARIF document
const sarifOf = (r = fullReport()): Json => JSON.parse(renderSarif(r, options));

describe("renderSarif", () => {
  it("uses the SARIF 2.1.0 (rtm.5) schema, with the final standard's suppression.status", () => {
    expect(schema.title).toBe("Static Analysis Results Format (SARIF) Version 2.1.0-rtm.5 JSON Schema");
    expect(Object.keys(schema.definitions.suppression.properties)).toContain("status");
  });

  it("the validator really rejects invalid SARIF", () => {
    const log = sarifOf();
    log.runs[0].results[0].level = "critical";
    delete log.runs[0].tool.driver.name;
    log.runs[0].tool.driver.informationUri = "not a URI"; // formats are checked too (ajv-formats)
    expect(validate(log)).toBe(false);
    expect(validate.errors?.map((e: { instancePath: string }) => e.instancePath)).toEqual(
      expect.arrayContaining(["/runs/0/results/0/level", "/runs/0/tool/driver", "/runs/0/tool/driver/informationUri"]),
    );
  });

  it.each([
    ["a report with every kind of finding, suppressions, skipped files and errors", fullReport()],
    ["a clean report", report()],
    ["a path with spaces, '#' and backslashes", report({ findings: [criticalAccountSas({ path: "docs\\my notes #1.md" })] })],
  ])("validates against the schema: %s", (_name, r) => {
    const valid = validate(sarifOf(r));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("describes the tool and one rule per kind, with help and GitHub's properties", () => {
    const run = sarifOf().runs[0];
    expect(run.tool.driver).toMatchObject({ name: "SAS Guard", version: "1.2.3", informationUri: options.informationUri });
    const rules = run.tool.driver.rules;
    expect(rules.map((r: Json) => r.id)).toEqual(["sas-guard/account-sas", "sas-guard/service-sas", "sas-guard/servicebus-sas", "sas-guard/connection-string"]);
    for (const rule of rules) {
      expect(rule.shortDescription.text).toMatch(/^Azure /);
      expect(rule.fullDescription.text.length).toBeGreaterThan(20);
      expect(rule.help.text).toContain("How to fix:");
      expect(rule.help.markdown).toContain("### How to fix");
      expect(rule.properties.tags).toEqual(["security", "secret"]);
      expect(rule.properties["security-severity"]).toMatch(/^\d+\.\d$/);
    }
    // the rule carries the worst severity seen for its kind (the suppressed critical key included)
    expect(rules.find((r: Json) => r.id === "sas-guard/connection-string").properties["security-severity"]).toBe("9.5");
  });

  it.each<[Severity, string, number, number]>([
    ["critical", "error", 9.1, 10],
    ["high", "error", 7.0, 8.9],
    ["medium", "warning", 4.0, 6.9],
    ["low", "note", 0.1, 3.9],
    ["info", "note", 0.1, 3.9],
  ])("maps %s to level %s and a security-severity in GitHub's band", (severity, level, min, max) => {
    const result = sarifOf(report({ findings: [criticalAccountSas({ severity })] })).runs[0].results[0];
    expect(result.level).toBe(level);
    expect(result.properties.severity).toBe(severity);
    const score = Number(result.properties["security-severity"]);
    expect(score).toBeGreaterThanOrEqual(min);
    expect(score).toBeLessThanOrEqual(max);
    expect(result.properties["security-severity"]).toBe(SECURITY_SEVERITY[severity]);
  });

  it("locates each result with a relative, forward-slash URI and the token's columns", () => {
    const r = report({ findings: [criticalAccountSas({ path: ".\\docs\\my notes #1.md", line: 4, column: 3, endColumn: 90 })] });
    const result = sarifOf(r).runs[0].results[0];
    expect(result.ruleId).toBe("sas-guard/account-sas");
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "docs/my%20notes%20%231.md" },
      region: { startLine: 4, startColumn: 3, endColumn: 90 },
    });
    expect(result.message.text).toContain("account SAS with full control of storage account `acct` until 2051-10-06.");
    expect(result.message.text).toContain("Grants every permission");
    expect(result.properties).toMatchObject({ reasons: ["full-permissions", "account-scope", "long-expiry"], confidence: "high" });
  });

  it("keeps partialFingerprints stable across runs where the token moved", () => {
    const before = sarifOf(report({ findings: [criticalAccountSas({ line: 12 }), mediumServiceSas({ line: 3 })] }));
    const after = sarifOf(report({ findings: [criticalAccountSas({ line: 80, column: 1 }), mediumServiceSas({ line: 300 })] }));
    const prints = (log: Json) => log.runs[0].results.map((x: Json) => [x.ruleId, x.partialFingerprints]);
    expect(prints(after)).toEqual(prints(before));
    expect(prints(before)).toContainEqual(["sas-guard/account-sas", { "sasGuard/v1": "sg1:0123456789abcdef01234567" }]);
  });

  it("carries suppressed findings as SARIF suppressions", () => {
    const results = sarifOf(report({ findings: [suppressedAccountKey(), inlineSuppressedServiceBus(), mediumServiceSas()] })).runs[0].results;
    const byRule = (id: string) => results.find((x: Json) => x.ruleId === id);
    expect(byRule("sas-guard/connection-string").suppressions).toEqual([
      { kind: "external", status: "accepted", justification: "test account, rotated weekly (allowlisted until 2027-01-01)" },
    ]);
    expect(byRule("sas-guard/servicebus-sas").suppressions).toEqual([{ kind: "inSource", status: "accepted", justification: "expired sample in a test" }]);
    expect(byRule("sas-guard/service-sas")).not.toHaveProperty("suppressions");
  });

  it("reports skipped files, config errors and unscanned parts as tool notifications", () => {
    const invocation = sarifOf().runs[0].invocations[0];
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications.map((n: Json) => [n.level, n.descriptor.id])).toEqual([
      ["error", "sas-guard/not-scanned"],
      ["warning", "sas-guard/config-error"],
      ["note", "sas-guard/skipped-file"],
      ["note", "sas-guard/skipped-file"],
    ]);
  });

  it("is deterministic: the same report renders the same bytes", () => {
    expect(renderSarif(fullReport(), options)).toBe(renderSarif(fullReport(), options));
    expect(toSarif(fullReport(), options)).toEqual(toSarif(fullReport(), options));
  });
});
