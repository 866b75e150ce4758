// Proof by real tokens: SAS tokens minted at run time by Microsoft's own SDKs (from fake account keys), embedded
// the ways they turn up in repositories, must each give exactly one finding whose parsed fields are exactly what the
// SDK was asked for. No signature or key is ever written in this file: the SDKs compute them from fakeAccountKey().
import fc from "fast-check";
import * as Blob from "@azure/storage-blob";
import * as Queue from "@azure/storage-queue";
import * as Share from "@azure/storage-file-share";
import * as Tables from "@azure/data-tables";
import { scanText, SEVERITIES } from "../../src/detect/index.js";
import type { DelegationKey, FindingKind, StorageService, TokenFields } from "../../src/detect/index.js";
import { fakeAccountKey, fakeSig } from "../support/fake-secrets.js";

const NOW = new Date("2026-01-15T12:00:00Z");
/** Runs per property; raise it for a deeper session: `FC_RUNS_SCALE=20 npm test -- test/detect/sdk-round-trip`. */
const NUM_RUNS = Math.round(100 * Number(process.env.FC_RUNS_SCALE ?? 1));

// ---------------------------------------------------------------------------------------------------------------
// What a minted token is, and what the engine must say about it

interface Minted {
  kind: FindingKind;
  /** The SAS query exactly as the SDK wrote it (no leading `?`). */
  query: string;
  /** Non-SAS query parameters a real URL carries before the SAS (`snapshot=…&`, `versionid=…&`). */
  urlPrefixParams?: string;
  account: string;
  host: string;
  service: StorageService;
  /** URL path, `/container/blob` or `/` for an account URL. */
  path: string;
  /** The signature as the SDK computed it (plain base64). */
  signature: string;
  /** Letters the SDK was given (any order); undefined when a stored policy supplies them. */
  permissions?: string;
  /** ss / srt the SDK was given (any order), account SAS only. */
  services?: string;
  resourceTypes?: string;
  /** Every other parsed field, as the contract spells it. Missing keys must be absent from the finding. */
  fields: Pick<
    TokenFields,
    "resource" | "start" | "expiry" | "protocol" | "ipRange" | "storedPolicy" | "version" | "encryptionScope" | "tableName" | "directoryDepth" | "delegation"
  >;
}

const FIELD_KEYS = [
  "resource",
  "start",
  "expiry",
  "protocol",
  "ipRange",
  "storedPolicy",
  "version",
  "encryptionScope",
  "tableName",
  "directoryDepth",
  "delegation",
] as const;

type Context = "url" | "query" | "query?" | "json" | "php-json" | "html" | "nested";
const CONTEXTS: Context[] = ["url", "query", "query?", "json", "php-json", "html", "nested"];

interface Placement {
  context: Context;
  before: string[];
  crlf: boolean;
}

const arbPlacement: fc.Arbitrary<Placement> = fc.record({
  context: fc.constantFrom(...CONTEXTS),
  before: fc.array(fc.constantFrom("# storage settings", "const x = 1;", "", "    indented: true", "<!-- docs -->"), {
    maxLength: 4,
  }),
  crlf: fc.boolean(),
});

interface Embedded {
  text: string;
  line: number;
  hasHost: boolean;
  /** The token as written on its line, and the 0-based offset where it starts on that line. */
  written: string;
  offset: number;
}

function embed(m: Minted, p: Placement): Embedded {
  const url = `https://${m.host}${m.path}?${m.urlPrefixParams ?? ""}${m.query}`;
  let prefix: string;
  let written: string;
  let suffix = "";
  switch (p.context) {
    case "url":
      prefix = "Download the data set: ";
      written = url;
      break;
    case "query":
      prefix = "AZURE_STORAGE_SAS_TOKEN=";
      written = m.query;
      break;
    case "query?":
      prefix = 'sas_token: "';
      written = `?${m.query}`;
      suffix = '"';
      break;
    case "json":
      prefix = '{"sasUrl": "';
      written = url.replaceAll("&", "\\u0026");
      suffix = '", "enabled": true}';
      break;
    case "php-json":
      prefix = '{"sasUrl":"';
      written = url.replaceAll("/", "\\/");
      suffix = '"}';
      break;
    case "nested":
      // the SAS URL percent-encoded inside another URL (a redirect target)
      prefix = "https://login.example.com/signin?redirect_uri=";
      written = encodeURIComponent(url);
      suffix = "&lang=en";
      break;
    case "html":
      prefix = '<a href="';
      written = url.replaceAll("&", "&amp;");
      suffix = '">download</a>';
      break;
  }
  const text = [...p.before, prefix + written + suffix, "end of file"].join(p.crlf ? "\r\n" : "\n");
  return {
    text,
    line: p.before.length + 1,
    hasHost: p.context !== "query" && p.context !== "query?",
    written,
    offset: prefix.length,
  };
}

const letterSet = (s: string | undefined): string[] => [...new Set(s ?? "")].sort();

