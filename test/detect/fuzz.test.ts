// Fuzzing the detection engine: whatever the text, scanText never throws, returns only well-formed findings, and
// stays linear on adversarial inputs (no catastrophic backtracking, no quadratic loop). No wall-clock figure is
// asserted: a 10 MB input only has to finish before a generous timeout.
import fc from "fast-check";
import { FINDING_KINDS, REASON_IDS, SEVERITIES, scanText } from "../../src/detect/index.js";
import type { Finding, FindingKind } from "../../src/detect/index.js";
import { fakeAccountKey, fakeIdentifiableKey, fakeServiceBusKey, fakeSig, fakeSigEncoded } from "../support/fake-secrets.js";
import { scanIsolated, type FindingSummary } from "../support/isolated-engine.js";

const NOW = new Date("2026-01-15T12:00:00Z");
/** Multiplies every property's run count; raise it for a deeper session (`FC_RUNS_SCALE=20`). */
const SCALE = Number(process.env.FC_RUNS_SCALE ?? 1);
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * SCALE)) });
const FINGERPRINT = /^sg1:[0-9a-f]{24}$/;

// ---------------------------------------------------------------------------------------------------------------
// Well-formedness

const linesOf = (text: string): string[] => text.split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));

function fail(f: Pick<Finding, "kind" | "line" | "column">, what: string): never {
  throw new Error(`malformed finding (${f.kind} at ${f.line}:${f.column}): ${what}`);
}

function checkPosition(f: FindingSummary | Finding, lines: string[]): void {
  if (!(FINDING_KINDS as readonly string[]).includes(f.kind)) fail(f as Finding, `kind ${f.kind}`);
  if (!Number.isInteger(f.line) || f.line < 1 || f.line > lines.length) fail(f as Finding, `line out of 1..${lines.length}`);
  const lineLength = lines[f.line - 1]!.length;
  if (!Number.isInteger(f.column) || f.column < 1 || f.column > lineLength) fail(f as Finding, `column out of 1..${lineLength}`);
  if (!Number.isInteger(f.endColumn) || f.endColumn <= f.column || f.endColumn > lineLength + 1) {
    fail(f as Finding, `endColumn ${f.endColumn} not in ${f.column + 1}..${lineLength + 1}`);
  }
  if (!(SEVERITIES as readonly string[]).includes(f.severity)) fail(f as Finding, `severity ${f.severity}`);
  if (!(SEVERITIES as readonly string[]).includes(f.baseSeverity)) fail(f as Finding, `baseSeverity ${f.baseSeverity}`);
  if (!FINGERPRINT.test(f.fingerprint)) fail(f as Finding, `fingerprint ${f.fingerprint}`);
}

function expectWellFormed(findings: Finding[], text: string, path: string): void {
  if (!Array.isArray(findings)) throw new Error("scanText did not return an array");
  const lines = linesOf(text);
  for (const f of findings) {
    checkPosition(f, lines);
    if (f.path !== path) fail(f, `path ${f.path}`);
    if (f.confidence !== "high" && f.confidence !== "low") fail(f, `confidence ${String(f.confidence)}`);
    for (const r of f.reasons) {
      if (!(REASON_IDS as readonly string[]).includes(r.id)) fail(f, `reason id ${r.id}`);
      if (typeof r.message !== "string" || r.message === "") fail(f, `empty message for reason ${r.id}`);
    }
    if (!Array.isArray(f.remediation) || f.remediation.some((s) => typeof s !== "string" || s === "")) fail(f, "remediation");
    if (!Array.isArray(f.violations)) fail(f, "violations");
    if (typeof f.summary !== "string" || f.summary === "") fail(f, "summary");
    if (typeof f.redacted !== "string" || f.redacted === "") fail(f, "redacted");
    const secret = f.secret.reveal();
    if (typeof secret !== "string" || secret === "") fail(f, "empty secret");
    if (typeof f.token !== "object" || f.token === null) fail(f, "token");
    JSON.stringify(f); // no cycles, no BigInt
  }
}

const scan = (text: string, path = "fuzz/input.txt"): Finding[] => {
  const findings = scanText(text, { path, now: NOW });
  expectWellFormed(findings, text, path);
  return findings;
};

