// redactSecretsInText (issue 15.7): the one redaction for free text. Every form of a secret is gone from its
// output, clean text comes back unchanged, and it stays linear on adversarial input.
import { REDACTED, redactSecretsInText, secretForms } from "../../src/detect/redact-text.js";
import { fakeAccountKey, fakeServiceBusKey, fakeSig } from "../support/fake-secrets.js";
import { redactIsolated } from "../support/isolated-engine.js";

const SIG = fakeSig("redact");
const KEY = fakeAccountKey("redact");
const SBKEY = fakeServiceBusKey("redact");
const enc = encodeURIComponent;
const b64url = (s: string) => s.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const sasUrl = (sig: string) => `https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&sr=b&sp=rw&se=2030-01-01&sig=${sig}`;

/** Every written form of `secret` that must not survive. */
const forms = (secret: string) => [...secretForms(secret), enc(enc(enc(secret)))].filter((f) => f.length >= 16);

const cases: [string, string, string][] = [
  ["a SAS URL (percent-encoded sig)", `reason: tested with ${sasUrl(enc(SIG))}`, SIG],
  ["a SAS URL with a raw sig", `see ${sasUrl(SIG)} for details`, SIG],
  ["a SAS URL percent-encoded inside another URL", `https://x.test/?u=${enc(sasUrl(enc(SIG)))}`, SIG],
  ["a double-encoded sig after sig%253D", `q=sv%3D1%26sig%253D${enc(enc(SIG))}`, SIG],
  ["a base64url sig", `sig=${b64url(SIG)}&se=2030`, SIG],
  ["a JSON-escaped sig", `{"u":"x\\u0026sig\\u003d${enc(SIG)}"}`, SIG],
  ["a bare sig of 44 chars (no name)", `the signature ${SIG} leaked`, SIG],
  ["a percent-encoded sig whose base64 runs are all under 32 chars", `value ${enc(SIG)} here`, SIG],
  ["a connection string", `DefaultEndpointsProtocol=https;AccountName=a;AccountKey=${KEY};EndpointSuffix=core.windows.net`, KEY],
  ["an account key alone", `key ${KEY}`, KEY],
  ["a Service Bus connection string", `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${SBKEY}`, SBKEY],
  ["a Service Bus SAS token", `SharedAccessSignature sr=x&sig=${enc(SIG)}&se=1000000000000&skn=x`, SIG],
  ["a short sig after sig= (not a real signature, still not echoed)", `sig=${SIG.slice(0, 20)}`, SIG.slice(0, 20)],
];

describe("redactSecretsInText: no form of the secret survives", () => {
  it.each(cases)("%s", (_name, text, secret) => {
    const out = redactSecretsInText(text);
    expect(out).toContain(REDACTED);
    for (const form of forms(secret).filter((f) => f.length >= 16)) expect(out).not.toContain(form);
    if (secret.length < 16) expect(out).not.toContain(secret);
  });
});

describe("redactSecretsInText: clean text is left alone", () => {
  it.each([
    ["prose", "a sas-guard:ignore reason with nothing secret in it"],
    ["a commit SHA", "commit 0123456789abcdef0123456789abcdef01234567 by octocat"],
    ["a path", "src/github/publish-check-run.ts:42 Publishing the check run for owner/repo"],
    ["a SAS with a placeholder signature", "https://acct.blob.core.windows.net/c?sv=2022-11-02&sig=<signature>"],
    ["an empty string", ""],
  ])("%s", (_name, text) => {
    expect(redactSecretsInText(text)).toBe(text);
  });
});

describe("redactSecretsInText: linear on adversarial input", () => {
  it.each([
    ["a 2 MB base64 run with no padding", () => "A1b2".repeat(512 * 1024)],
    ["`sig=` then 2 MB of backslashes", () => `sig=${"\\".repeat(2 << 20)}`],
    ["`%25` repeated 700k times", () => "%25".repeat(700_000)],
    ["`sig=%` repeated", () => "sig=%".repeat(400_000)],
    ["2 MB of `=`", () => "=".repeat(2 << 20)],
  ])(
    "%s",
    async (_name, make) => {
      await expect(redactIsolated(make(), 20_000)).resolves.toEqual(expect.any(String));
    },
    40_000,
  );
});
