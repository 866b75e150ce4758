// Negatives (SEVERITY.md §4, SAS.md §4): text that must produce NO finding at all, not even `info`.
// Where a shape trap needs a random-looking value, it is built at run time from the fake-secret builders.
import { fakeAccountKey, fakeServiceBusKey, fakeSig, fakeSigEncoded } from "../support/fake-secrets.js";
import { scan } from "./scan-helpers.js";

// Public, well-known emulator keys (SAS.md §1): not secrets, may be literal.
const AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
const COSMOS_EMULATOR_KEY = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

const SAS_PREFIX = "https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&sr=b&sp=r&se=2030-01-01T00:00:00Z&spr=https";
const withSig = (sig: string) => `${SAS_PREFIX}&sig=${sig}`;
const hex = (seed: string) => Buffer.from(fakeSig(seed), "base64").toString("hex");
const b64url = (s: string) => Buffer.from(s).toString("base64url");
const pemBody = (seed: string) =>
  (fakeAccountKey(`${seed}1`) + fakeAccountKey(`${seed}2`) + fakeAccountKey(`${seed}3`))
    .replace(/=/g, "")
    .match(/.{1,64}/g)!
    .join("\n");
const sshEd25519Blob = (seed: string) =>
  Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from("ssh-ed25519"), Buffer.from([0, 0, 0, 32]), Buffer.from(fakeSig(seed), "base64")]).toString("base64");
const docsInvalidEscape = (seed: string) => {
  const e = fakeSigEncoded(seed);
  return `${e.slice(0, 20)}%ZZ${e.slice(20)}`;
};

interface NegativeCase {
  name: string;
  text: string;
  path?: string;
}

const placeholders: NegativeCase[] = [
  { name: "sig=<signature>", text: withSig("<signature>") },
  { name: "sig=XXXX", text: withSig("XXXX") },
  { name: "sig=...", text: withSig("...") },
  { name: "sig=YourSignature", text: withSig("YourSignature") },
  { name: "sig of the right length made of one repeated character (XXXX…%3D)", text: withSig(`${"X".repeat(43)}%3D`) },
  { name: "sig of the right length made of one repeated character (AAAA…=)", text: withSig(`${"A".repeat(43)}=`) },
  { name: "docs sample with an invalid percent escape in sig", text: withSig(docsInvalidEscape("docs-escape")) },
  { name: "AccountKey=<key>", text: "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=<key>;EndpointSuffix=core.windows.net" },
  { name: "AccountKey=mykey", text: "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=mykey;EndpointSuffix=core.windows.net" },
  {
    name: "AccountKey of the right length made of one repeated character (AAAA…==)",
    text: `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${"A".repeat(86)}==;EndpointSuffix=core.windows.net`,
  },
  { name: "AccountKey=changeme", text: "AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=changeme" },
  {
    name: "SharedAccessKey=<your-key>",
    text: "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<your-key>",
  },
  {
    name: "empty values in .env.example",
    text: "AZURE_STORAGE_ACCOUNT=\nAZURE_STORAGE_KEY=\nAZURE_SAS=\nAZURE_STORAGE_CONNECTION_STRING=\n",
    path: ".env.example",
  },
];

