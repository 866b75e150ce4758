// Storage account keys (88 base64 chars ending "==", found from the cheap "==" anchor) and Service Bus /
// Event Hubs connection strings (found from "SharedAccessKey="). SEVERITY.md §1 and §3.
import { KEY_PADDING_ANCHOR, SERVICE_BUS_KEY_ANCHOR } from "./anchors.js";
import type { Credential } from "./credential.js";
import type { LineIndex } from "./line-index.js";
import { isPlaceholder, looksRandom } from "./placeholder.js";
import { findServiceBusHost } from "./storage-host.js";

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
    const start = keyStartAt(text, i);
    if (start === -1) continue;
    const key = text.slice(start, i + 2).replace(/\\\//g, "/");
    if (EMULATOR_KEYS.has(key) || isPlaceholder(key, 64) || !looksRandom(key)) continue;
    const before = text.slice(Math.max(0, start - 40), start);
    if (LOOKALIKE_PREFIX.test(before)) continue;

    const line = lines.lineOf(start);
    const lineText = lines.lineWindow(line, start);
    const inConnectionString = /AccountKey\s*=\s*["']?$/i.test(before);
    // Newer keys carry "+ASt" at offset 76 (SAS.md §1): recognisable without any context.
    const marked = key.slice(76, 80) === "+ASt";
    let context = lineText;
    for (let l = line - 1; l >= Math.max(0, line - 3); l--) context = `${lines.lineWindow(l, lines.lineEnd(l))}\n${context}`;
    if (!inConnectionString && !marked && !KEY_CONTEXT.test(context)) continue;

    // A connection string split over concatenated literals has its AccountName a line or two above.
    const accountName = /AccountName\s*=\s*([A-Za-z0-9]{3,24})/i.exec(lineText)?.[1]?.toLowerCase() ?? (inConnectionString ? /AccountName\s*=\s*([A-Za-z0-9]{3,24})/i.exec(context)?.[1]?.toLowerCase() : undefined);
    if (accountName === "devstoreaccount1") continue;
    const full = inConnectionString && accountName !== undefined;
    const suffix = /EndpointSuffix\s*=\s*([A-Za-z0-9.]+)/i.exec(inConnectionString ? context : lineText)?.[1];
    const protocol = /DefaultEndpointsProtocol\s*=\s*(https?)/i.exec(inConnectionString ? context : lineText)?.[1];
    hits.push({
      offset: start,
      length: i + 2 - start,
      credential: {
        kind: full ? "connection-string" : "storage-account-key",
        token: {
          ...(accountName ? { account: accountName } : {}),
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
    const keyName = /SharedAccessKeyName\s*=\s*([^;"'\s]+)/.exec(lineText)?.[1];
    const host = findServiceBusHost(lineText);
    const entity = /EntityPath\s*=\s*([^;"'\s]+)/.exec(lineText)?.[1];
    hits.push({
      offset: start,
      length: key.length,
      credential: {
        kind: "connection-string",
        token: {
          ...(host ? { account: host.account, host: host.host } : {}),
          ...(keyName ? { keyName } : {}),
          ...(entity ? { resourcePath: `/${entity}` } : {}),
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
