// Chooses the one request that can tell whether a credential works without touching data.
//
// Get Account Information (`GET /?restype=account&comp=properties`, Blob service, version 2018-03-28 and later)
// returns only the SKU name and account kind. Its documentation says the request may be authorized with Shared Key or
// with a SAS, and shows it addressed at the account, at a container or at a blob with "a valid SAS token"
// (https://learn.microsoft.com/rest/api/storageservices/get-account-information). So it is asked of the very
// resource a Blob/ADLS SAS was signed for (its canonical resource must match the URL) and of the account root for
// an account SAS or an account key. Whatever the answer, no blob, container listing or message is read or changed.
//
// An account SAS without the Blob service (`ss` lacks `b`) is checked with Get Service Properties of a service it
// names: service configuration only, never data. Queue, table and file service SAS are not checked: the metadata
// calls they could make need a resource name and permission the token may not carry, so an answer would not be
// conclusive. Service Bus credentials are not storage credentials: not checked.
import type { Finding, StorageService } from "../detect/types.js";
import { defaultPort, isAzureStorageHost, type Endpoint } from "./endpoint-policy.js";
import { sasUrlBase } from "./sas-query.js";

export interface ProbePlan {
  endpoint: Endpoint;
  /** URI path as sent (percent-encoded), from "/". */
  path: string;
  /** Non-secret query parameters; the SAS, if any, is appended when the request is sent. */
  query: [string, string][];
  auth: { kind: "sas" } | { kind: "shared-key"; account: string };
  /** The REST operation, for the words of the result. */
  operation: string;
  /** The request addresses the account itself (not a container or blob): a "not found" answer is about the account. */
  atAccountRoot: boolean;
}

export type PlanResult = { plan: ProbePlan } | { skip: string };

const ACCOUNT_INFO: [string, string][] = [
  ["restype", "account"],
  ["comp", "properties"],
];
const SERVICE_PROPERTIES: [string, string][] = [
  ["restype", "service"],
  ["comp", "properties"],
];
const SERVICE_NAME: Record<string, string> = { f: "file", q: "queue", t: "table" };
const HOST_PARTS = /^([a-z0-9]{3,24}(?:-secondary)?)\.(blob|file|queue|table|dfs)\.(core\..+)$/;

/** The same account's endpoint for another service (`acct.dfs…` → `acct.blob…`). */
function forService(e: Endpoint, service: string): Endpoint {
  const m = HOST_PARTS.exec(e.host);
  return m ? { ...e, host: `${m[1]}.${service}.${m[3]}` } : e;
}

function endpointOf(base: URL): Endpoint | undefined {
  const host = base.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  // Azure Storage is always asked over HTTPS on 443, whatever scheme the file wrote (a token that allows HTTP allows HTTPS).
  if (isAzureStorageHost(host)) return { scheme: "https", host, port: 443 };
  const scheme = base.protocol === "http:" ? "http" : base.protocol === "https:" ? "https" : undefined;
  if (!scheme) return undefined;
  return { scheme, host, port: base.port ? Number(base.port) : defaultPort(scheme) };
}

function parseBase(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** Emulators and IP endpoints address the account in the path (`/devstoreaccount1/…`): the account root is there. */
function accountRoot(e: Endpoint, path: string, account: string | undefined): string {
  if (isAzureStorageHost(e.host) || !account) return "/";
  return path.split("/")[1] === account ? `/${account}/` : "/";
}

function planSas(f: Finding): PlanResult {
  const base = sasUrlBase(f.redacted) ?? (f.token.host ? parseBase(`https://${f.token.host}/`) : undefined);
  const endpoint = base && endpointOf(base);
  if (!base || !endpoint) return { skip: "the token names no storage endpoint, so there is nothing to ask" };
  const path = sasUrlBase(f.redacted) ? base.pathname : "/";
  const service: StorageService | undefined = f.token.service ?? (HOST_PARTS.exec(endpoint.host)?.[2] as StorageService | undefined);

  if (f.kind === "account-sas") {
    const services = f.token.services ?? "b";
    const root = accountRoot(endpoint, path, f.token.account);
    if (services.includes("b"))
      return {
        plan: {
          endpoint: forService(endpoint, "blob"),
          path: root,
          query: ACCOUNT_INFO,
          auth: { kind: "sas" },
          operation: "Get Account Information",
          atAccountRoot: true,
        },
      };
    const other = [...services].map((s) => SERVICE_NAME[s]).find(Boolean);
    if (!other) return { skip: `the account SAS names no service SAS Guard can ask (ss=${services})` };
    return {
      plan: {
        endpoint: forService(endpoint, other),
        path: root,
        query: SERVICE_PROPERTIES,
        auth: { kind: "sas" },
        operation: `Get ${other[0].toUpperCase()}${other.slice(1)} Service Properties`,
        atAccountRoot: true,
      },
    };
  }
  if (service && service !== "blob" && service !== "dfs") {
    return { skip: `SAS Guard verifies Blob and ADLS service SAS only; a ${service} service SAS is not checked` };
  }
  const root = accountRoot(endpoint, path, f.token.account);
  if (!sasUrlBase(f.redacted) || path === root || path === root.replace(/\/$/, "")) {
    return { skip: "the URL path the SAS was signed for is not in the file, so it cannot be checked without guessing" };
  }
  return {
    plan: {
      endpoint: forService(endpoint, "blob"),
      path,
      query: ACCOUNT_INFO,
      auth: { kind: "sas" },
      operation: "Get Account Information",
      atAccountRoot: false,
    },
  };
}

function planKey(f: Finding): PlanResult {
  const account = f.token.account;
  if (!account) return { skip: "no account name is known for this key, so there is nothing to ask" };
  const scheme = f.token.defaultProtocol?.toLowerCase() === "http" ? "http" : "https";
  const base = parseBase(
    f.token.host ? `${scheme}://${f.token.host}${f.token.resourcePath ?? "/"}` : `https://${account}.blob.${f.token.endpointSuffix ?? "core.windows.net"}/`,
  );
  const endpoint = base && endpointOf(base);
  if (!base || !endpoint) return { skip: "the key's endpoint is not a URL SAS Guard can ask" };
  return {
    plan: {
      endpoint: forService(endpoint, "blob"),
      path: accountRoot(endpoint, base.pathname, account),
      query: ACCOUNT_INFO,
      auth: { kind: "shared-key", account },
      operation: "Get Account Information",
      atAccountRoot: true,
    },
  };
}

export function planProbe(f: Finding): PlanResult {
  switch (f.kind) {
    case "account-sas":
    case "service-sas":
    case "user-delegation-sas":
      return planSas(f);
    case "storage-account-key":
      return planKey(f);
    case "connection-string":
      // A Service Bus connection string carries a rule name (or a servicebus host); a storage one carries AccountName.
      if (f.token.keyName || /\.servicebus\.|\.eventhub\./.test(f.token.host ?? "")) return { skip: "Service Bus and Event Hubs credentials are not verified" };
      return planKey(f);
    case "servicebus-sas":
      return { skip: "Service Bus and Event Hubs credentials are not verified" };
    case "iot-sas":
    case "iot-connection-string":
    case "event-grid-key":
    case "event-grid-sas":
    case "cosmos-db-key":
    case "identifiable-key":
      // Every call these services accept with the key either changes state or reads data: no metadata-only probe.
      return { skip: "not verifiable: the service has no metadata-only call SAS Guard can make with this credential" };
  }
}
