// Engine-wide property test (issue 15): whatever the input, random or built to hurt, the document step never throws
// (no document is "not scanned" because of the engine), findings sit inside the text, and nothing it shows carries
// a secret. `npm test` runs a small sample; the nightly-size run is `SAS_GUARD_FUZZ_RUNS=100000 npm run fuzz`.
// Linearity is measured, not timed here: `npm run bench:adversarial`.
import fc from "fast-check";
import { parseConfig } from "../../src/config/load-config.js";
import { redactSecretsInText, secretForms } from "../../src/detect/redact-text.js";
import type { Finding } from "../../src/detect/types.js";
import { buildScanConfig } from "../../src/scan/scan-config.js";
import { scanDocumentSafely } from "../../src/scan/scan-document-safely.js";
import { fakeAccountKey, fakeServiceBusKey, fakeSig, fakeSigEncoded } from "../support/fake-secrets.js";

/** Cases per property; the total for `npm test` is about 4 × this. */
const RUNS = Number(process.env.SAS_GUARD_FUZZ_RUNS ?? 800);
const SEED = process.env.SAS_GUARD_FUZZ_SEED ? Number(process.env.SAS_GUARD_FUZZ_SEED) : undefined;
const params = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };
const TIMEOUT = 30_000 + RUNS * 20;
const NOW = new Date("2026-01-15T12:00:00Z");
const { config } = parseConfig("", "test.yml");
const sc = buildScanConfig({ config, source: "test.yml", errors: [] });

// Pieces that once broke the engine or could: odd times, Secret manifests, ignore comments, encodings, delimiters.
const ODD = [
  "se=1000000000000",
  "se=99999999999999999999",
  "se=-1",
  "se=0",
  "se=+275761-01-01",
  "se=2030-99-99",
  "se=9999-12-31T23:59:60Z",
  "st=garbage",
  "ske=0000-00-00",
  "skt=2029-13-01",
  "SharedAccessSignature sr=x&",
  "&skn=x",
  "kind: Secret\n",
  "data:\n",
  "  key: ",
  '"kind": "Secret",',
  " ".repeat(50),
  "\t",
  '# sas-guard:ignore reason="x"',
  "// sas-guard:ignore",
  "/* sas-guard:ignore reason='y' */",
  "<!-- sas-guard:ignore reason=\u201cz\u201d -->",
  "sig=",
  "&sig=",
  "sig%3D",
  "sig%253D",
  "\\u0026sig\\u003d",
  "&amp;",
  "%",
  "%25",
  "%2B",
  "%3D",
  "==",
  "=",
  "\n",
  "\r\n",
  "\u2028",
  "AccountKey=",
  "SharedAccessKey=",
  "Endpoint=sb://ns.servicebus.windows.net/;",
  "https://acct.blob.core.windows.net/c/b?",
  "sv=2022-11-02&",
  "sp=rwdl&",
  "sr=b&",
  "ss=bfqt&srt=sco&",
  "\ud800",
  "\u0000",
];

const arbPiece = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...ODD) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9+/]{1,90}={0,2}$/) },
  { weight: 1, arbitrary: fc.nat(40).map((n) => fakeSigEncoded(`p-${n}`, n % 2 === 1)) },
  { weight: 1, arbitrary: fc.nat(40).map((n) => fakeSig(`p-${n}`)) },
  // distinct seeds per kind: the fake builders share bytes per seed, so a key would start with the signature
  { weight: 1, arbitrary: fc.nat(40).map((n) => fakeAccountKey(`k-${n}`)) },
  { weight: 1, arbitrary: fc.nat(40).map((n) => Buffer.from(fakeAccountKey(`k-${n}`)).toString("base64")) },
  { weight: 1, arbitrary: fc.nat(40).map((n) => fakeServiceBusKey(`b-${n}`)) },
);
const arbText = fc.array(arbPiece, { maxLength: 60 }).map((p) => p.join(""));
const arbPath = fc.constantFrom("a.txt", "secret.yaml", "k8s/secret.json", "chart/templates/s.tpl", ".env", "package-lock.json", "README.md");

/** Every secret the fake builders could have put into an input of these seeds. */
const SECRETS = Array.from({ length: 41 }, (_, n) => [fakeSig(`p-${n}`), fakeAccountKey(`k-${n}`), fakeServiceBusKey(`b-${n}`)]).flat();

const linesOf = (text: string) => text.split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));

function expectSane(findings: Finding[], text: string): void {
  const lines = linesOf(text);
  for (const f of findings) {
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.line).toBeLessThanOrEqual(lines.length);
    const length = lines[f.line - 1]!.length;
    expect(f.column).toBeGreaterThanOrEqual(1);
    expect(f.column).toBeLessThanOrEqual(length);
    expect(f.endColumn).toBeGreaterThan(f.column);
    expect(f.endColumn).toBeLessThanOrEqual(length + 1);
    // what is shown never holds the secret, in any form (a low-confidence "secret" such as `sig=se=1` can coincide
    // with the text of another parameter, which is shown on purpose)
    if (f.confidence !== "high") continue;
    const secret = f.secret.reveal();
    const shown = [
      f.redacted,
      f.summary,
      ...f.reasons.map((r) => r.message),
      ...f.remediation,
      ...(f.notes ?? []),
      f.suppression?.reason ?? "",
      JSON.stringify(f),
    ].join("\n");
    for (const form of secretForms(secret).filter((x) => x.length >= 16)) expect(shown.includes(form)).toBe(false);
  }
}

describe("engine property: random and adversarial inputs", () => {
  it(
    "the document step never throws: every document is scanned, findings are sane and redacted",
    () => {
      fc.assert(
        fc.property(arbText, arbPath, (text, path) => {
          const result = scanDocumentSafely(text, path, sc, NOW);
          if ("notScanned" in result) throw new Error(`engine threw: ${result.notScanned}`);
          expectSane(result.findings, text);
        }),
        params,
      );
    },
    TIMEOUT,
  );

  it(
    "on any unicode text (lone surrogates, controls, long lines)",
    () => {
      fc.assert(
        fc.property(fc.string({ unit: "binary", maxLength: 3000 }), arbPath, (text, path) => {
          const result = scanDocumentSafely(text, path, sc, NOW);
          if ("notScanned" in result) throw new Error(`engine threw: ${result.notScanned}`);
          expectSane(result.findings, text);
        }),
        params,
      );
    },
    TIMEOUT,
  );

  it(
    "at any scan date, including the ends of Date's range",
    () => {
      fc.assert(
        fc.property(arbText, fc.integer({ min: -8.64e15, max: 8.64e15 }), (text, ms) => {
          const result = scanDocumentSafely(text, "a.txt", sc, new Date(ms));
          if ("notScanned" in result) throw new Error(`engine threw: ${result.notScanned}`);
        }),
        { ...params, numRuns: Math.max(1, Math.round(RUNS / 2)) },
      );
    },
    TIMEOUT,
  );

  it(
    "redactSecretsInText never throws and leaves no planted secret in its output",
    () => {
      fc.assert(
        fc.property(arbText, (text) => {
          const out = redactSecretsInText(text);
          for (const secret of SECRETS) {
            const forms = secretForms(secret).filter((f) => f.length >= 16);
            if (forms.some((f) => text.includes(f)))
              for (const form of forms) if (out.includes(form)) throw new Error(`${form.slice(0, 6)}… survived redaction`);
          }
        }),
        params,
      );
    },
    TIMEOUT,
  );
});