const emulators: NegativeCase[] = [
  {
    name: "Azurite connection string with the well-known devstoreaccount1 key",
    text: `AZURITE=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`,
    path: ".env",
  },
  { name: "Azurite key alone in a config value", text: `ACCOUNT_KEY = "${AZURITE_KEY}"`, path: "settings.py" },
  { name: "UseDevelopmentStorage=true", text: `{ "AzureWebJobsStorage": "UseDevelopmentStorage=true" }`, path: "local.settings.json" },
  {
    name: "SAS URL for 127.0.0.1:10000/devstoreaccount1 (signed with the public key)",
    text: `http://127.0.0.1:10000/devstoreaccount1/c/b.txt?sv=2022-11-02&sr=b&sp=rwd&se=2030-01-01T00:00:00Z&sig=${fakeSigEncoded("azurite-sas")}`,
    path: "test/blob.test.ts",
  },
  {
    name: "SAS URL for localhost:10000/devstoreaccount1 (same public key as 127.0.0.1)",
    text: `http://localhost:10000/devstoreaccount1/c/b.txt?sv=2022-11-02&sr=b&sp=r&se=2030-01-01T00:00:00Z&sig=${fakeSigEncoded("azurite-localhost")}`,
    path: "test/blob.test.ts",
  },
  {
    name: "Azurite account-level SAS on 127.0.0.1:10000/devstoreaccount1",
    text: `AZURITE_SAS_URL=http://127.0.0.1:10000/devstoreaccount1?sv=2022-11-02&ss=b&srt=sco&sp=rwdlac&se=2030-01-01T00:00:00Z&sig=${fakeSigEncoded("azurite-acct")}`,
    path: ".env.test",
  },
  {
    name: "base64 of the Azurite connection string in a Kubernetes Secret",
    text: `kind: Secret\ndata:\n  AzureWebJobsStorage: ${Buffer.from(`DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`).toString("base64")}\n`,
    path: "k8s/dev-secret.yaml",
  },
  {
    name: "Cosmos DB emulator connection string",
    text: `COSMOS=AccountEndpoint=https://localhost:8081/;AccountKey=${COSMOS_EMULATOR_KEY}`,
    path: ".env",
  },
  { name: "Cosmos DB emulator key alone", text: `const key = "${COSMOS_EMULATOR_KEY}";`, path: "test/cosmos.ts" },
];

const redacted: NegativeCase[] = [
  { name: "sig=REDACTED (Azure SDK logging)", text: withSig("REDACTED"), path: "log.txt" },
  { name: "sig=-REDACTED- (azcopy)", text: withSig("-REDACTED-"), path: "azcopy.log" },
  { name: "sig=***** ", text: withSig("*****"), path: "log.txt" },
  { name: "sig=Sanitized (test-proxy recording)", text: `{"RequestUri": "${withSig("Sanitized")}"}`, path: "recordings/test.json" },
];

const runTime: NegativeCase[] = [
  { name: "generateSasUrl", text: 'const url = await blobClient.generateSasUrl({ permissions: BlobSASPermissions.parse("r"), expiresOn });', path: "a.ts" },
  {
    name: "generateBlobSASQueryParameters",
    text: "const sas = generateBlobSASQueryParameters({ containerName, permissions, expiresOn }, credential).toString();",
    path: "a.ts",
  },
  {
    name: "generate_blob_sas (Python)",
    text: "sas = generate_blob_sas(account_name, container, blob, account_key=key, permission=BlobSasPermissions(read=True), expiry=expiry)",
    path: "a.py",
  },
  {
    name: "BlobSasBuilder (.NET)",
    text: 'var builder = new BlobSasBuilder { BlobContainerName = c, Resource = "c", ExpiresOn = DateTimeOffset.UtcNow.AddHours(1) };',
    path: "a.cs",
  },
  {
    name: "az storage … generate-sas into a variable",
    text: "SAS=$(az storage container generate-sas --account-name acct --name c --permissions r --expiry 2030-01-01 -o tsv)",
    path: "run.sh",
  },
  {
    name: "${sig} template interpolation",
    text: "const url = `https://${account}.blob.core.windows.net/${container}?sv=2022-11-02&sr=c&sp=rl&se=${expiry}&sig=${encodeURIComponent(sig)}`;",
    path: "a.ts",
  },
  {
    name: "{signature} Python format placeholder",
    text: 'url = f"https://{account}.blob.core.windows.net/{container}?sv=2022-11-02&sr=c&sp=rl&se={expiry}&sig={signature}"',
    path: "a.py",
  },
];