function checkRoundTrip(m: Minted, p: Placement): void {
  const { text, line, hasHost, written, offset } = embed(m, p);
  const findings = scanText(text, { path: "fixtures/sample.txt", now: NOW });
  expect(findings.map((f) => f.kind)).toEqual([m.kind]);
  const f = findings[0]!;
  expect(f.line).toBe(line);
  // the token starts at its URL's scheme, or at its first parameter (a leading `?` may count as part of it)
  if (written.startsWith("?")) expect([offset + 1, offset + 2]).toContain(f.column);
  else expect(f.column).toBe(offset + 1);
  // (the end of a nested URL whose `sig` is not its last parameter has its own test below)
  if (p.context !== "nested" || /&sig=[^&]*$/.test(m.query)) expect(f.endColumn).toBe(offset + written.length + 1);
  expect(SEVERITIES).toContain(f.severity);
  expect(f.fingerprint).toMatch(/^sg1:[0-9a-f]{24}$/);
  expect(f.secret.reveal()).toBe(m.signature);

  const t = f.token;
  const picked: Record<string, unknown> = {};
  for (const k of FIELD_KEYS) picked[k] = t[k];
  expect(picked).toEqual(m.fields);

  const q = new URLSearchParams(m.query);
  // raw letters as written in the token; the SDK orders them canonically, so compare the SDK's input as a set
  expect(t.permissions).toBe(q.get("sp") ?? undefined);
  expect(letterSet(t.permissions)).toEqual(letterSet(m.permissions));
  expect(t.services).toBe(q.get("ss") ?? undefined);
  expect(letterSet(t.services)).toEqual(letterSet(m.services));
  expect(t.resourceTypes).toBe(q.get("srt") ?? undefined);
  expect(letterSet(t.resourceTypes)).toEqual(letterSet(m.resourceTypes));

  if (hasHost) {
    expect(t.account).toBe(m.account);
    expect(t.host).toBe(m.host);
    expect(t.service).toBe(m.service);
    // (whether an escaped path is reported decoded or as written is left open)
    if (m.path !== "/" && !m.path.includes("%")) expect(t.resourcePath).toBe(m.path);
  }
  // the signature, decoded or as written, must never leak into the redacted form or the JSON of the finding
  const sigAsWritten = /(?:^|&)sig=([^&]*)/.exec(m.query)![1]!;
  for (const s of [m.signature, sigAsWritten]) {
    expect(f.redacted).not.toContain(s);
    expect(JSON.stringify(f)).not.toContain(s);
  }
}

const property =
  <T>(arb: fc.Arbitrary<T>, mint: (v: T) => Minted) =>
  () =>
    fc.assert(
      fc.property(arb, arbPlacement, (v, p) => checkRoundTrip(mint(v), p)),
      { numRuns: NUM_RUNS },
    );

// ---------------------------------------------------------------------------------------------------------------
// Random parameters

/** Storage REST versions, oldest first. */
const VERSIONS = [
  "2015-04-05",
  "2015-07-08",
  "2016-05-31",
  "2017-04-17",
  "2017-07-29",
  "2017-11-09",
  "2018-03-28",
  "2018-11-09",
  "2019-02-02",
  "2019-07-07",
  "2019-10-10",
  "2019-12-12",
  "2020-02-10",
  "2020-04-08",
  "2020-06-12",
  "2020-08-04",
  "2020-10-02",
  "2020-12-06",
  "2021-02-12",
  "2021-04-10",
  "2021-06-08",
  "2021-08-06",
  "2021-10-04",
  "2021-12-02",
  "2022-11-02",
  "2023-01-03",
  "2023-05-03",
  "2023-08-03",
  "2023-11-03",
  "2024-02-04",
  "2024-05-04",
  "2024-08-04",
  "2024-11-04",
  "2025-01-05",
  "2025-05-05",
  "2025-07-05",
  "2025-11-05",
  "2026-02-06",
  "2026-04-06",
];
const arbVersion = (min = "2015-04-05") => fc.constantFrom(...VERSIONS.filter((v) => v >= min));

/** Whole seconds between 2000 and 2099: SAS times carry no milliseconds. */
const arbDate = fc.integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2099, 11, 31) / 1000 }).map((s) => new Date(s * 1000));
const arbOptDate = fc.option(arbDate, { nil: undefined });
const iso = (d: Date | undefined): string | undefined => d?.toISOString().replace(/\.\d{3}Z$/, "Z");

type Protocol = "https" | "https,http";
const arbProtocol = fc.option(fc.constantFrom<Protocol>("https", "https,http"), { nil: undefined });
const protocolField = (p: Protocol | undefined): string => p ?? "https,http";

interface IpRange {
  start: string;
  end?: string;
}
const arbIpRange: fc.Arbitrary<IpRange | undefined> = fc.option(
  fc.tuple(fc.ipV4(), fc.option(fc.ipV4(), { nil: undefined })).map(([start, end]) => (end ? { start, end } : { start })),
  { nil: undefined },
);
const ipField = (r: IpRange | undefined): string | undefined => (r ? (r.end ? `${r.start}-${r.end}` : r.start) : undefined);

const arbAccount = fc.stringMatching(/^[a-z][a-z0-9]{2,23}$/);
const arbSuffix = fc.constantFrom("core.windows.net", "core.chinacloudapi.cn", "core.usgovcloudapi.net");
const arbKeySeed = fc.nat().map((n) => `sdk-round-trip-${n}`);
const arbContainer = fc.stringMatching(/^[a-z0-9][a-z0-9-]{2,30}[a-z0-9]$/);
const arbSegment = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,15}$/);
/** Blob and file names are free text: spaces get escaped in the URL, ' ( ) ! * do not (encodeURIComponent). */
const arbNameSegment = fc.oneof(
  { weight: 3, arbitrary: arbSegment },
  // (an apostrophe not inside a word reads as a quote that ends a string in code; real names have it inside a word)
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_](?:[A-Za-z0-9._() !*-]|[A-Za-z0-9]'[A-Za-z0-9]){0,12}$/) },
);
const arbBlobName = fc.array(arbNameSegment, { minLength: 1, maxLength: 4 }).map((s) => s.join("/"));
/** A blob path as a URL carries it. */
const urlPath = (...parts: string[]) => `/${parts.join("/").split("/").map(encodeURIComponent).join("/")}`;
/** Stored access policy ids: up to 64 characters; spaces and `+` show the engine decodes the value, and ' ( ) ! *
 * are left unescaped by every SDK. */
