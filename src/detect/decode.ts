// Undoes the encodings a SAS token picks up on its way into a file (SEVERITY.md §1): JSON escapes (`\u0026`, `\/`),
// HTML/XML entities (`&amp;`), and whole-token percent-encoding when the SAS sits inside another URL
// (`%26sig%3D`, `%2526sig%25253D`). Every step is a bounded number of linear passes.

const JSON_ESCAPE = /\\+u00(26|3[dDfF]|2[fFbB5])|\\+\//g;
const HTML_ENTITY = /&(?:amp;)+|&#(?:38|x26|61|x3[dD]|43|x2[bB]|47|x2[fF]|63|x3[fF]);/g;
const JSON_CHARS: Record<string, string> = { "26": "&", "3d": "=", "3f": "?", "2f": "/", "2b": "+", "25": "%" };
const HTML_CHARS: Record<string, string> = {
  "38": "&",
  x26: "&",
  "61": "=",
  x3d: "=",
  "43": "+",
  x2b: "+",
  "47": "/",
  x2f: "/",
  "63": "?",
  x3f: "?",
};

/** Replaces JSON string escapes of the characters a SAS uses, however many times the text was escaped. */
export function unescapeJson(s: string): string {
  if (s.indexOf("\\") === -1) return s;
  return s.replace(JSON_ESCAPE, (m, hex: string | undefined) => (hex ? JSON_CHARS[hex.toLowerCase()] : "/"));
}

/** Replaces `&amp;` (also `&amp;amp;`) and numeric entities of the characters a SAS uses. */
export function unescapeHtml(s: string): string {
  if (s.indexOf("&") === -1) return s;
  return s.replace(HTML_ENTITY, (m) => (m.startsWith("&#") ? (HTML_CHARS[m.slice(2, -1).toLowerCase()] ?? m) : "&"));
}

const HEX = /^[0-9a-fA-F]{2}$/;

/** Percent-decodes valid escapes and leaves invalid ones as they are (never throws, unlike decodeURIComponent). */
export function percentDecode(s: string): { text: string; invalid: boolean } {
  if (s.indexOf("%") === -1) return { text: s, invalid: false };
  let invalid = false;
  let out = "";
  let last = 0;
  for (let i = s.indexOf("%"); i !== -1; i = s.indexOf("%", i + 1)) {
    const hex = s.slice(i + 1, i + 3);
    if (!HEX.test(hex)) {
      invalid = true;
      continue;
    }
    out += s.slice(last, i) + String.fromCharCode(parseInt(hex, 16));
    last = i + 3;
    i += 2;
  }
  out += s.slice(last);
  // Multi-byte UTF-8 sequences are irrelevant to SAS fields (ASCII only); decoding byte-wise is enough here.
  return { text: out, invalid };
}

// The structure of a SAS is itself percent-encoded when its `=` or `&` between parameters is encoded.
const ENCODED_STRUCTURE = /sig%(?:25)*3[dD]/;

/** Decodes a token region to plain `name=value&…` structure. `layers` counts whole-token percent-decodes. */
export function decodeRegion(raw: string): { text: string; layers: number } {
  let text = unescapeHtml(unescapeJson(raw));
  let layers = 0;
  while (layers < 4 && ENCODED_STRUCTURE.test(text)) {
    text = unescapeHtml(unescapeJson(percentDecode(text).text));
    layers++;
  }
  return { text, layers };
}