const references: NegativeCase[] = [
  {
    name: "GitHub Actions ${{ secrets.X }}",
    text: "  AZURE_SAS: ${{ secrets.AZURE_SAS }}\n  url: https://acct.blob.core.windows.net/c?${{ secrets.SAS_TOKEN }}",
    path: ".github/workflows/ci.yml",
  },
  { name: "Azure Pipelines $(var)", text: 'azcopy copy dist "https://acct.blob.core.windows.net/site?$(StorageSas)" --recursive', path: "azure-pipelines.yml" },
  { name: "shell variable sig=$SIG", text: `${SAS_PREFIX}&sig=$SIG`, path: "run.sh" },
  { name: "templating placeholder sig={{ sas_sig }}", text: `${SAS_PREFIX}&sig={{ sas_sig }}`, path: "templates/app.j2" },
  {
    name: "templating placeholder AccountKey={{ storage_key }}",
    text: "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={{ storage_key }}",
    path: "templates/app.j2",
  },
  { name: "percent-encoded placeholder sig=%3Csignature%3E", text: withSig("%3Csignature%3E") },
  {
    name: "Windows %FEED_SAS%",
    text: 'nuget sources add -Name feed -Source "https://acct.blob.core.windows.net/feed/index.json?%FEED_SAS%"',
    path: "setup.cmd",
  },
  {
    name: "Key Vault reference",
    text: '{ "StorageSas": "@Microsoft.KeyVault(SecretUri=https://myvault.vault.azure.net/secrets/storage-sas/)" }',
    path: "appsettings.json",
  },
  {
    name: "Terraform data.azurerm_storage_account_sas reference",
    text: '  sas_url = "${azurerm_storage_account.sa.primary_blob_endpoint}${data.azurerm_storage_account_sas.sas.sas}"',
    path: "main.tf",
  },
  {
    name: "Terraform attribute reference to an access key",
    text: "  storage_account_access_key = azurerm_storage_account.sa.primary_access_key",
    path: "main.tf",
  },
  {
    name: "Bicep listKeys in a connection string",
    text: "value: 'DefaultEndpointsProtocol=https;AccountName=${sa.name};AccountKey=${sa.listKeys().keys[0].value}'",
    path: "main.bicep",
  },
];

const otherClouds: NegativeCase[] = [
  {
    name: "S3 presigned URL with X-Amz-Signature (AWS documented example key id)",
    text: `https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=${hex("s3")}`,
  },
  {
    name: "GCS signed URL with X-Goog-Signature",
    text: `https://storage.googleapis.com/bucket/obj.txt?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=sa%40proj.iam.gserviceaccount.com%2F20260101%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Date=20260101T000000Z&X-Goog-Expires=900&X-Goog-SignedHeaders=host&X-Goog-Signature=${hex("gcs1")}${hex("gcs2")}`,
  },
  { name: "CDN sig= hex token", text: `https://cdn.example.com/video.mp4?expires=1893456000&sig=${hex("cdn-sig")}` },
  { name: "CDN hmac= token (Akamai style)", text: `https://media.example.com/v.m3u8?hdnts=exp=1893456000~acl=/*~hmac=${hex("akamai")}` },
  {
    name: "api_sig= (Flickr style) with a base64 value",
    text: `https://api.example.com/services/rest/?method=test.login&api_key=abc&api_sig=${fakeSigEncoded("api-sig")}`,
  },
  {
    name: "oauth_signature= (HMAC-SHA256, 32 bytes, same shape as a SAS sig)",
    text: `https://api.example.com/1.1/statuses.json?oauth_consumer_key=example&oauth_nonce=abc&oauth_signature_method=HMAC-SHA256&oauth_timestamp=1893456000&oauth_signature=${fakeSigEncoded("oauth")}`,
  },
  { name: "GitHub webhook HMAC header", text: `X-Hub-Signature-256: sha256=${hex("hook")}`, path: "test/fixtures/webhook.http" },
  { name: "Shopify webhook HMAC (32-byte base64)", text: `X-Shopify-Hmac-Sha256: ${fakeSig("shopify")}`, path: "test/fixtures/webhook.http" },
  {
    name: "Authorization: SharedKey acct:<44-char base64> (per-request HMAC)",
    text: `PUT /c/b.txt HTTP/1.1\nx-ms-date: Wed, 25 Nov 2026 00:00:00 GMT\nAuthorization: SharedKey acct:${fakeSig("sharedkey")}\n`,
    path: "docs/rest.http",
  },
];

