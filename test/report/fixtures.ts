// Hand-built findings and reports for the renderer tests: the renderers must not depend on the engine's
// current output. Raw values come from the fake-secret builders, so no real-looking secret is ever written here.
import { Secret } from "../../src/detect/secret.js";
import type { Finding } from "../../src/detect/types.js";
import type { ScanReport } from "../../src/report/scan-report.js";
import { fakeAccountKey, fakeServiceBusKey, fakeSig, fakeSigEncoded } from "../support/fake-secrets.js";

export const REDACTED_SIG = "sig=REDACTED";

const accountSasUrl = (sig: string): string =>
  `https://acct.blob.core.windows.net/?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2051-10-06T00:00:00Z&spr=https&${sig}`;

/** The account SAS of the incident: every permission, every service, until 2051. */
export function criticalAccountSas(overrides: Partial<Finding> = {}): Finding {
  const redacted = accountSasUrl(REDACTED_SIG);
  return {
    kind: "account-sas",
    path: "README.md",
    line: 12,
    column: 8,
    endColumn: 8 + accountSasUrl(`sig=${fakeSigEncoded("readme")}`).length,
    severity: "critical",
    baseSeverity: "critical",
    severityTrail: [{ step: "base", from: "critical", to: "critical", reason: "account-scope, full-permissions, long-expiry" }],
    confidence: "high",
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
    violations: [{ rule: "maxLifetimeDays", message: "lives 10,000 days; the policy allows 30." }],
    token: {
      account: "acct",
      host: "acct.blob.core.windows.net",
      resourcePath: "/",
      service: "blob",
      services: "bfqt",
      resourceTypes: "sco",
      permissions: "rwdlacupiytfx",
      expiry: "2051-10-06T00:00:00Z",
      protocol: "https",
      version: "2022-11-02",
    },
    fingerprint: "sg1:0123456789abcdef01234567",
    redacted,
    secret: new Secret(fakeSig("readme"), redacted),
    summary: "account SAS with full control of storage account `acct` until 2051-10-06",
    // what the engine adds: the same words with the values as code spans, and each step in a few words
    summaryText: ["account SAS with full control of storage account ", { code: "acct" }, " until 2051-10-06"],
    steps: [
      {
        action: "revoke",
        text: ["Rotate the storage account key that signed this SAS (key1 or key2)."],
        short: ["Rotate the account key of ", { code: "acct" }],
      },
      { action: "remove", text: ["Remove the token from the file and from git history."], short: ["Remove it from the code"] },
      { action: "prevent", text: ["Use a user delegation SAS that lives for hours, issued at run time."], short: ["Create SAS tokens at run time"] },
    ],
    ...overrides,
  };
}

/** A read-only service SAS for one blob, a week long: medium. */
export function mediumServiceSas(overrides: Partial<Finding> = {}): Finding {
  const redacted = `https://acct.blob.core.windows.net/c/report.pdf?sv=2022-11-02&sr=b&sp=r&se=2026-12-01T00:00:00Z&${REDACTED_SIG}`;
  return {
    kind: "service-sas",
    path: "docs/share.md",
    line: 3,
    column: 1,
    endColumn: 150,
    severity: "medium",
    baseSeverity: "medium",
    confidence: "high",
    reasons: [{ id: "read-only", message: "Read-only access to one blob." }],
    remediation: ["Rotate the storage account key that signed this SAS.", "Remove the token from the file."],
    violations: [],
    token: { account: "acct", service: "blob", resource: "b", permissions: "r", expiry: "2026-12-01T00:00:00Z", protocol: "https,http" },
    fingerprint: "sg1:fedcba9876543210fedcba98",
    redacted,
    secret: new Secret(fakeSig("share"), redacted),
    summary: "service SAS with read access to blob `c/report.pdf` of `acct` until 2026-12-01",
    ...overrides,
  };
}

