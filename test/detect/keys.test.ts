// Storage account keys and key-bearing connection strings (SEVERITY.md §1 kinds, §3 table): where they hide,
// what they parse to, and their fixed severity and reasons.
import { fakeAccountKey, fakeServiceBusKey } from "../support/fake-secrets.js";
import type { FindingKind, TokenFields } from "../../src/detect/index.js";
import { expectSafeFindings, lineOf, reasonIds, scan, scanOne, sortedIds, type ReasonId, type Severity } from "./scan-helpers.js";

const b64 = (s: string) => Buffer.from(s).toString("base64");

const ACCOUNT_KEY_REASONS: ReasonId[] = ["account-key", "full-control", "no-expiry"];
const ROOT_SB_REASONS: ReasonId[] = ["shared-access-key", "manage-rights", "no-expiry"];
const OTHER_SB_REASONS: ReasonId[] = ["shared-access-key", "no-expiry"];

interface KeyCase {
  name: string;
  text: string;
  path?: string;
  kind: FindingKind;
  /** Text on the line of the key (the finding's line). */
  lineAt: string;
  secret: string;
  /** Other carriers of the secret that must not leak. */
  alsoSecret?: string[];
  severity: Severity;
  reasons: ReasonId[];
  token?: Partial<TokenFields>;
}

const k = (seed: string) => fakeAccountKey(seed);
const sbk = (seed: string) => fakeServiceBusKey(seed);

