// Where SAS tokens hide (SAS.md §4, SEVERITY.md §1): every host kind, bare query strings, connection strings,
// parameter orders, Service Bus tokens, split strings. Each row pins kind, line, column and the parsed fields.
import { fakeSig, fakeSigEncoded } from "../support/fake-secrets.js";
import type { FindingKind, TokenFields } from "../../src/detect/index.js";
import { columnOf, expectSafeFindings, scan, scanOne } from "./scan-helpers.js";

interface FormCase {
  name: string;
  text: string;
  path?: string;
  kind: FindingKind;
  line: number;
  /** Text on `line` whose first character is the expected column; omitted where the contract does not fix it. */
  columnAt?: string;
  token: Partial<TokenFields>;
  /** Seed of the fake signature in the text; reveal() must give fakeSig(seed). */
  seed: string;
}

const enc = (seed: string) => fakeSigEncoded(seed);
const SE = "se=2030-01-01T00:00:00Z";
const SE_ISO = "2030-01-01T00:00:00Z";

const storageUrls: FormCase[] = [
  {
    name: "blob URL in a README sentence",
    text: `Download the data: https://acct.blob.core.windows.net/data/train.csv?sv=2022-11-02&sr=b&sp=r&st=2026-01-01T00:00:00Z&${SE}&spr=https&sig=${enc("blob")}`,
    kind: "service-sas",
    line: 1,
    columnAt: "https://",
    seed: "blob",
    token: {
      account: "acct",
      host: "acct.blob.core.windows.net",
      service: "blob",
      resourcePath: "/data/train.csv",
      resource: "b",
      permissions: "r",
      start: "2026-01-01T00:00:00Z",
      expiry: SE_ISO,
      protocol: "https",
      version: "2022-11-02",
    },
  },
  {
    name: "file share URL (sr=s)",
    text: `share: "https://acct.file.core.windows.net/backups?sv=2022-11-02&sr=s&sp=rl&${SE}&spr=https&sig=${enc("share")}"`,
    kind: "service-sas",
    line: 1,
    columnAt: "https://",
    seed: "share",
    token: { account: "acct", service: "file", resource: "s", permissions: "rl", resourcePath: "/backups" },
  },
  {
    name: "file URL (sr=f)",
    text: `https://acct.file.core.windows.net/backups/2026/db.bak?sv=2022-11-02&sr=f&sp=r&${SE}&spr=https&sig=${enc("file")}`,
    kind: "service-sas",
    line: 1,
    columnAt: "https://",
    seed: "file",
    token: { account: "acct", service: "file", resource: "f", resourcePath: "/backups/2026/db.bak" },
  },
  {
    name: "queue URL (no sr: the path names the queue), spr missing means https,http",
    text: `QUEUE_URL=https://acct.queue.core.windows.net/orders?sv=2022-11-02&sp=raup&${SE}&sig=${enc("queue")}`,
    path: ".env",
    kind: "service-sas",
    line: 1,
    columnAt: "https://",
    seed: "queue",
    token: { account: "acct", service: "queue", resourcePath: "/orders", permissions: "raup", protocol: "https,http" },
  },
  {
    name: "table URL with tn=",
    text: `https://acct.table.core.windows.net/Customers?sv=2019-02-02&tn=Customers&sp=raud&${SE}&spr=https&sig=${enc("table")}`,
    kind: "service-sas",
    line: 1,
    columnAt: "https://",
    seed: "table",
    token: { account: "acct", service: "table", tableName: "Customers", permissions: "raud", version: "2019-02-02" },
  },
  {
    name: "ADLS Gen2 dfs directory URL (sr=d, sdd)",
    text: `https://acct.dfs.core.windows.net/lake/raw?sv=2022-11-02&sr=d&sdd=1&sp=rl&${SE}&spr=https&sig=${enc("dfs")}`,
    kind: "service-sas",
    line: 1,
    columnAt: "https://",
    seed: "dfs",
    token: { account: "acct", service: "dfs", resource: "d", directoryDepth: "1", resourcePath: "/lake/raw" },
  },
  {
    name: "static website host *.z13.web.core.windows.net",
    text: `<a href="https://acct.z13.web.core.windows.net/index.html?sv=2022-11-02&sr=b&sp=r&${SE}&spr=https&sig=${enc("web")}">site</a>`,
    path: "index.html",
    kind: "service-sas",
    line: 1,
    columnAt: "https://",
    seed: "web",
    token: { account: "acct", service: "web", host: "acct.z13.web.core.windows.net" },
  },
  {
    name: "sovereign cloud: Azure China core.chinacloudapi.cn",
    text: `https://acct.blob.core.chinacloudapi.cn/c/model.bin?sv=2022-11-02&sr=b&sp=r&${SE}&spr=https&sig=${enc("china")}`,
    kind: "service-sas",
    line: 1,
    columnAt: "https://",
    seed: "china",
    token: { account: "acct", service: "blob", host: "acct.blob.core.chinacloudapi.cn" },
  },
  {
    name: "sovereign cloud: Azure US Government core.usgovcloudapi.net",
    text: `https://acct.blob.core.usgovcloudapi.net/c/model.bin?sv=2022-11-02&sr=b&sp=r&${SE}&spr=https&sig=${enc("usgov")}`,
    kind: "service-sas",
    line: 1,
    columnAt: "https://",
    seed: "usgov",
    token: { account: "acct", service: "blob", host: "acct.blob.core.usgovcloudapi.net" },
  },
  {
    name: "custom CDN domain (not *.core.windows.net)",
    text: `curl -o tool.zip "https://downloads.example.com/releases/tool.zip?sv=2022-11-02&sr=b&sp=r&${SE}&spr=https&sig=${enc("cdn")}"`,
    path: "install.sh",
    kind: "service-sas",
    line: 1,
    columnAt: "https://",
    seed: "cdn",
    token: { host: "downloads.example.com", resourcePath: "/releases/tool.zip", resource: "b" },
  },
  {
    name: "account-level URL https://acct.blob.core.windows.net/?sv=…",
    text: `https://acct.blob.core.windows.net/?sv=2022-11-02&ss=b&srt=sco&sp=rl&${SE}&spr=https&sig=${enc("acctlevel")}`,
    kind: "account-sas",
    line: 1,
    columnAt: "https://",
    seed: "acctlevel",
    token: { account: "acct", services: "b", resourceTypes: "sco", permissions: "rl", protocol: "https" },
  },
  {
    name: "real-looking signature on a placeholder account name is reported",
    text: `Example: https://myaccount.blob.core.windows.net/mycontainer/myblob?sv=2022-11-02&sr=b&sp=r&${SE}&spr=https&sig=${enc("myaccount")}`,
    kind: "service-sas",
    line: 1,
    columnAt: "https://",
    seed: "myaccount",
    token: { account: "myaccount" },
  },
  {
    name: "user delegation SAS URL with all skXXX fields",
    text:
      `https://acct.blob.core.windows.net/uploads?sp=racwl&st=2026-11-24T00:00:00Z&se=2026-11-30T00:00:00Z` +
      `&skoid=11111111-2222-3333-4444-555555555555&sktid=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee` +
      `&skt=2026-11-24T00:00:00Z&ske=2026-12-01T00:00:00Z&sks=b&skv=2022-11-02&spr=https&sv=2022-11-02&sr=c&sig=${enc("ud")}`,
    kind: "user-delegation-sas",
    line: 1,
    columnAt: "https://",
    seed: "ud",
    token: {
      account: "acct",
      resource: "c",
      permissions: "racwl",
      expiry: "2026-11-30T00:00:00Z",
      delegation: {
        objectId: "11111111-2222-3333-4444-555555555555",
        tenantId: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
        keyStart: "2026-11-24T00:00:00Z",
        keyExpiry: "2026-12-01T00:00:00Z",
        keyService: "b",
        keyVersion: "2022-11-02",
      },
    },
  },
];

