// The engine never throws on any input (issue 15.1): values it cannot parse become "unknown", and the explanation
// says so. Each row is an input that once threw or could plausibly throw (dates out of Date's range).
import { fakeSig, fakeSigEncoded } from "../support/fake-secrets.js";
import { expectSafeFindings, scan } from "./scan-helpers.js";

const SIG = fakeSig("never-throws");
const ENC = fakeSigEncoded("never-throws");
const sb = (se: string) => `SharedAccessSignature sr=x&se=${se}&skn=x&sig=${ENC}`;
const blob = (se: string, st = "2026-01-01") => `https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&sr=b&sp=rw&st=${st}&se=${se}&sig=${ENC}`;

interface Case {
  name: string;
  text: string;
  /** Words the explanation must contain (the unknown value, quoted). */
  says?: RegExp;
  /** Expected severity: unknown expiry is treated as no expiry (the worst window). */
  severity?: string;
}

const cases: Case[] = [
  {
    name: "Service Bus se with 13 digits (milliseconds?)",
    text: sb("1000000000000"),
    says: /expiry `1000000000000` is not a valid time/,
    severity: "critical",
  },
  { name: "Service Bus se with 20 digits", text: sb("99999999999999999999"), says: /expiry `99999999999999999999` is not a valid time/, severity: "critical" },
  { name: "Service Bus se that is not a number", text: sb("tomorrow"), says: /expiry `tomorrow` is not a valid time/, severity: "critical" },
  { name: "Service Bus se as an ISO date beyond year 275760", text: sb("+275761-01-01T00:00:00Z"), says: /is not a valid time/, severity: "critical" },
  { name: "Service Bus se = 0 (1970: expired)", text: sb("0"), severity: "info" },
  { name: "Service Bus se at the 12-digit maximum", text: sb("999999999999"), severity: "critical" },
  { name: "storage se with month 99", text: blob("2030-99-99"), severity: "high" },
  { name: "storage se that is not a date", text: blob("never"), says: /expiry `never` is not a valid time/, severity: "high" },
  { name: "storage st that is not a date", text: blob("2030-01-01", "garbage"), severity: "high" },
  { name: "storage se year 0000", text: blob("0000-01-01"), severity: "info" },
];

describe("engine never throws: unparseable values are unknown, and said so", () => {
  it.each(cases)("$name", ({ text, says, severity }) => {
    const findings = scan(text);
    expectSafeFindings(findings, [SIG]);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    if (severity) expect(f.severity).toBe(severity);
    if (says) expect([f.summary, ...f.reasons.map((r) => r.message)].join("\n")).toMatch(says);
  });

  it("with a scan date at the edge of Date's range", () => {
    for (const now of [new Date(8.64e15), new Date(-8.64e15)]) {
      expect(() => scan(sb("1893456000"), { now })).not.toThrow();
      expect(() => scan(blob("2051-10-06"), { now })).not.toThrow();
    }
  });

  it("the unknown expiry is not mistaken for a stored access policy", () => {
    const f = scan(sb("1000000000000"))[0]!;
    expect(f.summary).not.toMatch(/stored access policy/);
    expect(f.summary).toMatch(/expiry unknown/);
  });
});