const cases: KeyCase[] = [
  {
    name: 'bare key: ACCOUNT_KEY = "…" (Python)',
    text: `ACCOUNT_NAME = "acct"\nACCOUNT_KEY = "${k("py")}"\n`,
    path: "settings.py",
    kind: "storage-account-key",
    lineAt: "ACCOUNT_KEY",
    secret: k("py"),
    severity: "critical",
    reasons: ACCOUNT_KEY_REASONS,
  },
  {
    name: 'bare key: access_key = "…" (Terraform azurerm backend)',
    text: `terraform {\n  backend "azurerm" {\n    storage_account_name = "tfstate"\n    access_key           = "${k("tf")}"\n  }\n}\n`,
    path: "backend.tf",
    kind: "storage-account-key",
    lineAt: "access_key",
    secret: k("tf"),
    severity: "critical",
    reasons: ACCOUNT_KEY_REASONS,
  },
  {
    name: "bare key: .env AZURE_STORAGE_KEY=…",
    text: `AZURE_STORAGE_ACCOUNT=acct\nAZURE_STORAGE_KEY=${k("env")}\n`,
    path: ".env",
    kind: "storage-account-key",
    lineAt: "AZURE_STORAGE_KEY",
    secret: k("env"),
    severity: "critical",
    reasons: ACCOUNT_KEY_REASONS,
  },
  {
    name: "bare key: PowerShell -StorageAccountKey",
    text: `$ctx = New-AzStorageContext -StorageAccountName "acct" -StorageAccountKey "${k("ps")}"`,
    path: "deploy.ps1",
    kind: "storage-account-key",
    lineAt: "-StorageAccountKey",
    secret: k("ps"),
    severity: "critical",
    reasons: ACCOUNT_KEY_REASONS,
  },
  {
    name: "bare key: az CLI --account-key flag",
    text: `az storage blob list --account-name acct --container-name c --account-key ${k("cli")} -o table`,
    path: "list.sh",
    kind: "storage-account-key",
    lineAt: "--account-key",
    secret: k("cli"),
    severity: "critical",
    reasons: ACCOUNT_KEY_REASONS,
  },
  {
    name: "base64 of the key in a Kubernetes Secret (kind: Secret + data:, AKS azure-file format)",
    text: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: azure-secret\ntype: Opaque\ndata:\n  azurestorageaccountname: ${b64("acct")}\n  azurestorageaccountkey: ${b64(k("k8s"))}\n`,
    path: "k8s/azure-secret.yaml",
    kind: "storage-account-key",
    lineAt: "azurestorageaccountkey",
    secret: k("k8s"),
    alsoSecret: [b64(k("k8s"))],
    severity: "critical",
    reasons: ACCOUNT_KEY_REASONS,
  },
  {
    name: "storage connection string with AccountKey",
    text: `AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${k("conn")};EndpointSuffix=core.windows.net"`,
    path: ".env",
    kind: "connection-string",
    lineAt: "AccountKey",
    secret: k("conn"),
    severity: "critical",
    reasons: ACCOUNT_KEY_REASONS,
    token: { account: "acct", endpointSuffix: "core.windows.net", defaultProtocol: "https" },
  },
  {
    name: "storage connection string in appsettings.json, sovereign cloud suffix",
    text: `{\n  "ConnectionStrings": {\n    "Storage": "DefaultEndpointsProtocol=https;AccountName=acctcn;AccountKey=${k("conn-cn")};EndpointSuffix=core.chinacloudapi.cn"\n  }\n}`,
    path: "appsettings.json",
    kind: "connection-string",
    lineAt: "AccountKey",
    secret: k("conn-cn"),
    severity: "critical",
    reasons: ACCOUNT_KEY_REASONS,
    token: { account: "acctcn", endpointSuffix: "core.chinacloudapi.cn" },
  },
  {
    name: "storage connection string in web.config (AccountName after AccountKey)",
    text: `<connectionStrings>\n  <add name="Storage" connectionString="DefaultEndpointsProtocol=https;AccountKey=${k("conn-xml")};AccountName=acctxml" />\n</connectionStrings>`,
    path: "web.config",
    kind: "connection-string",
    lineAt: "AccountKey",
    secret: k("conn-xml"),
    severity: "critical",
    reasons: ACCOUNT_KEY_REASONS,
    token: { account: "acctxml" },
  },
  {
    name: "Service Bus connection string, RootManageSharedAccessKey → critical",
    text: `SERVICEBUS=Endpoint=sb://contoso-ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${sbk("sb-root")}`,
    path: ".env",
    kind: "connection-string",
    lineAt: "SharedAccessKey=",
    secret: sbk("sb-root"),
    severity: "critical",
    reasons: ROOT_SB_REASONS,
    token: { account: "contoso-ns", keyName: "RootManageSharedAccessKey" },
  },
  {
    name: "Service Bus connection string, another RootManage* rule → critical",
    text: `"ServiceBus": "Endpoint=sb://contoso-ns.servicebus.windows.net/;SharedAccessKeyName=RootManageAccess;SharedAccessKey=${sbk("sb-root2")}"`,
    path: "appsettings.json",
    kind: "connection-string",
    lineAt: "SharedAccessKey=",
    secret: sbk("sb-root2"),
    severity: "critical",
    reasons: ROOT_SB_REASONS,
    token: { keyName: "RootManageAccess" },
  },
  {
    name: "Service Bus connection string, send-only rule → high",
    text: `Endpoint=sb://contoso-ns.servicebus.windows.net/;SharedAccessKeyName=orders-send;SharedAccessKey=${sbk("sb-send")};EntityPath=orders`,
    path: "config.txt",
    kind: "connection-string",
    lineAt: "SharedAccessKey=",
    secret: sbk("sb-send"),
    severity: "high",
    reasons: OTHER_SB_REASONS,
    token: { account: "contoso-ns", keyName: "orders-send" },
  },
  {
    name: "Service Bus connection string in Azure US Government (servicebus.usgovcloudapi.net)",
    text: `Endpoint=sb://contoso-gov.servicebus.usgovcloudapi.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${sbk("sb-gov")}`,
    path: "config.txt",
    kind: "connection-string",
    lineAt: "SharedAccessKey=",
    secret: sbk("sb-gov"),
    severity: "critical",
    reasons: ROOT_SB_REASONS,
    token: { account: "contoso-gov", keyName: "RootManageSharedAccessKey" },
  },
  {
    name: "Event Hubs connection string with EntityPath, root rule → critical",
    text: `EVENTHUB=Endpoint=sb://telemetry-ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${sbk("eh-root")};EntityPath=device-events`,
    path: ".env",
    kind: "connection-string",
    lineAt: "SharedAccessKey=",
    secret: sbk("eh-root"),
    severity: "critical",
    reasons: ROOT_SB_REASONS,
    token: { account: "telemetry-ns" },
  },
  {
    name: "Event Hubs connection string, listen rule → high",
    text: `  EVENTHUB_CONNECTION: "Endpoint=sb://telemetry-ns.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=${sbk("eh-listen")};EntityPath=device-events"`,
    path: "docker-compose.yml",
    kind: "connection-string",
    lineAt: "SharedAccessKey=",
    secret: sbk("eh-listen"),
    severity: "high",
    reasons: OTHER_SB_REASONS,
    token: { account: "telemetry-ns", keyName: "listen" },
  },
  {
    name: "bare key: Helm values accountKey:",
    text: `storage:\n  accountName: acct\n  accountKey: ${k("helm")}\n`,
    path: "values.yaml",
    kind: "storage-account-key",
    lineAt: "accountKey",
    secret: k("helm"),
    severity: "critical",
    reasons: ACCOUNT_KEY_REASONS,
  },
  {
    name: 'bare key: JSON "storageAccountKey"',
    text: `{\n  "storageAccountName": "acct",\n  "storageAccountKey": "${k("jsonkey")}"\n}`,
    path: "parameters.json",
    kind: "storage-account-key",
    lineAt: "storageAccountKey",
    secret: k("jsonkey"),
    severity: "critical",
    reasons: ACCOUNT_KEY_REASONS,
  },
  {
    name: "bare key: new StorageSharedKeyCredential(account, key)",
    text: `const credential = new StorageSharedKeyCredential("acct", "${k("shared")}");`,
    path: "src/storage.ts",
    kind: "storage-account-key",
    lineAt: "StorageSharedKeyCredential",
    secret: k("shared"),
    severity: "critical",
    reasons: ACCOUNT_KEY_REASONS,
  },
  {
    name: "kubectl get secret -o json: base64 key in a JSON Secret",
    text: JSON.stringify(
      {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "azure-secret" },
        data: { azurestorageaccountname: b64("acct"), azurestorageaccountkey: b64(k("kjson")) },
        type: "Opaque",
      },
      null,
      4,
    ),
    path: "secret.json",
    kind: "storage-account-key",
    lineAt: "azurestorageaccountkey",
    secret: k("kjson"),
    alsoSecret: [b64(k("kjson"))],
    severity: "critical",
    reasons: ACCOUNT_KEY_REASONS,
  },
  {
    name: "base64 of a storage connection string in a Kubernetes Secret",
    text: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: func\ndata:\n  AzureWebJobsStorage: ${b64(`DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${k("k8sconn")};EndpointSuffix=core.windows.net`)}\n`,
    path: "k8s/func-secret.yaml",
    kind: "connection-string",
    lineAt: "AzureWebJobsStorage",
    secret: k("k8sconn"),
    alsoSecret: [b64(`DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${k("k8sconn")};EndpointSuffix=core.windows.net`)],
    severity: "critical",
    reasons: ACCOUNT_KEY_REASONS,
    token: { account: "acct" },
  },
  {
    name: "storage connection string split over string concatenation (C#)",
    text: `var cs = "DefaultEndpointsProtocol=https;AccountName=acctsplit;" +\n         "AccountKey=${k("split")};" +\n         "EndpointSuffix=core.windows.net";`,
    path: "Program.cs",
    kind: "connection-string",
    lineAt: "AccountKey",
    secret: k("split"),
    severity: "critical",
    reasons: ACCOUNT_KEY_REASONS,
    token: { account: "acctsplit" },
  },
  {
    name: "storage connection string JSON-escaped by Gson (\\u003d for =)",
    text: `{"storage":"DefaultEndpointsProtocol\\u003dhttps;AccountName\\u003dacctgson;AccountKey\\u003d${k("gson").replaceAll("=", "\\u003d")};EndpointSuffix\\u003dcore.windows.net"}`,
    path: "config.json",
    kind: "connection-string",
    lineAt: "AccountKey",
    secret: k("gson"),
    severity: "critical",
    reasons: ACCOUNT_KEY_REASONS,
    token: { account: "acctgson" },
  },
  {
    name: "storage connection string JSON-escaped by PHP (\\/ for /)",
    text: `{"storage":"DefaultEndpointsProtocol=https;AccountName=acctphp;AccountKey=${k("json").replaceAll("/", "\\/")};EndpointSuffix=core.windows.net"}`,
    path: "config.json",
    kind: "connection-string",
    lineAt: "AccountKey",
    secret: k("json"),
    severity: "critical",
    reasons: ACCOUNT_KEY_REASONS,
    token: { account: "acctphp" },
  },
];

describe("keys and connection strings (SEVERITY.md §3)", () => {
  test.each(cases)("$name", (c) => {
    const f = scanOne(c.text, [c.secret, ...(c.alsoSecret ?? [])], { path: c.path });
    expect(f.kind).toBe(c.kind);
    expect(f.line).toBe(lineOf(c.text, c.lineAt));
    expect(f.severity).toBe(c.severity);
    expect(f.baseSeverity).toBe(c.severity);
    expect(reasonIds(f)).toEqual(sortedIds(c.reasons));
    expect(f.secret.reveal()).toBe(c.secret);
    if (c.token) expect(f.token).toMatchObject(c.token);
  });
});

test("the PHP-escaped case really has a / to escape", () => expect(k("json")).toContain("/"));

describe("az storage account keys list output", () => {
  const text = JSON.stringify(
    [
      { creationTime: "2026-01-01T00:00:00.000000+00:00", keyName: "key1", permissions: "FULL", value: k("list1") },
      { creationTime: "2026-01-01T00:00:00.000000+00:00", keyName: "key2", permissions: "FULL", value: k("list2") },
    ],
    null,
    2,
  );

  test("both keys are found, each on its own line, critical, with different fingerprints", () => {
    const findings = scan(text, { path: "keys.json" });
    expectSafeFindings(findings, [k("list1"), k("list2")]);
    expect(findings.map((f) => [f.kind, f.line, f.severity])).toEqual([
      ["storage-account-key", lineOf(text, k("list1")), "critical"],
      ["storage-account-key", lineOf(text, k("list2")), "critical"],
    ]);
    for (const f of findings) expect(reasonIds(f)).toEqual(sortedIds(ACCOUNT_KEY_REASONS));
    expect(new Set(findings.map((f) => f.secret.reveal()))).toEqual(new Set([k("list1"), k("list2")]));
    expect(findings[0].fingerprint).not.toBe(findings[1].fingerprint);
  });
});

describe("key fingerprints and redaction", () => {
  test("the same key in two files: same fingerprint", () => {
    const a = scan(`ACCOUNT_KEY = "${k("fp")}"`, { path: "a.py" });
    const b = scan(`\n\nACCOUNT_KEY = "${k("fp")}"`, { path: "b.py" });
    expectSafeFindings([...a, ...b], [k("fp")]);
    expect(a[0].fingerprint).toBe(b[0].fingerprint);
  });

  test("a key and its base64 form in a Kubernetes Secret: same fingerprint", () => {
    const a = scan(`AZURE_STORAGE_KEY=${k("fp64")}`, { path: ".env" });
    const b = scan(`kind: Secret\ndata:\n  azurestorageaccountkey: ${b64(k("fp64"))}\n`, { path: "secret.yaml" });
    expectSafeFindings([...a, ...b], [k("fp64"), b64(k("fp64"))]);
    expect(a.map((f) => f.kind)).toEqual(["storage-account-key"]);
    expect(b.map((f) => f.kind)).toEqual(["storage-account-key"]);
    expect(b[0].fingerprint).toBe(a[0].fingerprint);
  });

  test("different keys: different fingerprints", () => {
    const a = scan(`ACCOUNT_KEY = "${k("fpa")}"`, { path: "a.py" });
    const b = scan(`ACCOUNT_KEY = "${k("fpb")}"`, { path: "a.py" });
    expect(a[0].fingerprint).not.toBe(b[0].fingerprint);
  });

  test("a connection string's redacted form keeps AccountName and hides AccountKey", () => {
    const f = scanOne(`DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${k("red")};EndpointSuffix=core.windows.net`, [k("red")]);
    expect(f.redacted).toContain("AccountName=acct");
    expect(f.redacted).toMatch(/AccountKey=/);
  });
});

describe('which manifests are Kubernetes Secrets (kind checked at each "Secret")', () => {
  const secretData = (name: string) => `data:\n  azurestorageaccountname: ${b64("acct")}\n  azurestorageaccountkey: ${b64(k(name))}\n`;

  test("a comment mentioning Secret before `kind: Secret`, and an upper-case .YAML extension: decoded", () => {
    const text = `# Secret for the file share\napiVersion: v1\nkind: Secret\n${secretData("kindlate")}`;
    expect(scan(text, { path: "deploy/SHARE.YAML" }).map((f) => f.kind)).toEqual(["storage-account-key"]);
  });

  test('JSON `"kind":"Secret"` with no spaces: decoded', () => {
    const text = `{"apiVersion":"v1","kind":"Secret","data":{\n"azurestorageaccountkey": "${b64(k("kindjson"))}"\n}}`;
    expect(scan(text, { path: "secret.json" }).map((f) => f.kind)).toEqual(["storage-account-key"]);
  });

  test("`kind: SecretProviderClass` (a CSI driver object, not a Secret): its base64 is not decoded", () => {
    const text = `apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\n${secretData("spc")}`;
    expect(scan(text, { path: "spc.yaml" })).toEqual([]);
  });

  test("the same manifest in a file that is not YAML or JSON: not decoded", () => {
    expect(scan(`kind: Secret\n${secretData("notyaml")}`, { path: "notes.txt" })).toEqual([]);
  });
});