// ---------------------------------------------------------------------------------------------------------------
// Random text

/** Pieces of SAS tokens, keys and their encodings, glued at random. */
const FRAGMENTS = [
  "sig=",
  "sig%3D",
  "sig%253D",
  "&sig=",
  "?sig=",
  "\\u0026sig\\u003d",
  "&amp;sig=",
  "&",
  "&&",
  "%",
  "%2",
  "%25",
  "%3D",
  "%3d",
  "%26",
  "%2B",
  "%2F",
  "\\u0026",
  "\\\\u0026",
  "&amp;",
  "&amp;amp;",
  "&#38;",
  "\\/",
  "\\",
  "==",
  "=",
  "+",
  " + ",
  '" + "',
  "' + '",
  '"',
  "'",
  "`",
  "\n",
  "\r\n",
  "\r",
  " ",
  "\t",
  "?",
  ";",
  ",",
  "(",
  ")",
  "sv=2020-08-04",
  "sv=",
  "se=2051-10-06T07:09:59Z",
  "se=2051-10-06T07%3A09%3A59Z",
  "se=1893456000",
  "se=",
  "st=2021-10-05T23:09:59Z",
  "st=",
  "sp=rwdlacupitfx",
  "sp=",
  "ss=bfqt",
  "srt=sco",
  "sr=b",
  "sr=c",
  "sr=",
  "si=policy",
  "sip=1.2.3.4-1.2.3.9",
  "spr=https",
  "spr=https,http",
  "skoid=",
  "sktid=",
  "skt=2029-01-01T00:00:00Z",
  "ske=2029-01-08T00:00:00Z",
  "sks=b",
  "skv=2022-11-02",
  "tn=Table1",
  "sdd=2",
  "skn=RootManageSharedAccessKey",
  "SharedAccessSignature",
  "SharedAccessSignature sr=",
  "SharedAccessSignature=",
  "SharedAccessKey=",
  "SharedAccessKeyName=RootManageSharedAccessKey;",
  "Endpoint=sb://ns.servicebus.windows.net/;",
  "AccountKey=",
  "AccountName=acct;",
  "DefaultEndpointsProtocol=https;",
  "EndpointSuffix=core.windows.net",
  "BlobEndpoint=https://acct.blob.core.windows.net/;",
  "https://acct.blob.core.windows.net/c/b.txt?",
  "https://acct.blob.core.windows.net/?",
  "https%3A%2F%2F",
  "http://127.0.0.1:10000/devstoreaccount1/c?",
  "sb://ns.servicebus.windows.net/",
  "ACCOUNT_KEY = ",
  "azurestorageaccountkey: ",
  "sha512-",
  "integrity",
  "<signature>",
  "REDACTED",
  "XXXX",
  "${sig}",
  "{{ secrets.SAS }}",
  "\u2028",
  "\u00e9",
  "\ud83d\ude00",
];

const arbBase64Run = fc.stringMatching(/^[A-Za-z0-9+/]{1,100}$/);
const arbFragment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 2, arbitrary: arbBase64Run },
  { weight: 1, arbitrary: fc.nat(50).map((n) => fakeSigEncoded(`fuzz-${n}`, n % 2 === 0)) },
  { weight: 1, arbitrary: fc.nat(50).map((n) => fakeSig(`fuzz-${n}`)) },
  { weight: 1, arbitrary: fc.nat(50).map((n) => fakeAccountKey(`fuzz-${n}`)) },
  { weight: 1, arbitrary: fc.nat(50).map((n) => fakeServiceBusKey(`fuzz-${n}`)) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
);
const arbFragmentSoup = fc.array(arbFragment, { maxLength: 80 }).map((parts) => parts.join(""));

