// Storage account keys (88 base64 chars ending "==", found from the cheap "==" anchor) and Service Bus /
// Event Hubs connection strings (found from "SharedAccessKey="). SEVERITY.md §1 and §3.
import { KEY_PADDING_ANCHOR, SERVICE_BUS_KEY_ANCHOR } from "./anchors.js";
import type { Credential } from "./credential.js";
import type { LineIndex } from "./line-index.js";
import type { AzureService } from "./types.js";
import { isPlaceholder, looksRandom } from "./placeholder.js";
import { cosmosKey, looksCosmos } from "./cosmos-db.js";
import { identify } from "./identifiable-key.js";
import { functionsKeyAt, identifiableCredential } from "./identifiable-key-finder.js";
import { dpsEnrollmentKey, iotConnectionString } from "./iot-hub.js";
import { findServiceBusHost, findStorageHost } from "./storage-host.js";

export interface KeyHit {
  credential: Credential;
  /** Offset of the key value in the text. */
  offset: number;
  length: number;
}

// Published emulator keys (SAS.md §1): not secrets.
const EMULATOR_KEYS = new Set([
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
  "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==",
]);

const B64 = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") B64[c.charCodeAt(0)] = 1;
const isB64 = (code: number): boolean => code < 128 && B64[code] === 1;

