// Reads one file for scanning, or says in plain words why it is skipped. Never throws.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

export type ReadResult = { text: string; bytes: number } | { skipped: string };

const BINARY_SNIFF = 8000; // what git uses to call a file binary: a NUL byte in the first 8000 bytes

/** "52.4 MB"; sizes under a megabyte in KB so that a small limit does not read "0.0 MB". */
export const formatMB = (bytes: number): string =>
  bytes >= 1_048_576 || bytes === 0 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;

const tooLarge = (size: number, maxBytes: number): ReadResult => ({ skipped: `larger than maxFileSizeMB (${formatMB(maxBytes)}): ${formatMB(size)}` });

// A file in which none of the engine's anchors can match cannot hold a finding: checking the bytes is far cheaper
// than decoding them, and most source files pass no anchor. The checks mirror the engine on bytes (every anchor
// and the characters it looks at are ASCII, so bytes and decoded characters agree) and may only be looser:
//   "sig" followed by "=", "%" or "\"       src/detect/token-region.ts isSigAnchor (sig=, sig%3D, sig\u003d)
//   "==" after 86 base64 chars, not "==="   src/detect/find-keys.ts keyStartAt (account keys); "\" is let
//                                           into the run for JSON-escaped keys ("\/", "\u002f")
//   "\u003"                                 src/detect/scan-text.ts jsonEscapedKeys ("=" written "\u003d")
//   "SharedAccessKey="                      src/detect/find-keys.ts findServiceBusKeys
//   "Secret" in a .yaml/.yml/.json/.tpl     src/detect/kubernetes-secret.ts (any path when the path is unknown)
//   "-sas-"                                 src/detect/event-grid.ts (aeg-sas-key, aeg-sas-token)
//   "+A"                                    src/detect/identifiable-key-finder.ts (identifiable key signatures)
// A new anchor in the engine needs a line here: test/cli/prefilter.test.ts checks the engine's forms against it.
const SIG = Buffer.from("sig");
const EQ2 = Buffer.from("==");
const ESCAPED_EQ = Buffer.from("\\u003");
const SB_KEY = Buffer.from("SharedAccessKey=");
const SECRET = Buffer.from("Secret");
const EVENT_GRID = Buffer.from("-sas-");
const IDENTIFIABLE = Buffer.from("+A");
const MANIFEST = /\.(?:ya?ml|json|tpl)$/i;
const KEY_RUN = new Uint8Array(256); // base64 characters, and the backslash of a JSON escape
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/\\") KEY_RUN[c.charCodeAt(0)] = 1;

export function mayHoldSecret(buf: Buffer, path?: string): boolean {
  for (let i = buf.indexOf(SIG); i !== -1; i = buf.indexOf(SIG, i + 3)) {
    const next = buf[i + 3];
    if (next === 0x3d || next === 0x25 || next === 0x5c) return true;
  }
  for (let i = buf.indexOf(EQ2); i !== -1; i = buf.indexOf(EQ2, i + 2)) {
    if (i < 86 || buf[i + 2] === 0x3d) continue;
    let j = i - 1;
    while (j >= i - 86 && KEY_RUN[buf[j]] === 1) j--;
    if (j < i - 86) return true;
  }
  if (buf.includes(SB_KEY) || buf.includes(ESCAPED_EQ) || buf.includes(EVENT_GRID) || buf.includes(IDENTIFIABLE)) return true;
  return (path === undefined || MANIFEST.test(path)) && buf.includes(SECRET);
}

/** Decides from the bytes whether a blob is text; returns the text (invalid UTF-8 becomes U+FFFD, never an error). */
export function decodeBlob(buf: Buffer, maxBytes: number, path?: string): ReadResult {
  if (buf.length > maxBytes) return tooLarge(buf.length, maxBytes);
  if (buf.subarray(0, BINARY_SNIFF).includes(0)) return { skipped: "binary file" };
  return { text: mayHoldSecret(buf, path) ? buf.toString("utf8") : "", bytes: buf.length };
}

/** One open, one fstat, the reads, one close: no separate stat of the path. */
export function readTextFile(path: string, maxBytes: number): ReadResult {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const size = fstatSync(fd).size;
    if (size > maxBytes) return tooLarge(size, maxBytes);
    const buf = Buffer.allocUnsafe(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, buf, got, size - got, null);
      if (n === 0) break; // the file shrank while we read it
      got += n;
    }
    return decodeBlob(got === size ? buf : buf.subarray(0, got), maxBytes, path);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { skipped: `unreadable: ${e.code ?? e.message}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