describe("fuzz: scanText never throws and returns well-formed findings", () => {
  it("on random unicode strings (any code point, lone surrogates included)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 2000 }), (text) => {
        scan(text);
      }),
      runs(300),
    );
  });

  it("on random grapheme text split into lines", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme", maxLength: 120 }), { maxLength: 40 }), fc.boolean(), (lines, crlf) => {
        scan(lines.join(crlf ? "\r\n" : "\n"));
      }),
      runs(200),
    );
  });

  it("on random concatenations of SAS fragments, encodings, keys and delimiters", () => {
    let inputs = 0;
    let withFindings = 0;
    fc.assert(
      fc.property(arbFragmentSoup, (text) => {
        inputs++;
        if (scan(text).length > 0) withFindings++;
      }),
      runs(1000),
    );
    // not vacuous: some soups do assemble into credentials, so the whole finding path is exercised
    // (about 4% of them at the time of writing)
    expect({ inputs, withFindings: withFindings > 0 }).toEqual({ inputs, withFindings: true });
  });

  it("is deterministic and its fingerprints do not depend on the path", () => {
    fc.assert(
      fc.property(arbFragmentSoup, (text) => {
        const a = scan(text, "a/one.txt");
        const b = scan(text, "b/two.md");
        expect(b.map((f) => [f.kind, f.line, f.column, f.fingerprint])).toEqual(a.map((f) => [f.kind, f.line, f.column, f.fingerprint]));
      }),
      runs(300),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// A valid token inserted anywhere is found, on the right line

interface Template {
  kind: FindingKind;
  make: (seed: string) => { token: string; secret: string };
}

const TEMPLATES: Template[] = [
  {
    kind: "account-sas",
    make: (s) => ({
      token: `https://acct${s.length}.blob.core.windows.net/?sv=2020-08-04&ss=bfqt&srt=sco&sp=rwdlacupitfx&se=2051-10-06T07:09:59Z&st=2021-10-05T23:09:59Z&spr=https,http&sig=${fakeSigEncoded(s)}`,
      secret: fakeSig(s),
    }),
  },
  {
    kind: "service-sas",
    make: (s) => ({ token: `sp=r&st=2029-09-14T08:30Z&se=2029-09-14T16:30Z&sv=2022-11-02&sr=b&sig=${fakeSigEncoded(s, true)}`, secret: fakeSig(s) }),
  },
  {
    kind: "user-delegation-sas",
    make: (s) => ({
      token: `https://acct.blob.core.windows.net/c/f.bin?sp=racwl&st=2029-03-01T00:00:00Z&se=2029-03-08T00:00:00Z&skoid=11111111-2222-3333-4444-555555555555&sktid=66666666-7777-8888-9999-000000000000&skt=2029-03-01T00:00:00Z&ske=2029-03-08T00:00:00Z&sks=b&skv=2022-11-02&sv=2022-11-02&sr=c&sig=${fakeSigEncoded(s)}`,
      secret: fakeSig(s),
    }),
  },
  {
    kind: "servicebus-sas",
    make: (s) => ({
      token: `SharedAccessSignature sr=https%3A%2F%2Fns.servicebus.windows.net%2F&sig=${fakeSigEncoded(s)}&se=1893456000&skn=RootManageSharedAccessKey`,
      secret: fakeSig(s),
    }),
  },
  {
    kind: "connection-string",
    make: (s) => ({
      token: `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${fakeAccountKey(s)};EndpointSuffix=core.windows.net`,
      secret: fakeAccountKey(s),
    }),
  },
];

const arbTemplate = fc.record({ template: fc.constantFrom(...TEMPLATES), seed: fc.nat().map((n) => `insert-${n}`) });
const noBreaks = (s: string) => s.replace(/[\r\n]/g, " ");

describe("fuzz: a valid token inserted into random text is found on its line", () => {
  it("at a line boundary, surrounded by spaces, among random unicode lines", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "grapheme", maxLength: 100 }).map(noBreaks), { maxLength: 30 }),
        fc.nat(),
        arbTemplate,
        fc.boolean(),
        (lines, at, { template, seed }, crlf) => {
          const index = lines.length === 0 ? 0 : at % (lines.length + 1);
          const { token, secret } = template.make(seed);
          const all = [...lines.slice(0, index), ` ${token} `, ...lines.slice(index)];
          const findings = scan(all.join(crlf ? "\r\n" : "\n"));
          expect(findings.map((f) => [f.kind, f.line])).toEqual([[template.kind, index + 1]]);
          expect(findings[0]!.secret.reveal()).toBe(secret);
        },
      ),
      runs(300),
    );
  });

  it("inside a line of random ASCII text, separated by spaces: right line and column", () => {
    const arbWords = fc.string({ unit: "grapheme-ascii", maxLength: 60 }).map(noBreaks);
    fc.assert(
      fc.property(fc.array(arbWords, { maxLength: 20 }), fc.nat(), arbWords, arbWords, arbTemplate, (lines, at, left, right, { template, seed }) => {
        const index = lines.length === 0 ? 0 : at % (lines.length + 1);
        const { token, secret } = template.make(seed);
        const line = `${left} ${token} ${right}`;
        const all = [...lines.slice(0, index), line, ...lines.slice(index)];
        const findings = scan(all.join("\n")).filter((f) => f.secret.reveal() === secret);
        expect(findings.map((f) => [f.kind, f.line])).toEqual([[template.kind, index + 1]]);
        // where a connection string "starts" (its first part, or its key) is left to the engine; a Service Bus
        // token may start at `SharedAccessSignature` or at its first parameter `sr=`
        const start = left.length + 2;
        const end = start + token.length;
        if (template.kind === "servicebus-sas") {
          expect([start, start + "SharedAccessSignature ".length]).toContain(findings[0]!.column);
          expect(findings[0]!.endColumn).toBe(end);
        } else if (template.kind !== "connection-string") {
          expect({ column: findings[0]!.column, endColumn: findings[0]!.endColumn }).toEqual({ column: start, endColumn: end });
        }
      }),
      runs(300),
    );
  });
});