const arbIdentifier = fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9 ._+:()!*-]|[A-Za-z0-9]'[A-Za-z0-9]){0,30}$/);
const arbOptIdentifier = fc.option(arbIdentifier, { nil: undefined });
const arbEncryptionScope = fc.option(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{2,20}$/), { nil: undefined });
const arbTableName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{2,40}$/);

/** A non-empty subset of `letters`, in random order (the SDK re-orders it canonically). */
const arbLetters = (letters: string) => fc.shuffledSubarray([...letters], { minLength: 1 }).map((a) => a.join(""));

/** Drops the letters an old version does not know (the SDK refuses them); keeps at least `r`. */
const gate = (letters: string, version: string, gates: Record<string, string>): string => {
  const kept = [...letters].filter((c) => !gates[c] || version >= gates[c]!).join("");
  return kept || "r";
};
const BLOB_GATES: Record<string, string> = {
  x: "2019-10-10",
  y: "2019-10-10",
  t: "2019-12-12",
  m: "2020-02-10",
  e: "2020-02-10",
  i: "2020-08-04",
  f: "2021-04-10",
};
const ACCOUNT_GATES: Record<string, string> = {
  i: "2020-08-04",
  x: "2019-10-10",
  y: "2019-10-10",
  t: "2019-12-12",
  f: "2019-12-12",
};

const host = (account: string, service: string, suffix: string) => `${account}.${service}.${suffix}`;

// ---------------------------------------------------------------------------------------------------------------
// @azure/storage-blob

