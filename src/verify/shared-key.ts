// Shared Key authorization for the one key-signed request, written from the documented string-to-sign
// (https://learn.microsoft.com/rest/api/storageservices/authorize-with-shared-key, "Blob, Queue, and File services
// (Shared Key authorization)", version 2009-09-19 and later). Checked against @azure/storage-blob in the tests.
import { createHmac } from "node:crypto";

export interface SharedKeyRequest {
  method: string;
  account: string;
  /** URI path as sent, starting with "/" (path-style endpoints include the account segment). */
  path: string;
  /** Query parameters, decoded. */
  query: [string, string][];
  /** Request headers; the x-ms-* ones are signed. */
  headers: Record<string, string>;
}

const STANDARD = [
  "content-encoding",
  "content-language",
  "content-length",
  "content-md5",
  "content-type",
  "date",
  "if-modified-since",
  "if-match",
  "if-none-match",
  "if-unmodified-since",
  "range",
];

export function stringToSign(r: SharedKeyRequest): string {
  const h = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v.trim()]));
  // Content-Length is empty when zero (version 2015-02-21 and later).
  const standard = STANDARD.map((name) => (name === "content-length" && h[name] === "0" ? "" : (h[name] ?? "")));
  const msHeaders = Object.keys(h)
    .filter((k) => k.startsWith("x-ms-"))
    .sort()
    .map((k) => `${k}:${h[k]}\n`)
    .join("");
  const params = new Map<string, string[]>();
  for (const [k, v] of r.query) params.set(k.toLowerCase(), [...(params.get(k.toLowerCase()) ?? []), v]);
  const resource =
    `/${r.account}${r.path}` +
    [...params.keys()]
      .sort()
      .map((k) => `\n${k}:${params.get(k)!.sort().join(",")}`)
      .join("");
  return [r.method.toUpperCase(), ...standard].join("\n") + "\n" + msHeaders + resource;
}

/** The Authorization header value: `SharedKey account:signature`. The key is base64, as Azure shows it. */
export function sharedKeyAuthorization(r: SharedKeyRequest, key: string): string {
  const signature = createHmac("sha256", Buffer.from(key, "base64")).update(stringToSign(r), "utf8").digest("base64");
  return `SharedKey ${r.account}:${signature}`;
}