describe("fuzz: a SAS split over string literals is one finding on the line of its `sig`", () => {
  const STYLES: [string, (pieces: string[]) => string][] = [
    ["JavaScript `+`", (p) => `const url =\n  ${p.map((x) => `"${x}"`).join(" +\n  ")};`],
    ["Python implicit", (p) => `url = (\n    ${p.map((x) => `'${x}'`).join("\n    ")}\n)`],
    ["C# `+` on one line", (p) => `var url = ${p.map((x) => `"${x}"`).join(" + ")};`],
  ];
  it("for random split points at parameter boundaries", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STYLES),
        fc.nat(50).map((n) => `split-${n}`),
        fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { maxLength: 4 }),
        ([_style, render], seed, cuts) => {
          const params = [
            "sv=2022-11-02",
            "ss=b",
            "srt=sco",
            "sp=rl",
            "se=2030-01-01T00:00:00Z",
            "st=2029-01-01T00:00:00Z",
            "spr=https",
            `sig=${fakeSigEncoded(seed)}`,
            "sip=10.0.0.1",
          ];
          const query = `https://acct.blob.core.windows.net/?${params.join("&")}`;
          // cut just before the `&` that precedes parameter number `c`
          const positions = [...new Set(cuts)].sort((a, b) => a - b).map((c) => query.indexOf(`&${params[c]}`));
          const pieces: string[] = [];
          let last = 0;
          for (const pos of positions) {
            pieces.push(query.slice(last, pos));
            last = pos;
          }
          pieces.push(query.slice(last));
          const text = render(pieces);
          const sigLine = linesOf(text).findIndex((l) => l.includes("sig=")) + 1;
          const findings = scan(text);
          expect(findings.map((f) => [f.kind, f.line])).toEqual([["account-sas", sigLine]]);
          expect(findings[0]!.token).toMatchObject({ account: "acct", version: "2022-11-02", permissions: "rl", ipRange: "10.0.0.1" });
          expect(findings[0]!.secret.reveal()).toBe(fakeSig(seed));
        },
      ),
      runs(200),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Adversarial large inputs: each runs in a worker that is killed after 60 s, so a hang fails instead of blocking

const MB = 1 << 20;
const SIZE = 10 * MB;
const TIMEOUT_MS = 60_000;
const repeat = (unit: string, size = SIZE): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

/** Deterministic random-looking base64 (so that "looks random" checks pass and every key candidate is examined). */
const base64Run = (n: number, seed: string): string => {
  let s = "";
  for (let i = 0; s.length < n; i++) s += fakeAccountKey(`${seed}-${i}`).slice(0, 86);
  return s.slice(0, n);
};