describe("round trip: @azure/storage-blob", () => {
  it(
    "account SAS (generateAccountSASQueryParameters)",
    property(
      fc.record({
        account: arbAccount,
        suffix: arbSuffix,
        seed: arbKeySeed,
        version: arbVersion(),
        letters: arbLetters("rwdxlacuptfiy"),
        services: arbLetters("bfqt"),
        resourceTypes: arbLetters("sco"),
        start: arbOptDate,
        expiry: arbDate,
        protocol: arbProtocol,
        ip: arbIpRange,
        scope: arbEncryptionScope,
      }),
      (v) => {
        const permissions = gate(v.letters, v.version, ACCOUNT_GATES);
        const encryptionScope = v.version >= "2020-12-06" ? v.scope : undefined;
        const sas = Blob.generateAccountSASQueryParameters(
          {
            version: v.version,
            permissions: Blob.AccountSASPermissions.parse(permissions),
            services: v.services,
            resourceTypes: v.resourceTypes,
            startsOn: v.start,
            expiresOn: v.expiry,
            protocol: v.protocol as Blob.SASProtocol | undefined,
            ipRange: v.ip,
            encryptionScope,
          },
          new Blob.StorageSharedKeyCredential(v.account, fakeAccountKey(v.seed)),
        );
        return {
          kind: "account-sas",
          query: sas.toString(),
          account: v.account,
          host: host(v.account, "blob", v.suffix),
          service: "blob",
          path: "/",
          signature: sas.signature,
          permissions,
          services: v.services,
          resourceTypes: v.resourceTypes,
          fields: {
            start: iso(v.start),
            expiry: iso(v.expiry),
            protocol: protocolField(v.protocol),
            ipRange: ipField(v.ip),
            version: v.version,
            encryptionScope,
          },
        };
      },
    ),
  );

  type BlobVariant = "blob" | "container" | "snapshot" | "version";
  const blobServiceSas = (variant: BlobVariant, minVersion: string) =>
    property(
      fc.record({
        account: arbAccount,
        suffix: arbSuffix,
        seed: arbKeySeed,
        version: arbVersion(minVersion),
        container: arbContainer,
        blob: arbBlobName,
        letters: arbLetters(variant === "container" ? "racwdxltmeiyf" : "racwdxtmeiy"),
        start: arbOptDate,
        expiry: arbDate,
        protocol: arbProtocol,
        ip: arbIpRange,
        identifier: arbOptIdentifier,
        scope: arbEncryptionScope,
        stamp: arbDate,
        disposition: fc.option(fc.constant('attachment; filename="data.csv"'), { nil: undefined }),
        contentType: fc.option(fc.constant("text/csv"), { nil: undefined }),
      }),
      (v) => {
        const permissions = gate(v.letters, v.version, BLOB_GATES);
        const encryptionScope = v.version >= "2020-12-06" ? v.scope : undefined;
        // snapshot and version ids are timestamps with 7 fractional digits
        const stamp = v.stamp.toISOString().replace(/\.(\d{3})Z$/, ".$11234Z");
        const sas = Blob.generateBlobSASQueryParameters(
          {
            version: v.version,
            containerName: v.container,
            blobName: variant === "container" ? undefined : v.blob,
            snapshotTime: variant === "snapshot" ? stamp : undefined,
            versionId: variant === "version" ? stamp : undefined,
            permissions: variant === "container" ? Blob.ContainerSASPermissions.parse(permissions) : Blob.BlobSASPermissions.parse(permissions),
            startsOn: v.start,
            expiresOn: v.expiry,
            protocol: v.protocol as Blob.SASProtocol | undefined,
            ipRange: v.ip,
            identifier: v.identifier,
            encryptionScope,
            contentDisposition: v.disposition,
            contentType: v.contentType,
          },
          new Blob.StorageSharedKeyCredential(v.account, fakeAccountKey(v.seed)),
        );
        const resource = { blob: "b", container: "c", snapshot: "bs", version: "bv" }[variant];
        return {
          kind: "service-sas",
          query: sas.toString(),
          urlPrefixParams:
            variant === "snapshot" ? `snapshot=${encodeURIComponent(stamp)}&` : variant === "version" ? `versionid=${encodeURIComponent(stamp)}&` : undefined,
          account: v.account,
          host: host(v.account, "blob", v.suffix),
          service: "blob",
          path: variant === "container" ? urlPath(v.container) : urlPath(v.container, v.blob),
          signature: sas.signature,
          permissions,
          fields: {
            resource,
            start: iso(v.start),
            expiry: iso(v.expiry),
            protocol: protocolField(v.protocol),
            ipRange: ipField(v.ip),
            storedPolicy: v.identifier,
            version: v.version,
            encryptionScope,
          },
        };
      },
    );

  it("service SAS for a blob (sr=b)", blobServiceSas("blob", "2015-04-05"));
  it("service SAS for a container (sr=c)", blobServiceSas("container", "2015-04-05"));
  it("service SAS for a blob snapshot (sr=bs)", blobServiceSas("snapshot", "2018-11-09"));
  it("service SAS for a blob version (sr=bv)", blobServiceSas("version", "2019-10-10"));

  it(
    "service SAS bound to a stored access policy (si=, sp and se possibly absent)",
    property(
      fc.record({
        account: arbAccount,
        suffix: arbSuffix,
        seed: arbKeySeed,
        version: arbVersion("2018-11-09"),
        container: arbContainer,
        blob: fc.option(arbBlobName, { nil: undefined }),
        identifier: arbIdentifier,
        letters: fc.option(arbLetters("rl"), { nil: undefined }),
        start: arbOptDate,
        expiry: fc.option(arbDate, { nil: undefined }),
        protocol: arbProtocol,
      }),
      (v) => {
        const perms = v.letters && v.blob ? v.letters.replace("l", "") || "r" : v.letters;
        const sas = Blob.generateBlobSASQueryParameters(
          {
            version: v.version,
            containerName: v.container,
            blobName: v.blob,
            identifier: v.identifier,
            permissions: perms === undefined ? undefined : v.blob ? Blob.BlobSASPermissions.parse(perms) : Blob.ContainerSASPermissions.parse(perms),
            startsOn: v.start,
            expiresOn: v.expiry,
            protocol: v.protocol as Blob.SASProtocol | undefined,
          },
          new Blob.StorageSharedKeyCredential(v.account, fakeAccountKey(v.seed)),
        );
        return {
          kind: "service-sas",
          query: sas.toString(),
          account: v.account,
          host: host(v.account, "blob", v.suffix),
          service: "blob",
          path: v.blob ? urlPath(v.container, v.blob) : urlPath(v.container),
          signature: sas.signature,
          permissions: perms,
          fields: {
            resource: v.blob ? "b" : "c",
            start: iso(v.start),
            expiry: iso(v.expiry),
            protocol: protocolField(v.protocol),
            storedPolicy: v.identifier,
            version: v.version,
          },
        };
      },
    ),
  );

  it(
    "user delegation SAS (hand-made UserDelegationKey) for a blob or a container",
    property(
      fc.record({
        account: arbAccount,
        suffix: arbSuffix,
        version: arbVersion("2018-11-09"),
        keyVersion: arbVersion("2018-11-09"),
        container: arbContainer,
        blob: fc.option(arbBlobName, { nil: undefined }),
        letters: arbLetters("racwdxltmeiy"),
        start: arbOptDate,
        expiry: arbDate,
        keyStart: arbDate,
        keyExpiry: arbDate,
        protocol: arbProtocol,
        ip: arbIpRange,
        objectId: fc.uuid(),
        tenantId: fc.uuid(),
        keySeed: arbKeySeed,
        agent: fc.option(fc.uuid(), { nil: undefined }),
        correlation: fc.option(fc.uuid(), { nil: undefined }),
      }),
      (v) => {
        const letters = v.blob ? v.letters.replace("l", "") || "r" : v.letters;
        const permissions = gate(letters, v.version, BLOB_GATES);
        const extras = v.version >= "2020-02-10";
        const key: Blob.UserDelegationKey = {
          signedObjectId: v.objectId,
          signedTenantId: v.tenantId,
          signedStartsOn: v.keyStart,
          signedExpiresOn: v.keyExpiry,
          signedService: "b",
          signedVersion: v.keyVersion,
          value: fakeSig(v.keySeed),
        };
        const sas = Blob.generateBlobSASQueryParameters(
          {
            version: v.version,
            containerName: v.container,
            blobName: v.blob,
            permissions: v.blob ? Blob.BlobSASPermissions.parse(permissions) : Blob.ContainerSASPermissions.parse(permissions),
            startsOn: v.start,
            expiresOn: v.expiry,
            protocol: v.protocol as Blob.SASProtocol | undefined,
            ipRange: v.ip,
            preauthorizedAgentObjectId: extras ? v.agent : undefined,
            correlationId: extras ? v.correlation : undefined,
          },
          key,
          v.account,
        );
        const delegation: DelegationKey = {
          objectId: v.objectId,
          tenantId: v.tenantId,
          keyStart: iso(v.keyStart),
          keyExpiry: iso(v.keyExpiry),
          keyService: "b",
          keyVersion: v.keyVersion,
        };
        return {
          kind: "user-delegation-sas",
          query: sas.toString(),
          account: v.account,
          host: host(v.account, "blob", v.suffix),
          service: "blob",
          path: v.blob ? urlPath(v.container, v.blob) : urlPath(v.container),
          signature: sas.signature,
          permissions,
          fields: {
            resource: v.blob ? "b" : "c",
            start: iso(v.start),
            expiry: iso(v.expiry),
            protocol: protocolField(v.protocol),
            ipRange: ipField(v.ip),
            version: v.version,
            delegation,
          },
        };
      },
    ),
  );

  // @azure/storage-blob cannot mint sr=d (only @azure/storage-file-datalake can, and its current release needs
  // Node >= 22). So the directory SAS is assembled here: the SDK's own credential computes the HMAC over the
  // documented service-SAS string-to-sign, and the query carries the fields in the datalake SDK's order.
  it(
    "service SAS for an ADLS Gen2 directory (sr=d, sdd), signed by the SDK credential",
    property(
      fc.record({
        account: arbAccount,
        suffix: arbSuffix,
        seed: arbKeySeed,
        version: arbVersion("2020-02-10"),
        fileSystem: arbContainer,
        dir: fc.array(arbSegment, { minLength: 1, maxLength: 5 }),
        letters: arbLetters("racwdlmeop"),
        start: arbOptDate,
        expiry: arbDate,
        protocol: arbProtocol,
        ip: arbIpRange,
        identifier: arbOptIdentifier,
      }),
      (v) => {
        const cred = new Blob.StorageSharedKeyCredential(v.account, fakeAccountKey(v.seed));
        const dirPath = v.dir.join("/");
        const st = iso(v.start) ?? "";
        const se = iso(v.expiry)!;
        const sip = ipField(v.ip) ?? "";
        const stringToSign = [
          v.letters,
          st,
          se,
          `/blob/${v.account}/${v.fileSystem}/${dirPath}`,
          v.identifier ?? "",
          sip,
          v.protocol ?? "",
          v.version,
          "d",
          "",
          ...(v.version >= "2020-12-06" ? [""] : []),
          "",
          "",
          "",
          "",
          "",
        ].join("\n");
        const signature = cred.computeHMACSHA256(stringToSign);
        const params: [string, string | undefined][] = [
          ["sv", v.version],
          ["spr", v.protocol],
          ["st", st || undefined],
          ["se", se],
          ["sip", sip || undefined],
          ["si", v.identifier],
          ["sr", "d"],
          ["sp", v.letters],
          ["sdd", String(v.dir.length)],
          ["sig", signature],
        ];
        const query = params
          .filter((e): e is [string, string] => e[1] !== undefined)
          .map(([k, val]) => `${k}=${encodeURIComponent(val)}`)
          .join("&");
        return {
          kind: "service-sas",
          query,
          account: v.account,
          host: host(v.account, "dfs", v.suffix),
          service: "dfs",
          path: `/${v.fileSystem}/${dirPath}`,
          signature,
          permissions: v.letters,
          fields: {
            resource: "d",
            start: iso(v.start),
            expiry: se,
            protocol: protocolField(v.protocol),
            ipRange: ipField(v.ip),
            storedPolicy: v.identifier,
            version: v.version,
            directoryDepth: String(v.dir.length),
          },
        };
      },
    ),
  );
});