const bareQueries: FormCase[] = [
  {
    name: ".env bare query with leading ? (AZURE_SAS=?sv=…)",
    text: `# storage\nAZURE_SAS=?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupitfx&${SE}&st=2026-01-01T00:00:00Z&spr=https,http&sig=${enc("env")}`,
    path: ".env",
    kind: "account-sas",
    line: 2,
    columnAt: "sv=",
    seed: "env",
    token: { services: "bfqt", resourceTypes: "sco", permissions: "rwdlacupitfx", protocol: "https,http" },
  },
  {
    name: ".env bare query without ? (AZURE_STORAGE_SAS_TOKEN=sv=…)",
    text: `AZURE_STORAGE_SAS_TOKEN=sv=2022-11-02&ss=b&srt=sco&sp=rl&${SE}&spr=https&sig=${enc("env-noq")}`,
    path: ".env",
    kind: "account-sas",
    line: 1,
    columnAt: "sv=",
    seed: "env-noq",
    token: { services: "b", resourceTypes: "sco", permissions: "rl" },
  },
  {
    name: "YAML bare query without ?",
    text: `storage:\n  sas_token: sv=2022-11-02&ss=b&srt=co&sp=rl&${SE}&spr=https&sig=${enc("yaml")}\n`,
    path: "config.yml",
    kind: "account-sas",
    line: 2,
    columnAt: "sv=",
    seed: "yaml",
    token: { services: "b", resourceTypes: "co", permissions: "rl", expiry: SE_ISO },
  },
  {
    name: "SQL SECRET = 'sv=…' in a database scoped credential",
    text:
      `CREATE DATABASE SCOPED CREDENTIAL BlobCred\n` +
      `WITH IDENTITY = 'SHARED ACCESS SIGNATURE',\n` +
      `SECRET = 'sv=2022-11-02&ss=b&srt=co&sp=rl&${SE}&spr=https&sig=${enc("sql")}';`,
    path: "setup.sql",
    kind: "account-sas",
    line: 3,
    columnAt: "sv=",
    seed: "sql",
    token: { services: "b", resourceTypes: "co", permissions: "rl" },
  },
  {
    name: 'CLI flag --sas-token "sv=…"',
    text: `az storage blob upload --account-name acct -c drops -n app.zip -f app.zip --sas-token "sv=2022-11-02&sr=c&sp=cw&${SE}&spr=https&sig=${enc("cli")}"`,
    path: "deploy.sh",
    kind: "service-sas",
    line: 1,
    columnAt: "sv=",
    seed: "cli",
    token: { resource: "c", permissions: "cw" },
  },
  {
    name: "sig first in a bare query",
    text: `export AZURE_STORAGE_SAS_TOKEN="sig=${enc("sigfirst")}&sv=2022-11-02&ss=b&srt=sco&sp=rl&${SE}&spr=https"`,
    path: "env.sh",
    kind: "account-sas",
    line: 1,
    columnAt: "sig=",
    seed: "sigfirst",
    token: { permissions: "rl", expiry: SE_ISO, protocol: "https" },
  },
  {
    name: "az CLI alphabetical order with %3A-encoded expiry",
    text: `{\n  "sas": "se=2030-01-01T00%3A00Z&sig=${enc("alpha")}&sp=rl&spr=https&srt=sco&ss=b&sv=2022-11-02"\n}`,
    path: "out.json",
    kind: "account-sas",
    line: 2,
    columnAt: "se=",
    seed: "alpha",
    token: { permissions: "rl", expiry: SE_ISO, services: "b", resourceTypes: "sco" },
  },
  {
    name: "storage connection string with SharedAccessSignature=sv=… (account SAS)",
    text: `{\n  "Storage": "BlobEndpoint=https://acct.blob.core.windows.net/;QueueEndpoint=https://acct.queue.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=bq&srt=sco&sp=rl&${SE}&spr=https&sig=${enc("conn-sas")}"\n}`,
    path: "appsettings.json",
    kind: "account-sas",
    line: 2,
    columnAt: "sv=",
    seed: "conn-sas",
    token: { services: "bq", resourceTypes: "sco", permissions: "rl" },
  },
  {
    name: "storage connection string whose SAS is a service SAS keeps the SAS's kind",
    text: `STORAGE=BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&sr=c&sp=rl&${SE}&spr=https&sig=${enc("conn-svc")}`,
    path: ".env",
    kind: "service-sas",
    line: 1,
    columnAt: "sv=",
    seed: "conn-svc",
    token: { resource: "c", permissions: "rl" },
  },
];