// Words near a bare key that say it is a storage key (`ACCOUNT_KEY =`, `-StorageAccountKey`, `az storage account
// keys list` output with "keyName", a Kubernetes Secret's `azurestorageaccountkey:`).
const KEY_CONTEXT = /(?:account|storage|access|primary|secondary|shared|azure)[\s_.-]*key|accountkey|"keyName"|\bkey[12]\b/i;
// Hash and signature look-alikes with the same shape (SEVERITY.md §4).
const LOOKALIKE_PREFIX = /(?:sha(?:256|384|512)-|integrity["']?\s*[:=]\s*["']?)$/i;

/**
 * Checks for 86 base64 characters before the "==" at `eqIndex`. PHP's json_encode writes `/` as `\/`, so an
 * escaped slash counts as one character. Returns the key start, or -1.
 */
function keyStartAt(text: string, eqIndex: number): number {
  if (text.charCodeAt(eqIndex + 2) === 61) return -1; // "===": code, not base64
  let i = eqIndex - 1;
  for (let n = 0; n < 86; n++, i--) {
    const c = text.charCodeAt(i);
    if (!isB64(c)) return -1;
    if (c === 47 && text.charCodeAt(i - 1) === 92) i--; // "\/"
  }
  const start = i + 1;
  if (start > 0 && isB64(text.charCodeAt(start - 1))) return -1; // longer run: not a 64-byte key
  return start;
}

export function findAccountKeys(text: string, lines: LineIndex): KeyHit[] {
  const hits: KeyHit[] = [];
  for (let i = text.indexOf(KEY_PADDING_ANCHOR); i !== -1; i = text.indexOf(KEY_PADDING_ANCHOR, i + 2)) {
    // PERF: most "==" in code are "===", "!==" or " == ": a key and a Functions key both end in base64 before "==".
    if (!isB64(text.charCodeAt(i - 1))) continue;
    const start = keyStartAt(text, i);
    if (start === -1) {
      const fn = functionsKeyAt(text, i);
      if (fn) hits.push(fn);
      continue;
    }
    const key = text.slice(start, i + 2).replace(/\\\//g, "/");
    if (EMULATOR_KEYS.has(key) || isPlaceholder(key, 64) || !looksRandom(key)) continue;
    const before = text.slice(Math.max(0, start - 40), start);
    if (LOOKALIKE_PREFIX.test(before)) continue;

    const line = lines.lineOf(start);
    const lineText = lines.lineWindow(line, start);
    const inConnectionString = /AccountKey\s*=\s*["']?$/i.test(before);
    // Newer keys carry a signature at offset 76 and a checksum (identifiable-key.ts): recognisable without context.
    // A signature with a wrong checksum counts for nothing (it needs the usual context).
    const id = key.slice(76, 77) === "+" || key.slice(76, 77) === "A" ? identify(key) : undefined;
    const marked = id?.provider.service === "storage";
    let context = lineText;
    for (let l = line - 1; l >= Math.max(0, line - 3); l--) context = `${lines.lineWindow(l, lines.lineEnd(l))}\n${context}`;
    let around = context;
    for (let l = line + 1; l <= line + 3 && lines.lineStart(l) !== undefined; l++) around += `\n${lines.lineWindow(l, lines.lineStart(l))}`;
    const enrollment = !id ? dpsEnrollmentKey(key, around) : null;
    if (enrollment) {
      hits.push({ offset: start, length: i + 2 - start, credential: enrollment });
      continue;
    }
    if (id?.provider.service === "cosmos-db" || (!marked && looksCosmos(around))) {
      const cosmos = cosmosKey(key, text.slice(Math.max(lines.lineStart(line), start - 200), start), around, id);
      if (cosmos) hits.push({ offset: start, length: i + 2 - start, credential: cosmos });
      continue;
    }
    if (id && !marked) {
      hits.push({ offset: start, length: i + 2 - start, credential: identifiableCredential(key, id) });
      continue;
    }
    // T-SQL `CREATE DATABASE SCOPED CREDENTIAL … SECRET = '<key>'`, with a storage URL (wasbs://…) near it.
    const sqlSecret = /SECRET\s*=\s*N?'$/i.test(before) && /CREDENTIAL|\.core\.windows\.net/i.test(around);
    if (!inConnectionString && !marked && !sqlSecret && !KEY_CONTEXT.test(context)) continue;
    // The emulator account named nearby (`accountName = 'devstoreaccount1'`): an emulator key, or a variant of it.
    if (/devstoreaccount1/i.test(around)) continue;

    // A connection string split over concatenated literals has its AccountName a line or two above; a bare key's
    // account is often named on the same or an adjacent line (storageAccountName, --account-name, a blob URL).
    const accountName =
      /AccountName\s*=\s*([A-Za-z0-9]{3,24})/i.exec(lineText)?.[1]?.toLowerCase() ??
      (inConnectionString ? /AccountName\s*=\s*([A-Za-z0-9]{3,24})/i.exec(context)?.[1]?.toLowerCase() : undefined);
    const account = accountName ?? nearbyAccount(lines, line, start);
    const full = inConnectionString && accountName !== undefined;
    const suffix = /EndpointSuffix\s*=\s*([A-Za-z0-9.]+)/i.exec(inConnectionString ? context : lineText)?.[1];
    const protocol = /DefaultEndpointsProtocol\s*=\s*(https?)/i.exec(inConnectionString ? context : lineText)?.[1];
    hits.push({
      offset: start,
      length: i + 2 - start,
      credential: {
        kind: full ? "connection-string" : "storage-account-key",
        token: {
          ...(account ? { account } : {}),
          ...(marked ? { keySignature: "+ASt" } : {}),
          ...(suffix ? { endpointSuffix: suffix } : {}),
          ...(protocol ? { defaultProtocol: protocol } : {}),
        },
        secret: key,
        family: "storage-key",
        redacted: full
          ? `${protocol ? `DefaultEndpointsProtocol=${protocol};` : ""}AccountName=${accountName};AccountKey=<redacted>${suffix ? `;EndpointSuffix=${suffix}` : ""}`
          : `${inConnectionString ? "AccountKey=" : ""}<redacted storage account key>`,
        confidence: "high",
      },
    });
  }
  return hits;
}

// Where a bare key's account is named (issue 17): `-AzureDefaultAccountName="x"`, `azurestorageaccountname: x`,
// `"storageAccountName": "x"`, `storage_account_name = "x"`, `AZURE_STORAGE_ACCOUNT=x`, `--account-name x`.
const ACCOUNT_NAMED = /(?:account[_-]?name|storage[_-]?account|--account-name)["']?\s*(?:[:=]|\s)\s*["']?([a-z0-9]{3,24})\b/i;

/** The storage account a line names (a storage host, or `accountName`-like assignment), if any. */
export const accountNamedIn = (text: string): string | undefined => {
  const name = findStorageHost(text)?.account ?? ACCOUNT_NAMED.exec(text)?.[1]?.toLowerCase();
  return name === "devstoreaccount1" ? undefined : name;
};

/** The storage account named on the key's line, or the lines just above and below it. */
function nearbyAccount(lines: LineIndex, line: number, at: number): string | undefined {
  for (const l of [line, line - 1, line + 1, line - 2, line + 2]) {
    if (l < 0 || lines.lineStart(l) === undefined) continue;
    const name = accountNamedIn(lines.lineWindow(l, l === line ? at : lines.lineStart(l)));
    if (name) return name;
  }
  return undefined;
}

const SB_KEY = /^[A-Za-z0-9+/]{38,86}={0,2}/;

export function findServiceBusKeys(text: string, lines: LineIndex): KeyHit[] {
  const hits: KeyHit[] = [];
  // "Key=" is the cheap literal (PERF.md: a rare first character searches fast); "SharedAccess" is checked at each hit.
  for (let k = text.indexOf(SERVICE_BUS_KEY_ANCHOR); k !== -1; k = text.indexOf(SERVICE_BUS_KEY_ANCHOR, k + 4)) {
    const i = k - 12;
    if (i < 0 || !text.startsWith("SharedAccess", i)) continue;
    const start = k + 4;
    const key = SB_KEY.exec(text.slice(start, start + 100))?.[0];
    if (!key || isPlaceholder(key, 32) || !looksRandom(key)) continue;
    const lineText = lines.lineWindow(lines.lineOf(i), i);
    const iot = iotConnectionString(lineText, key);
    if (iot) {
      hits.push({ offset: start, length: key.length, credential: iot });
      continue;
    }
    const keyName = /SharedAccessKeyName\s*=\s*([^;"'\s]+)/.exec(lineText)?.[1];
    const host = findServiceBusHost(lineText);
    const entity = /EntityPath\s*=\s*([^;"'\s]+)/.exec(lineText)?.[1];
    const azureService = messagingService(key, keyName, lineText);
    hits.push({
      offset: start,
      length: key.length,
      credential: {
        kind: "connection-string",
        token: {
          ...(host ? { account: host.account, host: host.host } : {}),
          ...(keyName ? { keyName } : {}),
          ...(entity ? { resourcePath: `/${entity}` } : {}),
          ...(azureService ? { azureService } : {}),
          ...(identify(key) ? { keySignature: identify(key)!.provider.signature } : {}),
        },
        secret: key,
        family: "servicebus-key",
        redacted: `${host ? `Endpoint=sb://${host.host}/;` : ""}${keyName ? `SharedAccessKeyName=${keyName};` : ""}SharedAccessKey=<redacted>${entity ? `;EntityPath=${entity}` : ""}`,
        confidence: "high",
      },
    });
  }
  return hits;
}

/**
 * Which messaging service a Service Bus-style key belongs to: its identifiable signature says so for sure (`+ASb`,
 * `+AEh`, `+ARm`); otherwise Notification Hubs' default rule names, and Relay / Event Hubs words on the line.
 */
function messagingService(key: string, keyName: string | undefined, lineText: string): AzureService | undefined {
  const id = identify(key)?.provider.service;
  if (id === "service-bus" || id === "event-hubs" || id === "relay") return id;
  if (/^Default(?:Full|Listen)SharedAccessSignature$/i.test(keyName ?? "") || /NotificationHub/i.test(lineText)) return "notification-hubs";
  if (/\brelay\b|HybridConnection/i.test(lineText)) return "relay";
  if (/eventhub/i.test(lineText)) return "event-hubs";
  return undefined;
}