// ---------------------------------------------------------------------------------------------------------------
// @azure/storage-queue

describe("round trip: @azure/storage-queue", () => {
  it(
    "queue service SAS (no sr: the path names the queue)",
    property(
      fc.record({
        account: arbAccount,
        suffix: arbSuffix,
        seed: arbKeySeed,
        version: arbVersion(),
        queue: arbContainer,
        letters: arbLetters("raup"),
        start: arbOptDate,
        expiry: arbDate,
        protocol: arbProtocol,
        ip: arbIpRange,
        identifier: arbOptIdentifier,
      }),
      (v) => {
        const sas = Queue.generateQueueSASQueryParameters(
          {
            version: v.version,
            queueName: v.queue,
            permissions: Queue.QueueSASPermissions.parse(v.letters),
            startsOn: v.start,
            expiresOn: v.expiry,
            protocol: v.protocol as Queue.SASProtocol | undefined,
            ipRange: v.ip,
            identifier: v.identifier,
          },
          new Queue.StorageSharedKeyCredential(v.account, fakeAccountKey(v.seed)),
        );
        return {
          kind: "service-sas",
          query: sas.toString(),
          account: v.account,
          host: host(v.account, "queue", v.suffix),
          service: "queue",
          path: `/${v.queue}`,
          signature: sas.signature,
          permissions: v.letters,
          fields: {
            start: iso(v.start),
            expiry: iso(v.expiry),
            protocol: protocolField(v.protocol),
            ipRange: ipField(v.ip),
            storedPolicy: v.identifier,
            version: v.version,
          },
        };
      },
    ),
  );

  it(
    "queue user delegation SAS (sr=q, version >= 2025-07-05; sig is not last)",
    property(
      fc.record({
        account: arbAccount,
        suffix: arbSuffix,
        version: arbVersion("2025-07-05"),
        queue: arbContainer,
        letters: arbLetters("raup"),
        start: arbOptDate,
        expiry: arbDate,
        keyStart: arbDate,
        keyExpiry: arbDate,
        protocol: arbProtocol,
        ip: arbIpRange,
        objectId: fc.uuid(),
        tenantId: fc.uuid(),
        keySeed: arbKeySeed,
      }),
      (v) => {
        const sas = Queue.generateQueueSASQueryParameters(
          {
            version: v.version,
            queueName: v.queue,
            permissions: Queue.QueueSASPermissions.parse(v.letters),
            startsOn: v.start,
            expiresOn: v.expiry,
            protocol: v.protocol as Queue.SASProtocol | undefined,
            ipRange: v.ip,
          },
          {
            signedObjectId: v.objectId,
            signedTenantId: v.tenantId,
            signedStartsOn: v.keyStart,
            signedExpiresOn: v.keyExpiry,
            signedService: "q",
            signedVersion: v.version,
            value: fakeSig(v.keySeed),
          },
          v.account,
        );
        return {
          kind: "user-delegation-sas",
          query: sas.toString(),
          account: v.account,
          host: host(v.account, "queue", v.suffix),
          service: "queue",
          path: `/${v.queue}`,
          signature: sas.signature,
          permissions: v.letters,
          fields: {
            resource: "q",
            start: iso(v.start),
            expiry: iso(v.expiry),
            protocol: protocolField(v.protocol),
            ipRange: ipField(v.ip),
            version: v.version,
            delegation: {
              objectId: v.objectId,
              tenantId: v.tenantId,
              keyStart: iso(v.keyStart),
              keyExpiry: iso(v.keyExpiry),
              keyService: "q",
              keyVersion: v.version,
            },
          },
        };
      },
    ),
  );

  it(
    "account SAS (queue SDK)",
    property(
      fc.record({
        account: arbAccount,
        suffix: arbSuffix,
        seed: arbKeySeed,
        version: arbVersion(),
        letters: arbLetters("rwdlacup"),
        services: arbLetters("bfqt"),
        resourceTypes: arbLetters("sco"),
        start: arbOptDate,
        expiry: arbDate,
        protocol: arbProtocol,
        ip: arbIpRange,
      }),
      (v) => {
        const sas = Queue.generateAccountSASQueryParameters(
          {
            version: v.version,
            permissions: Queue.AccountSASPermissions.parse(v.letters),
            services: v.services,
            resourceTypes: v.resourceTypes,
            startsOn: v.start,
            expiresOn: v.expiry,
            protocol: v.protocol as Queue.SASProtocol | undefined,
            ipRange: v.ip,
          },
          new Queue.StorageSharedKeyCredential(v.account, fakeAccountKey(v.seed)),
        );
        return {
          kind: "account-sas",
          query: sas.toString(),
          account: v.account,
          host: host(v.account, "queue", v.suffix),
          service: "queue",
          path: "/",
          signature: sas.signature,
          permissions: v.letters,
          services: v.services,
          resourceTypes: v.resourceTypes,
          fields: {
            start: iso(v.start),
            expiry: iso(v.expiry),
            protocol: protocolField(v.protocol),
            ipRange: ipField(v.ip),
            version: v.version,
          },
        };
      },
    ),
  );
});