const serviceBus: FormCase[] = [
  {
    name: "Service Bus SAS in an Authorization header (entity)",
    text: `Authorization: SharedAccessSignature sr=https%3A%2F%2Fcontoso-ns.servicebus.windows.net%2Forders&sig=${enc("sb-entity")}&se=1893456000&skn=SendOnly`,
    path: "requests.http",
    kind: "servicebus-sas",
    line: 1,
    seed: "sb-entity",
    token: {
      account: "contoso-ns",
      keyName: "SendOnly",
      expiry: SE_ISO,
      resourceUri: "https://contoso-ns.servicebus.windows.net/orders",
    },
  },
  {
    name: "Event Hubs SAS with an sb:// resource URI in a Postman collection",
    text: `{"key": "Authorization", "value": "SharedAccessSignature sr=sb%3A%2F%2Ftelemetry-ns.servicebus.windows.net%2Fdevice-events&sig=${enc("eh")}&se=1893456000&skn=Listen"}`,
    path: "collection.postman_collection.json",
    kind: "servicebus-sas",
    line: 1,
    seed: "eh",
    token: { account: "telemetry-ns", keyName: "Listen", resourceUri: "sb://telemetry-ns.servicebus.windows.net/device-events" },
  },
  {
    name: "Service Bus SAS with sig first (sig, se, skn, sr)",
    text: `"Authorization": "SharedAccessSignature sig=${enc("sb-sigfirst")}&se=1893456000&skn=SendOnly&sr=https%3A%2F%2Fcontoso-ns.servicebus.windows.net%2Forders"`,
    path: "headers.json",
    kind: "servicebus-sas",
    line: 1,
    seed: "sb-sigfirst",
    token: { account: "contoso-ns", keyName: "SendOnly", expiry: SE_ISO, resourceUri: "https://contoso-ns.servicebus.windows.net/orders" },
  },
  {
    name: "Service Bus SAS in a sovereign cloud (servicebus.chinacloudapi.cn)",
    text: `Authorization: SharedAccessSignature sr=https%3A%2F%2Fcontoso-cn.servicebus.chinacloudapi.cn%2Forders&sig=${enc("sb-cn")}&se=1893456000&skn=SendOnly`,
    kind: "servicebus-sas",
    line: 1,
    seed: "sb-cn",
    token: { account: "contoso-cn", keyName: "SendOnly", resourceUri: "https://contoso-cn.servicebus.chinacloudapi.cn/orders" },
  },
  {
    name: "Service Bus SAS inside a connection string (SharedAccessSignature=SharedAccessSignature sr=…)",
    text: `EVENTHUB=Endpoint=sb://telemetry-ns.servicebus.windows.net/;SharedAccessSignature=SharedAccessSignature sr=https%3A%2F%2Ftelemetry-ns.servicebus.windows.net%2F&sig=${enc("sb-conn")}&se=1893456000&skn=RootManageSharedAccessKey;EntityPath=device-events`,
    path: ".env",
    kind: "servicebus-sas",
    line: 1,
    seed: "sb-conn",
    token: { account: "telemetry-ns", keyName: "RootManageSharedAccessKey", expiry: SE_ISO },
  },
];

