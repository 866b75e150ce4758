// Reads one file for scanning, or says in plain words why it is skipped. Never throws.
import { readFileSync } from "node:fs";

export type ReadResult = { text: string; bytes: number } | { skipped: string };

const BINARY_SNIFF = 8000; // what git uses to call a file binary: a NUL byte in the first 8000 bytes

export const formatMB = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;

// A file with none of the engine's literal anchors cannot hold a finding: searching the bytes is cheaper than
// decoding them (src/detect/scan-text.ts lists the anchors).
const ANCHORS = ["sig", "==", "SharedAccessKey=", "Secret"].map((a) => Buffer.from(a));
const mayHoldSecret = (buf: Buffer): boolean => ANCHORS.some((a) => buf.includes(a));

/** Decides from the bytes whether a blob is text; returns the text (invalid UTF-8 becomes U+FFFD, never an error). */
export function decodeBlob(buf: Buffer, maxBytes: number): ReadResult {
  if (buf.length > maxBytes) return { skipped: `larger than maxFileSizeMB (${formatMB(maxBytes)}): ${formatMB(buf.length)}` };
  if (buf.subarray(0, BINARY_SNIFF).includes(0)) return { skipped: "binary file" };
  return { text: mayHoldSecret(buf) ? buf.toString("utf8") : "", bytes: buf.length };
}

export function readTextFile(path: string, size: number, maxBytes: number): ReadResult {
  if (size > maxBytes) return { skipped: `larger than maxFileSizeMB (${formatMB(maxBytes)}): ${formatMB(size)}` };
  try {
    return decodeBlob(readFileSync(path), maxBytes);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { skipped: `unreadable: ${e.code ?? e.message}` };
  }
}