const lookAlikes: NegativeCase[] = [
  {
    name: "package-lock.json sha512 integrity (88 chars ==)",
    text: `{\n  "node_modules/left-pad": {\n    "version": "1.3.0",\n    "integrity": "sha512-${fakeAccountKey("lock")}"\n  }\n}`,
    path: "package-lock.json",
  },
  { name: "yarn.lock integrity", text: `left-pad@^1.3.0:\n  version "1.3.0"\n  integrity sha512-${fakeAccountKey("yarn")}\n`, path: "yarn.lock" },
  {
    name: "pnpm-lock.yaml integrity",
    text: `  /left-pad@1.3.0:\n    resolution: {integrity: sha512-${fakeAccountKey("pnpm")}}\n`,
    path: "pnpm-lock.yaml",
  },
  {
    name: "go.sum h1: hashes (44 chars, Service Bus key shape)",
    text: `golang.org/x/net v0.1.0 h1:${fakeServiceBusKey("gosum1")}\ngolang.org/x/net v0.1.0/go.mod h1:${fakeServiceBusKey("gosum2")}\n`,
    path: "go.sum",
  },
  {
    name: "Ed25519 signature (88 chars ==) in a test vector with no key context",
    text: `{"message": "hello", "public": "${fakeSig("ed-pub")}", "signature": "${fakeAccountKey("ed-sig")}"}`,
    path: "testdata/ed25519.json",
  },
  { name: "PEM certificate", text: `-----BEGIN CERTIFICATE-----\n${pemBody("pem")}\n-----END CERTIFICATE-----\n`, path: "certs/ca.pem" },
  { name: "SSH public key", text: `ssh-ed25519 ${sshEd25519Blob("ssh")} dev@example.com\n`, path: "authorized_keys" },
  {
    name: "JWT fixture",
    text: `const token = "${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url('{"sub":"1234567890","name":"Test"}')}.${Buffer.from(fakeSig("jwt"), "base64").toString("base64url")}";`,
    path: "test/auth.test.ts",
  },
  { name: "CSS data: URI", text: `.logo { background-image: url("data:image/png;base64,${fakeAccountKey("png")}"); }`, path: "styles.css" },
];

const truncated: NegativeCase[] = [
  { name: "sig=abc123", text: withSig("abc123") },
  { name: "sig=dGVzdA%3D%3D", text: withSig("dGVzdA%3D%3D") },
  { name: "AccountKey=dGVzdGtleQ==", text: "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=dGVzdGtleQ==;EndpointSuffix=core.windows.net" },
];

const noSas: NegativeCase[] = [
  { name: "Azure blob URL with no query", text: "https://acct.blob.core.windows.net/c/b.txt" },
  { name: "Azure URL with REST query parameters only", text: "https://acct.blob.core.windows.net/c?restype=container&comp=list" },
  { name: "SAS-shaped URL with no signature at all", text: `${SAS_PREFIX}` },
  {
    name: "prose naming the parameters",
    text: "A SAS carries `sv`, `sp`, `se` and `sig`; the sig parameter is the signature and se= is the expiry.",
    path: "docs/sas.md",
  },
  {
    name: "docs template with angle-bracket placeholders",
    text: "?sv=<version>&ss=<services>&srt=<types>&sp=<permissions>&se=<expiry>&spr=https&sig=<signature>",
    path: "docs/sas.md",
  },
  {
    name: "Service Bus connection string with no key",
    text: "Endpoint=sb://ns.servicebus.windows.net/;Authentication=Managed Identity",
    path: "appsettings.json",
  },
];

describe("negatives: nothing to report", () => {
  test.each([...placeholders, ...emulators, ...redacted, ...runTime, ...references, ...otherClouds, ...lookAlikes, ...truncated, ...noSas])("$name", (c) => {
    const findings = scan(c.text, { path: c.path });
    expect(findings.map((f) => `${f.kind}@${f.line}:${f.severity}`)).toEqual([]);
  });
});