const layout: FormCase[] = [
  {
    name: "token on line 3 of a markdown file",
    text: `# Dataset\n\nGet it [here](https://acct.blob.core.windows.net/ds/all.tar?sv=2022-11-02&sr=b&sp=r&${SE}&spr=https&sig=${enc("line3")}).\n`,
    kind: "service-sas",
    line: 3,
    columnAt: "https://",
    seed: "line3",
    token: { resourcePath: "/ds/all.tar" },
  },
  {
    name: "JS string concatenation: reported on the sig line",
    text:
      `const url = "https://acct.blob.core.windows.net/releases/app.zip?sv=2022-11-02&sr=b&sp=rw" +\n` +
      `  "&${SE}&spr=https" +\n` +
      `  "&sig=${enc("js-split")}";\n`,
    path: "upload.js",
    kind: "service-sas",
    line: 3,
    // types.ts: for a split token the column is where the signature parameter starts
    columnAt: "sig=",
    seed: "js-split",
    token: { account: "acct", resource: "b", permissions: "rw", expiry: SE_ISO, protocol: "https" },
  },
  {
    name: "Python implicit concatenation: reported on the sig line",
    text:
      `SAS_URL = (\n` +
      `    "https://acct.blob.core.windows.net/models/weights.bin"\n` +
      `    "?sv=2022-11-02&sr=b&sp=r&${SE}&spr=https"\n` +
      `    "&sig=${enc("py-split")}"\n` +
      `)\n`,
    path: "download.py",
    kind: "service-sas",
    line: 4,
    columnAt: "sig=",
    seed: "py-split",
    token: { account: "acct", resource: "b", permissions: "r", expiry: SE_ISO, resourcePath: "/models/weights.bin" },
  },
];

