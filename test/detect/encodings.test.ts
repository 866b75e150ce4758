// Encodings that count (SEVERITY.md §1 "Encodings that do count", SAS.md §4): the same token written every way
// it is seen in real files must parse to the same fields and the same fingerprint, and never leak.
import { fakeSig, fakeSigEncoded } from "../support/fake-secrets.js";
import { expectSafeFindings, lineOf, scan, scanOne } from "./scan-helpers.js";

const SEED = "enc";
const RAW = fakeSig(SEED); // plain base64, may contain + / =
const ENC = fakeSigEncoded(SEED); // %2B %2F %3D
const ENC_LOWER = fakeSigEncoded(SEED, true); // %2b %2f %3d

const HOST = "https://acct.blob.core.windows.net/exports/data.csv";
const QUERY = "sv=2022-11-02&sr=b&sp=r&st=2026-11-01T00:00:00Z&se=2027-01-01T00:00:00Z&spr=https";
const url = (sig: string, query = QUERY) => `${HOST}?${query}&sig=${sig}`;

interface EncodingCase {
  name: string;
  text: string;
  path?: string;
  /** Secret carriers other than the signature itself that must not leak (e.g. a base64 blob holding the URL). */
  alsoSecret?: string[];
  /** A bare query string: no host, so no account. */
  bare?: boolean;
}

const b64 = (s: string) => Buffer.from(s).toString("base64");

