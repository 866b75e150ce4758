// Finds the extent of the text that may hold one SAS token around a `sig` anchor: the run of URL/query characters,
// plus string literals joined to it by concatenation (`"…sv=…" +\n "&sig=…"`, Python's implicit "a" "b").
// Every expansion is bounded, and the caller resumes searching after the region, so scanning stays linear.

const MAX_SPAN = 8192;
const MAX_HOPS = 16;
const MAX_GAP = 120;

// Characters that occur inside a SAS URL or query string, in any of its encodings (`\u0026`, `&amp;`, `%26`).
const TOKEN_CHAR = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789%&=+/._:-,;?\\~!*()") TOKEN_CHAR[c.charCodeAt(0)] = 1;
export const isTokenChar = (code: number): boolean => code < 128 && TOKEN_CHAR[code] === 1;
const isAlnum = (code: number): boolean => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

// encodeURIComponent leaves `'` unescaped (`bob's%20notes.txt`, `si=bob's%20policy`): inside a word it belongs to the
// token; next to anything else it is a string delimiter.
function isTokenCharAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 39) return isAlnum(text.charCodeAt(i - 1)) && isAlnum(text.charCodeAt(i + 1));
  return isTokenChar(c);
}

const isQuote = (code: number): boolean => code === 34 || code === 39 || code === 96; // " ' `
const isSpace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13;

export interface Piece {
  start: number;
  end: number;
}

/** Pieces of the original text (in order) that make up one token region, and the region text they join to. */
export interface TokenRegion {
  pieces: Piece[];
  text: string;
  start: number;
  end: number;
}

function expandLeft(text: string, from: number, limit: number): number {
  let i = from;
  while (i > limit && isTokenCharAt(text, i - 1)) i--;
  return i;
}

function expandRight(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit && isTokenCharAt(text, i)) i++;
  return i;
}

// Skips white space and one concatenation operator between two string literals; returns the index of the
// next quote, or -1. `dir` is -1 (leftwards) or +1.
function hopToQuote(text: string, from: number, dir: -1 | 1): number {
  let i = from;
  const stop = dir < 0 ? Math.max(0, from - MAX_GAP) : Math.min(text.length - 1, from + MAX_GAP);
  let ops = 0;
  while (dir < 0 ? i >= stop : i <= stop) {
    const c = text.charCodeAt(i);
    if (isQuote(c)) return i;
    if (isSpace(c)) {
      i += dir;
      continue;
    }
    // + (JS, C#, Java), . and .. (PHP, Lua), & (VB), || (SQL), _ (VB line continuation), \ (shell continuation)
    if ((c === 43 || c === 46 || c === 38 || c === 124 || c === 95 || c === 92) && ops < 2) {
      ops++;
      i += dir;
      continue;
    }
    return -1;
  }
  return -1;
}

/** The region around an anchor at `anchor` (index of `sig`). `floor` is where the previous region ended. */
export function tokenRegion(text: string, anchor: number, floor: number): TokenRegion {
  const lo = Math.max(floor, anchor - MAX_SPAN);
  const hi = Math.min(text.length, anchor + MAX_SPAN);
  const first: Piece = { start: expandLeft(text, anchor, lo), end: expandRight(text, anchor, hi) };
  const pieces = [first];

  // Literals to the left: …"<piece>" + "<first>…
  for (let hop = 0, p = first; hop < MAX_HOPS && p.start - 1 > lo && isQuote(text.charCodeAt(p.start - 1)); hop++) {
    const q = hopToQuote(text, p.start - 2, -1);
    if (q <= lo) break;
    const start = expandLeft(text, q, lo);
    if (start === q || !isQuote(text.charCodeAt(start - 1))) break;
    p = { start, end: q };
    pieces.unshift(p);
  }
  // Literals to the right: …<last>" + "<piece>"
  for (let hop = 0, p = first; hop < MAX_HOPS && p.end < hi && isQuote(text.charCodeAt(p.end)); hop++) {
    const q = hopToQuote(text, p.end + 1, 1);
    if (q === -1 || q + 1 >= hi) break;
    const end = expandRight(text, q + 1, hi);
    if (end === q + 1 || !isQuote(text.charCodeAt(end))) break;
    p = { start: q + 1, end };
    pieces.push(p);
  }

  if (pieces.length === 1) {
    const next = wrappedSignature(text, anchor, first.end, hi);
    if (next) pieces.push(next);
    const above = wrappedStart(text, first.start, lo);
    if (above) pieces.unshift(above);
  }
  return {
    pieces,
    text: pieces.map((p) => text.slice(p.start, p.end)).join(""),
    start: pieces[0].start,
    end: pieces[pieces.length - 1].end,
  };
}

