// Kubernetes Secrets carry values base64-encoded under `data:` (SEVERITY.md §1). Only manifests that declare
// `kind: Secret` are decoded, so ordinary base64 elsewhere costs nothing.
// Entries are read by a hand scanner, one pass per line: the former regex backtracked over the whitespace after
// a value (quadratic on a line of spaces) and overflowed the stack on a multi-megabyte value (issue 15.3).
import { isManifestPath, K8S_SECRET_ANCHOR } from "./anchors.js";
import type { LineIndex } from "./line-index.js";

export interface Base64Value {
  offset: number;
  length: number;
  /** `name: <decoded>`, so key-name context (`azurestorageaccountkey`) survives decoding. */
  decoded: string;
}

// What precedes "Secret" in `kind: Secret` / `"kind": "Secret"`: checked at each "Secret" hit (PERF: a regex over
// the whole text cost more than every other pass together on large JSON files that merely mention "Secret").
const KIND_BEFORE = /["']?kind["']?\s*:\s*["']?$/;
const WORD = /\w/;

function declaresKindSecret(text: string): boolean {
  for (let at = text.indexOf(K8S_SECRET_ANCHOR); at !== -1; at = text.indexOf(K8S_SECRET_ANCHOR, at + 6)) {
    if (!WORD.test(text[at + 6] ?? "") && KIND_BEFORE.test(text.slice(Math.max(0, at - 64), at))) return true;
  }
  return false;
}
const MIN_VALUE = 16;

interface Entry {
  name: string;
  /** Offset of the value within the line, and its length. */
  at: number;
  length: number;
}

const isSpace = (ch: number): boolean =>
  ch === 32 ||
  ch === 9 ||
  ch === 13 ||
  ch === 11 ||
  ch === 12 ||
  ch === 0xa0 ||
  ch === 0xfeff ||
  (ch >= 0x2000 && ch <= 0x200a) ||
  ch === 0x2028 ||
  ch === 0x2029 ||
  ch === 0x202f ||
  ch === 0x205f ||
  ch === 0x3000 ||
  ch === 0x1680;
const isQuote = (ch: number): boolean => ch === 34 || ch === 39;
const isAlnum = (ch: number): boolean => (ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122);
const isNameChar = (ch: number): boolean => isAlnum(ch) || ch === 95 || ch === 46 || ch === 45; // _ . -
const isBase64Char = (ch: number): boolean => isAlnum(ch) || ch === 43 || ch === 47; // + /

/**
 * `  name: value`, `"name": "value",` — optional quotes around either, a base64 value of 16+ characters with at
 * most two `=`, then only whitespace and one optional comma. Each character is looked at once.
 */
export function parseEntry(line: string): Entry | undefined {
  let i = 0;
  const n = line.length;
  const skipSpaces = () => {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
  };
  const skipQuote = () => {
    if (i < n && isQuote(line.charCodeAt(i))) i++;
  };
  skipSpaces();
  skipQuote();
  const nameStart = i;
  while (i < n && isNameChar(line.charCodeAt(i))) i++;
  if (i === nameStart) return undefined;
  const name = line.slice(nameStart, i);
  skipQuote();
  skipSpaces();
  if (line.charCodeAt(i) !== 58) return undefined; // ":"
  i++;
  skipSpaces();
  skipQuote();
  const at = i;
  while (i < n && isBase64Char(line.charCodeAt(i))) i++;
  if (i - at < MIN_VALUE) return undefined;
  for (let pad = 0; pad < 2 && line.charCodeAt(i) === 61; pad++) i++; // "="
  const length = i - at;
  skipQuote();
  skipSpaces();
  if (line.charCodeAt(i) === 44) i++; // ","
  skipSpaces();
  return i === n ? { name, at, length } : undefined;
}

export function findBase64Secrets(text: string, path: string, lines: LineIndex): Base64Value[] {
  if (!isManifestPath(path) || !declaresKindSecret(text)) return [];
  const out: Base64Value[] = [];
  for (let l = 0, offset = 0; offset < text.length; l++) {
    const line = lines.lineText(l);
    const entry = parseEntry(line);
    if (entry) {
      const decoded = Buffer.from(line.slice(entry.at, entry.at + entry.length), "base64").toString("utf8");
      // Only printable text can hold a SAS URL or a base64 key.
      if (isPrintable(decoded)) out.push({ offset: offset + entry.at, length: entry.length, decoded: `${entry.name}: ${decoded}` });
    }
    const next = text.indexOf("\n", offset);
    if (next === -1) break;
    offset = next + 1;
  }
  return out;
}

function isPrintable(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (!((ch >= 0x20 && ch <= 0x7e) || isSpace(ch) || ch === 10)) return false;
  }
  return true;
}