// ---------------------------------------------------------------------------------------------------------------
// @azure/storage-file-share

describe("round trip: @azure/storage-file-share", () => {
  const fileSas = (variant: "file" | "share") =>
    property(
      fc.record({
        account: arbAccount,
        suffix: arbSuffix,
        seed: arbKeySeed,
        version: arbVersion(),
        share: arbContainer,
        file: arbBlobName,
        letters: arbLetters(variant === "share" ? "rcwdl" : "rcwd"),
        start: arbOptDate,
        expiry: arbDate,
        protocol: arbProtocol,
        ip: arbIpRange,
        identifier: arbOptIdentifier,
        disposition: fc.option(fc.constant("inline"), { nil: undefined }),
      }),
      (v) => {
        const sas = Share.generateFileSASQueryParameters(
          {
            version: v.version,
            shareName: v.share,
            filePath: variant === "file" ? v.file : undefined,
            permissions: variant === "file" ? Share.FileSASPermissions.parse(v.letters) : Share.ShareSASPermissions.parse(v.letters),
            startsOn: v.start,
            expiresOn: v.expiry,
            protocol: v.protocol as Share.SASProtocol | undefined,
            ipRange: v.ip,
            identifier: v.identifier,
            contentDisposition: v.disposition,
          },
          new Share.StorageSharedKeyCredential(v.account, fakeAccountKey(v.seed)),
        );
        return {
          kind: "service-sas",
          query: sas.toString(),
          account: v.account,
          host: host(v.account, "file", v.suffix),
          service: "file",
          path: variant === "file" ? urlPath(v.share, v.file) : urlPath(v.share),
          signature: sas.signature,
          permissions: v.letters,
          fields: {
            resource: variant === "file" ? "f" : "s",
            start: iso(v.start),
            expiry: iso(v.expiry),
            protocol: protocolField(v.protocol),
            ipRange: ipField(v.ip),
            storedPolicy: v.identifier,
            version: v.version,
          },
        };
      },
    );

  it("file SAS (sr=f)", fileSas("file"));
  it("share SAS (sr=s)", fileSas("share"));

  it(
    "share user delegation SAS (version >= 2025-07-05)",
    property(
      fc.record({
        account: arbAccount,
        suffix: arbSuffix,
        version: arbVersion("2025-07-05"),
        share: arbContainer,
        letters: arbLetters("rcwdl"),
        start: arbOptDate,
        expiry: arbDate,
        keyStart: arbDate,
        keyExpiry: arbDate,
        protocol: arbProtocol,
        objectId: fc.uuid(),
        tenantId: fc.uuid(),
        keySeed: arbKeySeed,
      }),
      (v) => {
        const sas = Share.generateFileSASQueryParameters(
          {
            version: v.version,
            shareName: v.share,
            permissions: Share.ShareSASPermissions.parse(v.letters),
            startsOn: v.start,
            expiresOn: v.expiry,
            protocol: v.protocol as Share.SASProtocol | undefined,
          },
          {
            signedObjectId: v.objectId,
            signedTenantId: v.tenantId,
            signedStartsOn: v.keyStart,
            signedExpiresOn: v.keyExpiry,
            signedService: "f",
            signedVersion: v.version,
            value: fakeSig(v.keySeed),
          },
          v.account,
        );
        return {
          kind: "user-delegation-sas",
          query: sas.toString(),
          account: v.account,
          host: host(v.account, "file", v.suffix),
          service: "file",
          path: `/${v.share}`,
          signature: sas.signature,
          permissions: v.letters,
          fields: {
            resource: "s",
            start: iso(v.start),
            expiry: iso(v.expiry),
            protocol: protocolField(v.protocol),
            version: v.version,
            delegation: {
              objectId: v.objectId,
              tenantId: v.tenantId,
              keyStart: iso(v.keyStart),
              keyExpiry: iso(v.keyExpiry),
              keyService: "f",
              keyVersion: v.version,
            },
          },
        };
      },
    ),
  );

  it(
    "account SAS (file-share SDK)",
    property(
      fc.record({
        account: arbAccount,
        suffix: arbSuffix,
        seed: arbKeySeed,
        version: arbVersion(),
        letters: arbLetters("rwdlacup"),
        services: arbLetters("bfqt"),
        resourceTypes: arbLetters("sco"),
        start: arbOptDate,
        expiry: arbDate,
        protocol: arbProtocol,
        ip: arbIpRange,
      }),
      (v) => {
        const sas = Share.generateAccountSASQueryParameters(
          {
            version: v.version,
            permissions: Share.AccountSASPermissions.parse(v.letters),
            services: v.services,
            resourceTypes: v.resourceTypes,
            startsOn: v.start,
            expiresOn: v.expiry,
            protocol: v.protocol as Share.SASProtocol | undefined,
            ipRange: v.ip,
          },
          new Share.StorageSharedKeyCredential(v.account, fakeAccountKey(v.seed)),
        );
        return {
          kind: "account-sas",
          query: sas.toString(),
          account: v.account,
          host: host(v.account, "file", v.suffix),
          service: "file",
          path: "/",
          signature: sas.signature,
          permissions: v.letters,
          services: v.services,
          resourceTypes: v.resourceTypes,
          fields: {
            start: iso(v.start),
            expiry: iso(v.expiry),
            protocol: protocolField(v.protocol),
            ipRange: ipField(v.ip),
            version: v.version,
          },
        };
      },
    ),
  );
});