/**
 * True when the `sig` at `i` is a parameter name: preceded by a delimiter (`?`, `&`, `;` of `&amp;`, a quote,
 * white space, the `6` of `%26`/`\u0026`, the `F` of `%3F`) and followed by `=` in some encoding.
 */
export function isSigAnchor(text: string, i: number): boolean {
  const next = text.charCodeAt(i + 3);
  if (next === 61 /* = */) {
    // ok
  } else if (next === 37 /* % */) {
    if (!/^%(?:25)*3[dD]/.test(text.slice(i + 3, i + 13))) return false;
  } else if (next === 92 /* \ */) {
    if (!/^\\+u003[dD]/.test(text.slice(i + 3, i + 14))) return false;
  } else return false;
  if (i === 0) return true;
  const prev = text.charCodeAt(i - 1);
  if (prev === 63 || prev === 38 || prev === 59 || isQuote(prev) || isSpace(prev) || prev === 40 || prev === 44 || prev === 124) {
    return true;
  }
  const before = text.slice(Math.max(0, i - 12), i);
  return /(?:%(?:25)*26|u0026|%(?:25)*3[fF]|u003[fF])$/.test(before);
}

// Wrapped tokens (issue 17): console output wrapped at a fixed width, `<br>` in HTML / Markdown table cells. Joined
// only when the pieces prove it: a signature too short to be whole that the next line completes, or a line that
// ends inside a query (no signature of its own) right above a token that starts its line.
const WRAP_MIN_LINE = 40;
const BREAK = /^(?:<br\s*\/?>)?\r?\n|^<br\s*\/?>/i;
const SIG_CHARS = /^[A-Za-z0-9%+/=]*/;

const sigLength = (value: string): number => value.replace(/%(?:25)*([0-9A-Fa-f]{2})/g, "x").length;

function lineLengthBefore(text: string, end: number): number {
  const nl = text.lastIndexOf("\n", end - 1);
  return end - (nl + 1);
}

/** The next line's (or the text after `<br>`'s) run, when the signature at `anchor` is cut at `end`. */
function wrappedSignature(text: string, anchor: number, end: number, hi: number): Piece | null {
  if (text.charCodeAt(anchor + 3) !== 61) return null;
  const value = text.slice(anchor + 4, end);
  if (!/^[A-Za-z0-9%+/]+$/.test(value) || sigLength(value) >= 43) return null;
  const brk = BREAK.exec(text.slice(end, end + 12));
  if (!brk) return null;
  if (!/^<br/i.test(brk[0]) && lineLengthBefore(text, end) < WRAP_MIN_LINE) return null;
  const start = end + brk[0].length;
  const rest = SIG_CHARS.exec(text.slice(start, start + 64))?.[0] ?? "";
  const total = sigLength(value + rest);
  if (total < 43 || total > 46) return null;
  return { start, end: expandRight(text, start, hi) };
}

/** The previous line's trailing run, when it ends inside a query and this token starts its own line. */
function wrappedStart(text: string, start: number, lo: number): Piece | null {
  let e = start - 1;
  if (text.charCodeAt(e) !== 10) return null;
  if (text.charCodeAt(e - 1) === 13) e--;
  const s = expandLeft(text, e, lo);
  const run = text.slice(s, e);
  if (s === e || lineLengthBefore(text, e) < WRAP_MIN_LINE || !/[?&]\w+=/.test(run) || /[?&]sig=/.test(run)) return null;
  if (/^(?:https?|sb):\/\//i.test(text.slice(start, start + 8))) return null;
  return { start: s, end: e };
}
