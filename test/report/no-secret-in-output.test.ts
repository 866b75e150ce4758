// The one promise every renderer shares: no raw signature or key, whole, percent-encoded or partly, in anything
// a person or GitHub will see. Checked twice: with the real Secret, and with a Secret whose string forms leak on
// purpose, which proves the renderers never stringify `finding.secret` at all (not even through toJSON).
import { Secret } from "../../src/detect/secret.js";
import type { ScanReport } from "../../src/report/scan-report.js";
import { renderJson } from "../../src/report/render-json.js";
import { renderSarif } from "../../src/report/render-sarif.js";
import { renderText } from "../../src/report/render-text.js";
import { renderCheckRun } from "../../src/report/render-markdown.js";
import { fullReport, rawSecretForms } from "./fixtures.js";

class LeakySecret extends Secret {
  override toString(): string {
    return this.reveal();
  }
  override toJSON(): string {
    return this.reveal();
  }
}

const withLeakySecrets = (r: ScanReport): ScanReport => ({
  ...r,
  findings: r.findings.map((f) => ({ ...f, secret: new LeakySecret(f.secret.reveal(), f.redacted) })),
});

const renderers: [string, (r: ScanReport) => string][] = [
  ["text", (r) => renderText(r, { color: false })],
  ["text in colour", (r) => renderText(r, { color: true })],
  ["json", renderJson],
  ["sarif", (r) => renderSarif(r, { version: "0.0.0", informationUri: "https://example.com/sas-guard" })],
  ["check run", (r) => JSON.stringify(renderCheckRun(r, { webBaseUrl: "https://github.com", owner: "o", repo: "r", sha: "a".repeat(40) }))],
];

describe.each(renderers)("%s output", (_name, render) => {
  it.each([
    ["real Secret", fullReport()],
    ["Secret that leaks when stringified", withLeakySecrets(fullReport())],
  ])("contains no raw secret (%s)", (_kind, r) => {
    const out = render(r);
    expect(out.length).toBeGreaterThan(0);
    for (const form of rawSecretForms(r)) expect(out).not.toContain(form);
  });

  it("shows the redacted token and the fingerprint instead", () => {
    const out = render(fullReport());
    expect(out).toContain("sg1:0123456789abcdef01234567");
    expect(out).toMatch(/sig=REDACTED/);
  });
});

it("the leaky fixture really would leak if stringified (the test above can fail)", () => {
  const [finding] = withLeakySecrets(fullReport()).findings;
  expect(JSON.stringify(finding)).toContain(finding.secret.reveal());
});
