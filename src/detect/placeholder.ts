// Values that look like a secret's slot but are not a secret (SEVERITY.md §4): placeholders, redactions,
// truncated test values, one repeated character.
const WORDS = /redact|sanitiz|signature|placeholder|example|xxxx|your|changeme|dummy|insert|replace|secret|\*\*/i;

/**
 * True for a placeholder. `expectedBytes` is what a real value decodes to (32 for a signature, 64 for a key):
 * a random value of exactly that shape can contain a word like "your" by chance, so words only count otherwise.
 */
export function isPlaceholder(value: string, expectedBytes?: number): boolean {
  const alnum = value.replace(/[^A-Za-z0-9]/g, "");
  if (alnum.length === 0) return true;
  if (/^(.)\1*$/.test(alnum)) return true; // AAAA…==, XXXX…%3D, 0000
  if (hasAlphabetRun(alnum)) return true; // abcdef…xyz1234567890: typed by a person, not random
  const realShape = expectedBytes !== undefined && base64Length(value) === expectedBytes && looksRandom(value);
  return !realShape && WORDS.test(value);
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Bytes `value` decodes to as standard base64, or -1 when it is not base64. */
export function base64Length(value: string): number {
  if (!BASE64.test(value) || value.length % 4 !== 0) return -1;
  const pad = value.endsWith("==") ? 2 : value.endsWith("=") ? 1 : 0;
  return (value.length / 4) * 3 - pad;
}

/** Base64 text should look random: a real 32-byte signature mixes cases and digits. */
// One pass over char codes with an early exit (it runs at every key-shaped run of a file, e.g. each "==" inside
// a long base64 blob): the same answer as "two of lower / upper / digit-or-+/ and enough distinct characters".
export function looksRandom(value: string): boolean {
  const needed = Math.min(12, value.length / 3);
  const seen = new Uint8Array(128);
  let lower = 0;
  let upper = 0;
  let other = 0;
  let distinct = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128) return looksRandomSlow(value); // distinct code points, as a Set of the string counts them
    if (c >= 97 && c <= 122) lower = 1;
    else if (c >= 65 && c <= 90) upper = 1;
    else if ((c >= 48 && c <= 57) || c === 43 || c === 47) other = 1;
    if (seen[c] === 0) {
      seen[c] = 1;
      distinct++;
    }
    if (distinct >= needed && lower + upper + other >= 2) return true;
  }
  return lower + upper + other >= 2 && distinct >= needed;
}

function looksRandomSlow(value: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9+/]/].filter((r) => r.test(value)).length;
  return classes >= 2 && new Set(value).size >= Math.min(12, value.length / 3);
}

/**
 * True when the value holds a run of 8 consecutive characters in alphabet order (`abcdefgh`, `12345678`, `STUVWXYZ`):
 * people type those as fakes; in random base64 a run that long has a probability near 1e-13 per position.
 */
export function hasAlphabetRun(value: string): boolean {
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    run = value.charCodeAt(i) === value.charCodeAt(i - 1) + 1 ? run + 1 : 1;
    if (run >= 8) return true;
  }
  return false;
}

/**
 * Starts like two capitalised words (`SomeMa…`): how a person writes a fake. Only applied to signatures of the wrong
 * length (already low confidence); a random value starts this way about once in 200.
 */
export const readsAsWords = (value: string): boolean => /^[A-Z][a-z]{3,}[A-Z][a-z]/.test(value);
