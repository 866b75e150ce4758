// Bytes of one file or blob (disk, git, the GitHub API) → a document, or why it is skipped. Never throws. The
// byte prefilter is the engine's own (src/detect/prefilter.ts): a blob that passes none of its anchors is kept
// (counted as scanned) with empty text, so it is not decoded for nothing.
import { mayHoldSecret } from "../detect/prefilter.js";

export type ReadResult = { text: string; bytes: number } | { skipped: string };

const BINARY_SNIFF = 8000; // what git uses to call a file binary: a NUL byte in the first 8000 bytes

/** "52.4 MB"; sizes under a megabyte in KB so that a small limit does not read "0.0 MB". */
export const formatMB = (bytes: number): string =>
  bytes >= 1_048_576 || bytes === 0 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;

export const tooLarge = (size: number, maxBytes: number): { skipped: string } => ({
  skipped: `larger than maxFileSizeMB (${formatMB(maxBytes)}): ${formatMB(size)}`,
});

/** Decides from the bytes whether a blob is text; returns the text (invalid UTF-8 becomes U+FFFD, never an error). */
export function decodeBlob(buf: Buffer, maxBytes: number, path?: string): ReadResult {
  if (buf.length > maxBytes) return tooLarge(buf.length, maxBytes);
  if (buf.subarray(0, BINARY_SNIFF).includes(0)) return { skipped: "binary file" };
  return { text: mayHoldSecret(buf, path) ? buf.toString("utf8") : "", bytes: buf.length };
}