const cases: EncodingCase[] = [
  { name: "baseline: signature percent-encoded with upper-case hex", text: url(ENC) },
  { name: "signature percent-encoded with lower-case hex (%2b %2f %3d)", text: url(ENC_LOWER) },
  { name: "signature not percent-encoded (raw base64)", text: url(RAW) },
  {
    name: "JSON-escaped ampersands (\\u0026, Go / .NET / Colab writers)",
    text: `{"downloadUrl":"${url(ENC).replaceAll("&", "\\u0026")}"}`,
    path: "notebook.ipynb",
  },
  {
    name: "JSON-escaped = and & (Gson: \\u003d, \\u0026)",
    text: `{"url":"${url(ENC).replaceAll("&", "\\u0026").replaceAll("=", "\\u003d")}"}`,
    path: "export.json",
  },
  {
    name: "JSON inside a JSON string (\\\\u0026)",
    text: `{"payload":"{\\"url\\":\\"${url(ENC).replaceAll("&", "\\\\u0026")}\\"}"}`,
    path: "event.json",
  },
  {
    name: "JSON-escaped slashes (\\/, PHP json_encode)",
    text: `{"url":"${url(ENC).replaceAll("/", "\\/")}"}`,
    path: "response.json",
  },
  {
    name: "HTML-escaped ampersands (&amp;) in an href",
    text: `<a href="${url(ENC).replaceAll("&", "&amp;")}">Download</a>`,
    path: "index.html",
  },
  {
    name: "XML-escaped bare query (&amp;) in web.config",
    text: `<configuration>\n  <appSettings>\n    <add key="ExportSas" value="?${`${QUERY}&sig=${ENC}`.replaceAll("&", "&amp;")}" />\n  </appSettings>\n</configuration>`,
    path: "web.config",
    bare: true,
  },
  {
    name: "percent-encoded inside another URL (%26sig%3D, single level)",
    text: `https://login.example.com/redirect?next=${encodeURIComponent(url(RAW))}`,
  },
  {
    name: "double percent-encoded inside another URL (%253D)",
    text: `https://login.example.com/redirect?next=${encodeURIComponent(url(ENC))}`,
  },
  {
    name: "dates with %3A",
    text: url(ENC, QUERY.replaceAll(":", "%3A")),
  },
  {
    name: "dates with lower-case %3a",
    text: url(ENC, QUERY.replaceAll(":", "%3a")),
  },
  {
    name: "7-digit fractional seconds (.NET round-trip format), fraction dropped",
    text: url(ENC, QUERY.replace("2027-01-01T00:00:00Z", "2027-01-01T00:00:00.0000000Z").replace("2026-11-01T00:00:00Z", "2026-11-01T00:00:00.0000000Z")),
  },
  {
    name: "7-digit fractional seconds with %3A",
    text: url(ENC, QUERY.replace("2027-01-01T00:00:00Z", "2027-01-01T00%3A00%3A00.0000000Z")),
  },
  {
    name: "date-only expiry becomes midnight UTC",
    text: url(ENC, QUERY.replace("2027-01-01T00:00:00Z", "2027-01-01")),
  },
  {
    name: "minutes-only times (portal's st=…T08:30Z form)",
    text: url(ENC, QUERY.replace("2027-01-01T00:00:00Z", "2027-01-01T00:00Z").replace("2026-11-01T00:00:00Z", "2026-11-01T00:00Z")),
  },
  {
    name: "sig first, then the other parameters",
    text: `${HOST}?sig=${ENC}&${QUERY}`,
  },
  {
    name: "parameters in alphabetical order (az CLI)",
    text: `${HOST}?se=2027-01-01T00%3A00%3A00Z&sig=${ENC}&sp=r&spr=https&sr=b&st=2026-11-01T00%3A00%3A00Z&sv=2022-11-02`,
  },
  {
    name: "base64 of the SAS URL in a Kubernetes Secret (kind: Secret + data:)",
    text: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: exports\ntype: Opaque\ndata:\n  EXPORT_URL: ${b64(url(ENC))}\n`,
    path: "k8s/secret.yaml",
    alsoSecret: [b64(url(ENC))],
  },
];

describe("encodings: every encoding of one token gives the same finding", () => {
  let baseline: string;
  beforeAll(() => {
    baseline = scan(url(ENC))[0]?.fingerprint ?? "missing baseline finding";
  });

  test.each(cases)("$name", (c) => {
    const f = scanOne(c.text, [RAW, ...(c.alsoSecret ?? [])], { path: c.path });
    expect(f.kind).toBe("service-sas");
    if (!c.bare) expect(f.token).toMatchObject({ account: "acct", host: "acct.blob.core.windows.net", resourcePath: "/exports/data.csv" });
    expect(f.token).toMatchObject({
      resource: "b",
      permissions: "r",
      version: "2022-11-02",
      protocol: "https",
      start: "2026-11-01T00:00:00Z",
      expiry: "2027-01-01T00:00:00Z",
    });
    expect(f.secret.reveal()).toBe(RAW);
    expect(f.fingerprint).toBe(baseline);
    expect(f.confidence).toBe("high");
    expect(f.redacted).toContain("sig=<redacted>");
  });

  test("the Kubernetes Secret finding is on the line of the data entry", () => {
    const c = cases.find((x) => x.path === "k8s/secret.yaml")!;
    const [f] = scan(c.text, { path: c.path });
    expect(f.line).toBe(lineOf(c.text, "EXPORT_URL:"));
  });
});

describe("fingerprints", () => {
  const text = url(ENC);

  test("same secret in another file and on another line: same fingerprint", () => {
    const a = scan(text, { path: "README.md" });
    const b = scan(`\n\n\nsee ${text}`, { path: "docs/other.md" });
    expectSafeFindings([...a, ...b], [RAW]);
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
    expect(b[0].line).toBe(4);
    expect(b[0].path).toBe("docs/other.md");
    expect(b[0].fingerprint).toBe(a[0].fingerprint);
  });

  test("a different signature: different fingerprint", () => {
    const a = scan(text);
    const b = scan(url(fakeSigEncoded("enc-other")));
    expectSafeFindings([...a, ...b], [RAW, fakeSig("enc-other")]);
    expect(a[0].fingerprint).not.toBe(b[0].fingerprint);
  });
});

describe("redaction", () => {
  test("redacted keeps the non-secret parameters and hides the signature", () => {
    const f = scanOne(url(ENC), [RAW]);
    expect(f.redacted).toContain("sig=<redacted>");
    for (const p of ["sv=2022-11-02", "sr=b", "sp=r", "spr=https"]) expect(f.redacted).toContain(p);
    expect(String(f.secret)).toBe(f.redacted);
    expect(JSON.parse(JSON.stringify({ s: f.secret })).s).toBe(f.redacted);
  });
});