// ---------------------------------------------------------------------------------------------------------------
// @azure/data-tables

const sigOf = (query: string): string => new URLSearchParams(query).get("sig")!;

describe("round trip: @azure/data-tables", () => {
  it(
    "table SAS (generateTableSas: tn, optional partition/row key range, optional si)",
    property(
      fc.record({
        account: arbAccount,
        suffix: arbSuffix,
        seed: arbKeySeed,
        version: fc.option(arbVersion(), { nil: undefined }),
        table: arbTableName,
        letters: arbLetters("raud"),
        start: arbOptDate,
        expiry: arbDate,
        protocol: arbProtocol,
        ip: arbIpRange,
        identifier: arbOptIdentifier,
        spk: fc.option(arbSegment, { nil: undefined }),
        epk: fc.option(arbSegment, { nil: undefined }),
        srk: fc.option(arbSegment, { nil: undefined }),
        erk: fc.option(arbSegment, { nil: undefined }),
      }),
      (v) => {
        const query = Tables.generateTableSas(v.table, new Tables.AzureNamedKeyCredential(v.account, fakeAccountKey(v.seed)), {
          version: v.version,
          permissions: { query: v.letters.includes("r"), add: v.letters.includes("a"), update: v.letters.includes("u"), delete: v.letters.includes("d") },
          startsOn: v.start,
          expiresOn: v.expiry,
          protocol: v.protocol,
          ipRange: v.ip,
          identifier: v.identifier,
          startPartitionKey: v.spk,
          endPartitionKey: v.epk,
          startRowKey: v.srk,
          endRowKey: v.erk,
        });
        return {
          kind: "service-sas",
          query,
          account: v.account,
          host: host(v.account, "table", v.suffix),
          service: "table",
          path: `/${v.table}`,
          signature: sigOf(query),
          permissions: v.letters,
          fields: {
            start: iso(v.start),
            expiry: iso(v.expiry),
            protocol: protocolField(v.protocol),
            ipRange: ipField(v.ip),
            storedPolicy: v.identifier,
            version: new URLSearchParams(query).get("sv")!,
            tableName: v.table,
          },
        };
      },
    ),
  );

  it(
    "account SAS (generateAccountSas with AzureNamedKeyCredential)",
    property(
      fc.record({
        account: arbAccount,
        suffix: arbSuffix,
        seed: arbKeySeed,
        version: fc.option(arbVersion(), { nil: undefined }),
        letters: arbLetters("rwdlau"),
        services: arbLetters("bfqt"),
        resourceTypes: arbLetters("sco"),
        start: arbOptDate,
        expiry: arbDate,
        protocol: arbProtocol,
        ip: arbIpRange,
      }),
      (v) => {
        const has = (s: string, c: string) => s.includes(c);
        const query = Tables.generateAccountSas(new Tables.AzureNamedKeyCredential(v.account, fakeAccountKey(v.seed)), {
          version: v.version,
          permissions: {
            query: has(v.letters, "r"),
            write: has(v.letters, "w"),
            delete: has(v.letters, "d"),
            list: has(v.letters, "l"),
            add: has(v.letters, "a"),
            update: has(v.letters, "u"),
          },
          services: { blob: has(v.services, "b"), file: has(v.services, "f"), queue: has(v.services, "q"), table: has(v.services, "t") },
          resourceTypes: v.resourceTypes,
          startsOn: v.start,
          expiresOn: v.expiry,
          protocol: v.protocol,
          ipRange: v.ip,
        });
        return {
          kind: "account-sas",
          query,
          account: v.account,
          host: host(v.account, "table", v.suffix),
          service: "table",
          path: "/",
          signature: sigOf(query),
          permissions: v.letters,
          services: v.services,
          resourceTypes: v.resourceTypes,
          fields: {
            start: iso(v.start),
            expiry: iso(v.expiry),
            protocol: protocolField(v.protocol),
            ipRange: ipField(v.ip),
            version: new URLSearchParams(query).get("sv")!,
          },
        };
      },
    ),
  );
});

// ---------------------------------------------------------------------------------------------------------------
// Edge cases the SDKs really emit, each on its own so that a failure names one cause