describe("forms: every place a token hides yields one finding with the right kind, place and fields", () => {
  test.each([...storageUrls, ...bareQueries, ...serviceBus, ...layout])("$name", (c) => {
    const f = scanOne(c.text, [fakeSig(c.seed)], { path: c.path });
    expect(f.kind).toBe(c.kind);
    expect(f.path).toBe(c.path ?? "README.md");
    expect(f.line).toBe(c.line);
    if (c.columnAt) expect(f.column).toBe(columnOf(c.text, c.line, c.columnAt));
    expect(f.token).toMatchObject(c.token);
    expect(f.secret.reveal()).toBe(fakeSig(c.seed));
    expect(f.confidence).toBe("high");
  });
});

describe("forms: occurrences and lines", () => {
  const url = (seed: string) => `https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&sr=b&sp=r&${SE}&spr=https&sig=${enc(seed)}`;

  test("two copies of the same token on one line are one finding", () => {
    const text = `[${url("dup")}](${url("dup")})`;
    const findings = scan(text);
    expectSafeFindings(findings, [fakeSig("dup")]);
    expect(findings).toHaveLength(1);
    expect(findings[0].column).toBe(columnOf(text, 1, "https://"));
  });

  test("the same token on two lines is two findings with one fingerprint", () => {
    const text = `a: ${url("twice")}\nb: ${url("twice")}\n`;
    const findings = scan(text);
    expectSafeFindings(findings, [fakeSig("twice")]);
    expect(findings.map((f) => f.line).sort()).toEqual([1, 2]);
    expect(findings[0].fingerprint).toBe(findings[1].fingerprint);
  });

  test("two different tokens on two lines are two findings with different fingerprints", () => {
    const text = `${url("one")}\n${url("two")}\n`;
    const findings = scan(text);
    expectSafeFindings(findings, [fakeSig("one"), fakeSig("two")]);
    expect(findings.map((f) => f.line).sort()).toEqual([1, 2]);
    expect(findings[0].fingerprint).not.toBe(findings[1].fingerprint);
  });

  test("endColumn is just past a quoted URL", () => {
    const u = url("endcol");
    const text = `  link: "${u}"`;
    const [f] = scan(text);
    expect(f.column).toBe(columnOf(text, 1, "https://"));
    expect(f.endColumn).toBe(f.column + u.length);
  });
});

