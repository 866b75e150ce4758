// The README's example review comment (docs/review-comment-example.md) is rendered here from the 2023 incident token
// (SAS.md §6: account SAS on robustnessws4285631339, every service and permission, until 2051, HTTP allowed), so it
// cannot go stale: the committed file must equal what the engine and renderer produce today. The signature comes
// from test/support/fake-secrets.ts; the fingerprint is replaced by a placeholder. To regenerate after a deliberate
// wording change: UPDATE_DOCS=1 npm test -- test/review/example-comment
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { applyExposure } from "../../src/detect/exposure.js";
import { scanText } from "../../src/detect/scan-text.js";
import { markerFingerprint, renderReviewComment } from "../../src/report/render-review.js";
import { NOW, leakForms } from "../github/helpers.js";
import { fakeSig, fakeSigEncoded } from "../support/fake-secrets.js";

const DOC = join(process.cwd(), "docs", "review-comment-example.md");
const SEED = "incident-2023";
const INCIDENT_SAS = `https://robustnessws4285631339.blob.core.windows.net/?sv=2020-08-04&ss=bfqt&srt=sco&sp=rwdlacupitfx&se=2051-10-06T07:09:59Z&st=2021-10-05T23:09:59Z&spr=https,http&sig=${fakeSigEncoded(SEED)}`;
const PLACEHOLDER = "sg1:<fingerprint>";

/** What the App posts for the token: scanned on its README line, with the exposure of a public repository. */
function render(): { markdown: string; fingerprint: string; comment: string } {
  const text = ["# Robustness workspace", "", "Download the data set:", "", `    azcopy copy "${INCIDENT_SAS}" ./data --recursive`, ""].join("\n");
  const findings = scanText(text, { path: "README.md", now: NOW });
  expect(findings).toHaveLength(1);
  const finding = applyExposure(findings[0], { visibility: "public" }, NOW);
  const comment = renderReviewComment(finding);
  const markdown = [
    "# Example review comment: the 2023 incident token",
    "",
    "What SAS Guard posts, as an inline review comment on the added line, when a pull request adds the account SAS of",
    "the 2023 incident (every service, every resource type, read/write/delete and more, until 2051, HTTP allowed) to a",
    "public repository's README. The signature is fake and the fingerprint a placeholder.",
    "",
    "This file is generated and checked by `test/review/example-comment.test.ts` (regenerate after a wording change with",
    "`UPDATE_DOCS=1 npm test -- test/review/example-comment`).",
    "",
    "---",
    "",
    comment.split(finding.fingerprint).join(PLACEHOLDER),
    "",
  ].join("\n");
  return { markdown, fingerprint: finding.fingerprint, comment };
}

describe("docs/review-comment-example.md", () => {
  const { markdown, fingerprint, comment } = render();
  if (process.env.UPDATE_DOCS === "1" || !existsSync(DOC)) writeFileSync(DOC, markdown);

  test("the committed example equals the comment rendered today for the 2023 incident token", () => {
    expect(readFileSync(DOC, "utf8")).toBe(markdown);
  });

  test("the rendered comment says what matters for this token: verdict, scope, permissions, lifetime, HTTP, revocation order", () => {
    expect(comment.split("\n")[0]).toMatch(/^\*\*Critical — account SAS with full control of .*storage account `robustnessws4285631339` until 2051-10-06\*\*$/);
    // the first action first, right under the verdict; then why, in at most five bullets
    expect(comment.split("\n\n")[1]).toMatch(
      /^\*\*Fix, in this order\*\* \(removing the line does not revoke it: anyone who can read this repository[^\n]*\n1\. Revoke it: rotate the account key[^\n]*\n2\. Investigate:[^\n]*\n3\. Remove it[^\n]*\n4\. Prevent it:/,
    );
    expect(comment).toMatch(/\*\*Why\*\*\n(- [^\n]*\n){5}\n/);
    expect(comment).toMatch(/HTTP/); // spr=https,http
    expect(comment).not.toContain("any IP address"); // the check run does not say it either: the same facts on both
    expect(comment).toContain("sig=<redacted>");
    expect(comment).toContain(`allowlist:\n  - fingerprint: ${fingerprint}\n    reason: "why this token is acceptable"`);
    expect(markerFingerprint(comment)).toBe(fingerprint);
  });

  test("the example carries no form of the signature and no real fingerprint", () => {
    for (const form of leakForms(fakeSig(SEED))) expect(markdown).not.toContain(form);
    expect(markdown).not.toContain(fingerprint);
    expect(markdown).toContain(`fingerprint \`${PLACEHOLDER}\``);
  });

  test("the README links the example", () => {
    expect(readFileSync(join(process.cwd(), "README.md"), "utf8")).toContain("[docs/review-comment-example.md](docs/review-comment-example.md)");
  });
});
