import { renderJson, toJsonOutput } from "../../src/report/render-json.js";
import { criticalAccountSas, report, suppressedAccountKey } from "./fixtures.js";

describe("renderJson", () => {
  it("writes exactly the version 1 contract of docs/json-output.md", () => {
    const r = report({
      findings: [suppressedAccountKey({ path: "config\\app.settings.json" }), criticalAccountSas()],
      skipped: [{ path: "./dist/bundle.js", reason: "ignored by paths.ignore (dist/**)" }],
      stats: { files: 3, bytes: 4096, ms: 12 },
    });

    expect(JSON.parse(renderJson(r))).toEqual({
      version: 1,
      configSource: ".github/sas-guard.yml",
      findings: [
        {
          path: "README.md",
          line: 12,
          column: 8,
          kind: "account-sas",
          severity: "critical",
          reasons: [
            { id: "full-permissions", message: "Grants every permission, including delete and permanent delete." },
            { id: "account-scope", message: "Reaches every container, queue, table and share of the account." },
            { id: "long-expiry", message: "Valid for 28 more years." },
          ],
          remediation: [
            "Rotate the storage account key that signed this SAS (key1 or key2).",
            "Remove the token from the file and from git history.",
            "Use a user delegation SAS that lives for hours, issued at run time.",
          ],
          token: {
            account: "acct",
            service: "blob",
            resource: null,
            services: "bfqt",
            resourceTypes: "sco",
            permissions: "rwdlacupiytfx",
            start: null,
            expiry: "2051-10-06T00:00:00Z",
            protocol: "https",
            ipRange: null,
            storedPolicy: null,
            version: "2022-11-02",
            azureService: null,
          },
          fingerprint: "sg1:0123456789abcdef01234567",
          redacted: "https://acct.blob.core.windows.net/?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2051-10-06T00:00:00Z&spr=https&sig=REDACTED",
          suppressed: false,
          commit: null,
          confidence: "high",
          summary: "account SAS with full control of storage account `acct` until 2051-10-06",
          notes: [],
          violations: [{ rule: "maxLifetimeDays", message: "lives 10,000 days; the policy allows 30." }],
          origin: null,
          exposure: null,
          verification: null,
          severityTrail: [{ step: "base", from: "critical", to: "critical", reason: "account-scope, full-permissions, long-expiry" }],
        },
        {
          path: "config/app.settings.json",
          line: 40,
          column: 20,
          kind: "connection-string",
          severity: "critical",
          reasons: [{ id: "account-key", message: "Contains a storage account key: full control of the account, no expiry." }],
          remediation: ["Rotate the key.", "Move the setting to Key Vault."],
          token: {
            account: "legacy",
            service: null,
            resource: null,
            services: null,
            resourceTypes: null,
            permissions: null,
            start: null,
            expiry: null,
            protocol: null,
            ipRange: null,
            storedPolicy: null,
            version: null,
            azureService: null,
          },
          fingerprint: "sg1:aaaaaaaaaaaaaaaaaaaaaaaa",
          redacted: "DefaultEndpointsProtocol=https;AccountName=legacy;AccountKey=REDACTED;EndpointSuffix=core.windows.net",
          suppressed: { by: "allowlist", reason: "test account, rotated weekly", expires: "2027-01-01" },
          commit: "c0ffee0000000000000000000000000000000001",
          confidence: "high",
          summary: "storage account key of `legacy` (full control, no expiry)",
          notes: ["allowlist entry expires on 2027-01-01"],
          violations: [],
          origin: {
            commit: "c0ffee0000000000000000000000000000000001",
            path: "config/app.settings.json",
            date: "2023-04-01T10:00:00Z",
            author: "dev",
          },
          exposure: null,
          verification: null,
          severityTrail: [],
        },
      ],
      skipped: [{ path: "dist/bundle.js", reason: "ignored by paths.ignore (dist/**)" }],
      stats: { files: 3, bytes: 4096, ms: 12 },
    });
  });

  it("writes an empty but complete document for a clean scan", () => {
    expect(JSON.parse(renderJson(report()))).toEqual({
      version: 1,
      configSource: ".github/sas-guard.yml",
      findings: [],
      skipped: [],
      stats: { files: 10, bytes: 20480, ms: 35 },
    });
  });

  it("ends with a newline and keeps key order stable (diff-friendly)", () => {
    const text = renderJson(report({ findings: [criticalAccountSas()] }));
    expect(text.endsWith("}\n")).toBe(true);
    expect(Object.keys(toJsonOutput(report({ findings: [criticalAccountSas()] })).findings[0])).toEqual([
      "path",
      "line",
      "column",
      "kind",
      "severity",
      "reasons",
      "remediation",
      "token",
      "fingerprint",
      "redacted",
      "suppressed",
      "commit",
      "confidence",
      "summary",
      "notes",
      "violations",
      "origin",
      "exposure",
      "verification",
      "severityTrail",
    ]);
  });

  it("never copies engine-only token fields (host, delegation, keyName…) into the contract", () => {
    const finding = criticalAccountSas({ token: { ...criticalAccountSas().token, keyName: "k", delegation: { objectId: "o" } } });
    const token = toJsonOutput(report({ findings: [finding] })).findings[0].token as unknown as Record<string, unknown>;
    expect(Object.keys(token)).toHaveLength(13);
    expect(token.azureService).toBeNull();
    expect(token).not.toHaveProperty("host");
    expect(token).not.toHaveProperty("keyName");
  });
});
