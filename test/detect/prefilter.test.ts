// Readers skip decoding a file when its bytes pass none of the engine's anchors (src/detect/prefilter.ts
// mayHoldSecret, derived from src/detect/anchors.ts). That shortcut must never hide a finding: every form the engine detects must pass it.
// In process (no CLI run): the filter and the engine are imported directly.
import { mayHoldSecret } from "../../src/detect/prefilter.js";
import { scanText } from "../../src/detect/index.js";
import { fakeAccountKey, fakeIdentifiableKey, fakeServiceBusKey, fakeSig, fakeSigEncoded } from "../support/fake-secrets.js";

const NOW = new Date("2026-01-01T00:00:00Z");
const sig = fakeSig("prefilter");
const enc = fakeSigEncoded("prefilter");
const key = fakeAccountKey("key"); // contains a "/", for the "\/" form
const query = `sv=2022-11-02&sr=c&sp=rwdl&se=2030-01-01T00:00:00Z&spr=https&sig=${enc}`;
const url = `https://contoso.blob.core.windows.net/data?${query}`;
const jsonEscape = (s: string): string => s.replace(/&/g, "\\u0026").replace(/=/g, "\\u003d");

const forms: [name: string, path: string, text: string][] = [
  ["SAS URL", "a.md", `see ${url}\n`],
  ["SAS URL, raw base64 signature", "a.md", `see https://contoso.blob.core.windows.net/data?sv=2022-11-02&sr=c&sp=r&se=2030-01-01&sig=${sig}\n`],
  ["percent-encoded URL", "a.md", `u=${encodeURIComponent(url)}\n`],
  ["double percent-encoded URL", "a.md", `u=${encodeURIComponent(encodeURIComponent(url))}\n`],
  ["double-encoded sig value", "a.md", `see https://contoso.blob.core.windows.net/data?sv=2022-11-02&sr=c&sp=r&se=2030-01-01&sig=${encodeURIComponent(enc)}\n`],
  ["Event Grid aeg-sas-key header", "a.http", `aeg-sas-key: ${fakeServiceBusKey("eg")}\n`],
  [
    "Event Grid aeg-sas-token header",
    "a.http",
    `aeg-sas-token: r=${encodeURIComponent("https://t.westus2-1.eventgrid.azure.net/api/events")}&e=${encodeURIComponent("1/1/2030 12:00:00 AM")}&s=${enc}\n`,
  ],
  ["identifiable Service Bus key, bare", "a.txt", `${fakeIdentifiableKey("pf", "+ASb", 32, 0x53656e6430303030n)}\n`],
  ["identifiable Event Hubs key, bare, after ordinary a+A", "a.js", `x = a+Ab;\n${fakeIdentifiableKey("pf", "+AEh", 32, 0x4c697374656e3030n)}\n`],
  ["bare key with context right after a === comparison", "a.js", `if (a===b) STORAGE_ACCOUNT_KEY = "${key}"\n`],
  ["key whose padding follows === directly", "a.py", `ok = x ===  y\nSTORAGE_ACCOUNT_KEY="${key}"===\nSTORAGE_ACCOUNT_KEY="${fakeAccountKey("pf2")}"\n`],
  ["JSON \\u0026 / \\u003d escapes", "a.json", `{"u":"${jsonEscape(url)}"}\n`],
  ["HTML &amp;", "a.html", `<a href="${url.replace(/&/g, "&amp;")}">x</a>\n`],
  ["query only, in a variable", "a.env", `AZURE_SAS="?${query}"\n`],
  ["SharedAccessSignature= connection string", "a.config", `BlobEndpoint=https://contoso.blob.core.windows.net/;SharedAccessSignature=${query}\n`],
  ["storage connection string", "a.cs", `var cs = "DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=${key};EndpointSuffix=core.windows.net";\n`],
  ["bare key with context", "a.py", `STORAGE_ACCOUNT_KEY = "${key}"\n`],
  ["key with JSON-escaped slashes", "a.json", `{"AccountKey":"${key.replace(/\//g, "\\/")}"}\n`],
  ["key with \\u003d padding", "a.json", `{"storageAccountKey":"${key.replace(/=/g, "\\u003d")}"}\n`],
  [
    "Service Bus connection string",
    "a.json",
    `{"sb":"Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${fakeServiceBusKey("pf")}"}\n`,
  ],
  [
    "Kubernetes Secret with a base64 connection string",
    "k8s/secret.yaml",
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: storage\ndata:\n  connection: ${Buffer.from(`DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=${key};EndpointSuffix=core.windows.net`).toString("base64")}\n`,
  ],
];

describe("mayHoldSecret never rejects what the engine finds", () => {
  it.each(forms)("%s", (_name, path, text) => {
    const findings = scanText(text, { path, now: NOW });
    if (findings.length > 0) expect(mayHoldSecret(Buffer.from(text), path)).toBe(true);
    // and without the path (the App's blobs)
    if (findings.length > 0) expect(mayHoldSecret(Buffer.from(text))).toBe(true);
  });

  // Each form by name: a form the engine stopped finding would make the test above check nothing for it.
  it.each(forms)("the engine finds %s (so the check above is not vacuous)", (_name, path, text) => {
    expect(scanText(text, { path, now: NOW }).length).toBeGreaterThan(0);
  });
});

describe("mayHoldSecret rejects ordinary code (the point of the shortcut)", () => {
  it.each([
    ["comparisons and words containing sig", "if (a === b && signal.design == null) assign(sig, signature);\n"],
    ["short base64 values", 'const a = "dGVzdA==", b = atob("aGVsbG8gd29ybGQ=");\n'],
    ["a word Secret outside a manifest", "class SecretStore {}\n"],
    ["+A that starts no identifiable signature (string concatenation)", 'const s = a+A+"b" + x+Accept;\n'],
  ])("%s", (_name, text) => {
    expect(mayHoldSecret(Buffer.from(text), "a.js")).toBe(false);
  });
});