const ADVERSARIAL: [string, () => string][] = [
  ["`sig=` repeated (one 10 MB line)", () => repeat("sig=")],
  ["`&sig=` repeated", () => repeat("&sig=")],
  ["`?sv=1&sig=` repeated", () => repeat("?sv=1&sig=")],
  ["`&&&&…`", () => repeat("&")],
  ["`%25%25…`", () => repeat("%25")],
  ["`sig` then `%25` × 3.5 M then `3D`", () => `sig${repeat("%25", SIZE - 8)}3D`],
  ["`%%%%…`", () => repeat("%")],
  ["`====…`", () => repeat("=")],
  ["`sig=` followed by 10 MB of base64", () => `x&sig=${base64Run(SIZE, "tail")}`],
  ["88-char base64 runs separated by `==`", () => repeat(`${base64Run(86, "key")}==`)],
  ["`AccountKey=<88 chars>;` repeated", () => repeat(`AccountKey=${fakeAccountKey("adv")};`)],
  ["`ACCOUNT_KEY=<88 chars>` lines", () => repeat(`ACCOUNT_KEY=${fakeAccountKey("adv")}\n`)],
  ["one huge base64 blob ending in `==`", () => `${base64Run(SIZE - 2, "blob")}==`],
  ['`"a" + "a" + …` concatenation chain', () => repeat('"a" + ')],
  ['`"&sig=" + "&sig=" + …` concatenation chain', () => repeat('"&sig=" + ')],
  ['`"sv=…" + "&sig=<sig>" + …` chain of real-looking pieces', () => repeat(`"sv=2020-08-04&se=2051-10-06" + "&sig=${fakeSigEncoded("chain")}" + `)],
  [
    "a valid SAS repeated on one line",
    () => repeat(`https://acct.blob.core.windows.net/c/b?sv=2020-08-04&sr=b&sp=r&se=2051-10-06&sig=${fakeSigEncoded("rep")} `),
  ],
  [
    "a valid SAS on each of many lines",
    () => repeat(`u=https://acct.blob.core.windows.net/c/b?sv=2020-08-04&sr=b&sp=r&se=2051-10-06&sig=${fakeSigEncoded("rep")}\n`),
  ],
  ["`sig=\\n` (many short lines)", () => repeat("sig=\n")],
  ["`\\u0026sig\\u003d` repeated", () => repeat("\\u0026sig\\u003d")],
  ["`&amp;sig=` repeated", () => repeat("&amp;sig=")],
  ["`&amp;amp;amp;…`", () => `&${repeat("amp;", SIZE - 1)}`],
  ["`\\\\\\\\…u0026` (long backslash run)", () => `${repeat("\\", SIZE - 5)}u0026`],
  ["`SharedAccessKey=` repeated", () => repeat("SharedAccessKey=")],
  ["`aeg-sas-key: ` repeated", () => repeat("aeg-sas-key: ")],
  ["`aeg-sas-token: r=&e=&s=` repeated", () => repeat("aeg-sas-token: r=a&e=b&s=")],
  ["`+ASb` repeated", () => repeat("+ASb")],
  [
    "identifiable keys in SharedAccessKey= strings on many lines",
    () => repeat(`HostName=h.azure-devices.net;SharedAccessKeyName=service;SharedAccessKey=${fakeIdentifiableKey("adv", "+ASb", 32, 0x53656e6430303030n)}\n`),
  ],
  ["long lines ending in a short sig= (wrap candidates)", () => repeat(`${"x".repeat(60)}&se=2030-01-01&sig=abcd\n`)],
  ["`<br>` after short signatures", () => repeat("sv=1&se=2030-01-01&sig=abcd<br>efgh")],
  ["`SharedAccessSignature sr=` repeated", () => repeat("SharedAccessSignature sr=")],
  ["`https://` repeated", () => repeat("https://")],
  ["`sig=x&se=` with 10 MB of token characters around", () => `${repeat("a-", SIZE / 2)}&sig=${fakeSigEncoded("mid")}&se=2051${repeat("-b", SIZE / 2)}`],
];

describe("fuzz: adversarial 10 MB inputs finish (linear time, no catastrophic backtracking)", () => {
  it.each(ADVERSARIAL)(
    "%s",
    async (_name, make) => {
      const text = make();
      const findings = await scanIsolated(text, NOW, TIMEOUT_MS);
      const lines = linesOf(text);
      for (const f of findings) checkPosition(f, lines);
    },
    TIMEOUT_MS + 30_000,
  );
});