describe("round trip: edge cases", () => {
  const cred = () => new Blob.StorageSharedKeyCredential("contoso", fakeAccountKey("edge-cases"));
  const blobSas = (values: Partial<Blob.BlobSASSignatureValues>, credential = cred()) =>
    Blob.generateBlobSASQueryParameters(
      {
        version: "2024-11-04",
        containerName: "reports",
        blobName: "q3.csv",
        permissions: Blob.BlobSASPermissions.parse("r"),
        expiresOn: new Date("2030-01-01T00:00:00Z"),
        ...values,
      },
      credential,
    );
  const scan = (text: string) => scanText(text, { path: "fixtures/sample.txt", now: NOW });

  it("a bare query assigned to a variable (`NAME=sv=…`) starts at its first parameter, not at the variable", () => {
    const q = blobSas({}).toString();
    for (const prefix of ["AZURE_STORAGE_SAS_TOKEN=", "export SAS=", "sas_token = ", "--sas-token="]) {
      const findings = scan(`${prefix}${q}`);
      expect(findings).toHaveLength(1);
      expect({ prefix, column: findings[0]!.column, endColumn: findings[0]!.endColumn }).toEqual({
        prefix,
        column: prefix.length + 1,
        endColumn: prefix.length + q.length + 1,
      });
    }
  });

  it("a SAS URL percent-encoded inside another URL: columns span the inner URL only", () => {
    const inner = `https://contoso.blob.core.windows.net/reports/q3.csv?${blobSas({}).toString()}`;
    const prefix = "https://login.example.com/signin?redirect_uri=";
    const written = encodeURIComponent(inner);
    const findings = scan(`${prefix}${written}&lang=en`);
    expect(findings.map((f) => f.kind)).toEqual(["service-sas"]);
    expect(findings[0]!.token.account).toBe("contoso");
    expect({ column: findings[0]!.column, endColumn: findings[0]!.endColumn }).toEqual({
      column: prefix.length + 1,
      endColumn: prefix.length + written.length + 1,
    });
  });

  it("a SAS URL percent-encoded inside another URL, with parameters after `sig` (table SAS): end column", () => {
    const query = Tables.generateTableSas("Orders", new Tables.AzureNamedKeyCredential("contoso", fakeAccountKey("edge-cases")), {
      permissions: { query: true },
      expiresOn: new Date("2030-01-01T00:00:00Z"),
    });
    expect(query).toMatch(/&sig=[^&]+&tn=Orders$/); // guard: sig is not last
    const inner = `https://contoso.table.core.windows.net/Orders?${query}`;
    const prefix = "https://login.example.com/signin?redirect_uri=";
    const written = encodeURIComponent(inner);
    const findings = scan(`${prefix}${written}&lang=en`);
    expect(findings.map((f) => f.kind)).toEqual(["service-sas"]);
    expect(findings[0]!.token.tableName).toBe("Orders");
    expect({ column: findings[0]!.column, endColumn: findings[0]!.endColumn }).toEqual({
      column: prefix.length + 1,
      endColumn: prefix.length + written.length + 1,
    });
  });

  // encodeURIComponent (and so every SDK) leaves ' ( ) ! * unescaped
  it.each(["bob's policy", "read-only (2024)", "policy!", "policy*1"])(
    "a stored access policy id with characters the SDK leaves unescaped: %j",
    (identifier) => {
      const sas = blobSas({ identifier, permissions: undefined, expiresOn: undefined });
      const url = `https://contoso.blob.core.windows.net/reports/q3.csv?${sas.toString()}`;
      const findings = scan(`Download: ${url}`);
      expect(findings.map((f) => f.kind)).toEqual(["service-sas"]);
      expect(findings[0]!.token).toMatchObject({ storedPolicy: identifier, version: "2024-11-04", account: "contoso" });
      expect(findings[0]!.secret.reveal()).toBe(sas.signature);
    },
  );

  // Blob names are free text; a URL builder escapes spaces but leaves ' ( ) ! *, e.g. "Copy (2).xlsx"
  it.each(["Copy (2).xlsx", "bob's notes.txt", "final!.pdf", "a b/c (d)/e.csv"])("a blob path with characters left unescaped in the URL: %j", (blobName) => {
    const sas = blobSas({ blobName });
    const path = `/reports/${blobName.split("/").map(encodeURIComponent).join("/")}`;
    const url = `https://contoso.blob.core.windows.net${path}?${sas.toString()}`;
    const prefix = "Download: ";
    const findings = scan(`${prefix}${url}`);
    expect(findings.map((f) => f.kind)).toEqual(["service-sas"]);
    expect(findings[0]!.token).toMatchObject({ account: "contoso", host: "contoso.blob.core.windows.net", resource: "b" });
    expect({ column: findings[0]!.column, endColumn: findings[0]!.endColumn }).toEqual({
      column: prefix.length + 1,
      endColumn: prefix.length + url.length + 1,
    });
  });

  // A real signature is random base64: about 1 in 12,000 contains "your" or "xxxx" in some letter case. Seeds found
  // offline; the guard below proves the SDK minted such a signature.
  it.each([
    [612, /xxxx/i],
    [14638, /your/i],
  ])("an SDK-minted signature that happens to contain a placeholder-like word (key seed %i)", (seed, word) => {
    const sas = blobSas({}, new Blob.StorageSharedKeyCredential("contoso", fakeAccountKey(`placeholder-word-${seed}`)));
    expect(sas.signature).toMatch(word); // guard: the fixture is what it claims
    const findings = scan(`https://contoso.blob.core.windows.net/reports/q3.csv?${sas.toString()}`);
    expect(findings.map((f) => f.kind)).toEqual(["service-sas"]);
    expect(findings[0]!.secret.reveal()).toBe(sas.signature);
  });

  it("an account key that happens to contain a placeholder-like word is still a key", () => {
    const key = fakeAccountKey("placeholder-key-12137");
    expect(key).toMatch(/your/i); // guard
    const findings = scan(`DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=${key};EndpointSuffix=core.windows.net`);
    expect(findings.map((f) => f.kind)).toEqual(["connection-string"]);
    expect(findings[0]!.secret.reveal()).toBe(key);
  });
});