describe("forms: where a token ends", () => {
  const u = `https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&sr=b&sp=r&${SE}&spr=https&sig=${enc("delim")}`;
  // SEVERITY.md §1 "typical places": README links, CSV manifests, YAML, shell, code.
  test.each([
    { name: "single quotes", text: `url = '${u}'` },
    { name: "double quotes", text: `"url": "${u}",` },
    { name: "markdown autolink <…>", text: `See <${u}>.` },
    { name: "backticks", text: `Use \`${u}\` to download.` },
    { name: "parentheses", text: `(${u})` },
    { name: "square brackets", text: `[${u}]` },
    { name: "CSV cell followed by a comma", text: `q3.pdf,${u},2026-01-01` },
    { name: "end of a sentence", text: `Download it from ${u}. Thanks!` },
    { name: "followed by a tab and a comment", text: `${u}\t# temporary` },
    { name: "followed by a semicolon", text: `const u = ${JSON.stringify(u)};` },
  ])("$name", ({ text }) => {
    const f = scanOne(text, [fakeSig("delim")]);
    expect(f.secret.reveal()).toBe(fakeSig("delim"));
    expect(f.column).toBe(columnOf(text, 1, "https://"));
    expect(f.endColumn).toBe(f.column + u.length);
    expect(f.token).toMatchObject({ expiry: SE_ISO, protocol: "https" });
  });

  test("a CSV row with two SAS URLs is two findings", () => {
    const a = `https://acct.blob.core.windows.net/c/a.txt?sv=2022-11-02&sr=b&sp=r&${SE}&spr=https&sig=${enc("csv-a")}`;
    const b = `https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&sr=b&sp=r&${SE}&spr=https&sig=${enc("csv-b")}`;
    const text = `name,primary,mirror\nq3,${a},${b}\n`;
    const findings = scan(text, { path: "manifest.csv" });
    expectSafeFindings(findings, [fakeSig("csv-a"), fakeSig("csv-b")]);
    expect(findings.map((f) => f.secret.reveal()).sort()).toEqual([fakeSig("csv-a"), fakeSig("csv-b")].sort());
    expect(findings.map((f) => f.line)).toEqual([2, 2]);
  });

  test("raw base64 signature with padding, first in a bare query", () => {
    const text = `SAS="sig=${fakeSig("raw1")}&sv=2022-11-02&ss=b&srt=sco&sp=rl&${SE}&spr=https"`;
    const f = scanOne(text, [fakeSig("raw1")], { path: ".env" });
    expect(f.kind).toBe("account-sas");
    expect(f.secret.reveal()).toBe(fakeSig("raw1"));
    expect(f.token).toMatchObject({ permissions: "rl", version: "2022-11-02" });
  });

  test("CRLF line endings: line, column and signature are unaffected", () => {
    const text = `# Data\r\n\r\n${u}\r\nmore\r\n`;
    const f = scanOne(text, [fakeSig("delim")]);
    expect(f.line).toBe(3);
    expect(f.column).toBe(1);
    expect(f.endColumn).toBe(1 + u.length);
    expect(f.secret.reveal()).toBe(fakeSig("delim"));
  });

  test("two different tokens on one line are two findings", () => {
    const a = `https://acct.blob.core.windows.net/c/a.txt?sv=2022-11-02&sr=b&sp=r&${SE}&spr=https&sig=${enc("pair-a")}`;
    const b = `https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&sr=b&sp=r&${SE}&spr=https&sig=${enc("pair-b")}`;
    const text = `${a} ${b}`;
    const findings = scan(text);
    expectSafeFindings(findings, [fakeSig("pair-a"), fakeSig("pair-b")]);
    expect(findings.map((f) => [f.line, f.column]).sort((x, y) => x[1] - y[1])).toEqual([
      [1, 1],
      [1, a.length + 2],
    ]);
  });
});