/** A storage account key in a connection string, allowlisted with an expiry. */
export function suppressedAccountKey(overrides: Partial<Finding> = {}): Finding {
  const redacted = "DefaultEndpointsProtocol=https;AccountName=legacy;AccountKey=REDACTED;EndpointSuffix=core.windows.net";
  return {
    kind: "connection-string",
    path: "config/app.settings.json",
    line: 40,
    column: 20,
    endColumn: 210,
    severity: "critical",
    baseSeverity: "critical",
    confidence: "high",
    reasons: [{ id: "account-key", message: "Contains a storage account key: full control of the account, no expiry." }],
    remediation: ["Rotate the key.", "Move the setting to Key Vault."],
    violations: [],
    token: { account: "legacy", endpointSuffix: "core.windows.net", defaultProtocol: "https" },
    fingerprint: "sg1:aaaaaaaaaaaaaaaaaaaaaaaa",
    redacted,
    secret: new Secret(fakeAccountKey("legacy"), redacted),
    summary: "storage account key of `legacy` (full control, no expiry)",
    suppression: { by: "allowlist", reason: "test account, rotated weekly", expires: "2027-01-01" },
    notes: ["allowlist entry expires on 2027-01-01"],
    origin: { commit: "c0ffee0000000000000000000000000000000001", path: "config/app.settings.json", date: "2023-04-01T10:00:00Z", author: "dev" },
    ...overrides,
  };
}

/** A Service Bus SAS suppressed inline: low. */
export function inlineSuppressedServiceBus(overrides: Partial<Finding> = {}): Finding {
  const redacted = "SharedAccessSignature sr=https%3A%2F%2Fns.servicebus.windows.net%2Fq&sig=REDACTED&se=1700000000&skn=send";
  return {
    kind: "servicebus-sas",
    path: "src/queue.ts",
    line: 7,
    column: 15,
    endColumn: 130,
    severity: "low",
    baseSeverity: "low",
    confidence: "low",
    reasons: [{ id: "expired", message: "Expired on 2023-11-14." }],
    remediation: ["Regenerate the key of rule `send`."],
    violations: [],
    token: { account: "ns", resourceUri: "https://ns.servicebus.windows.net/q", expiry: "2023-11-14T22:13:20Z", keyName: "send" },
    fingerprint: "sg1:bbbbbbbbbbbbbbbbbbbbbbbb",
    redacted,
    secret: new Secret(fakeServiceBusKey("queue"), redacted),
    summary: "Service Bus SAS for queue `q` (expired)",
    suppression: { by: "inline", reason: "expired sample in a test" },
    ...overrides,
  };
}

export function report(overrides: Partial<ScanReport> = {}): ScanReport {
  return {
    findings: [],
    skipped: [],
    stats: { files: 10, bytes: 20_480, ms: 35 },
    configSource: ".github/sas-guard.yml",
    configErrors: [],
    failOn: "high",
    incomplete: [],
    ...overrides,
  };
}

/** One of every kind of finding, suppressed and not, plus skipped files, config errors and incomplete parts. */
export const fullReport = (): ScanReport =>
  report({
    findings: [mediumServiceSas(), criticalAccountSas(), suppressedAccountKey(), inlineSuppressedServiceBus()],
    skipped: [
      { path: "dist/bundle.js", reason: "ignored by paths.ignore (dist/**)" },
      { path: "assets/logo.png", reason: "binary file" },
    ],
    configErrors: ['policy.maxLifetimeDays: expected a number (got "thirty")'],
    incomplete: ["src/huge.json: the blob API returned 502 three times"],
  });

/** Every raw secret in the fixtures, in the forms a leak could take. */
export function rawSecretForms(r: ScanReport): string[] {
  return r.findings.flatMap((f) => {
    const raw = f.secret.reveal();
    const encoded = encodeURIComponent(raw);
    // whole, percent-encoded (upper and lower hex), and a 12-character prefix: a partial reveal is a leak too
    return [raw, encoded, encoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()), raw.slice(0, 12)];
  });
}
