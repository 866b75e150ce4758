// One redaction for free text (issue 15.7): inline-ignore reasons, config values, loader errors, log lines. Anything
// a user or a file wrote may quote a secret; this removes it in every form before the text is shown anywhere.
// Three nets, widest last: (1) every credential the engine itself finds in the text, in each of its encodings;
// (2) the value after any sig= / AccountKey= / SharedAccessKey= name, however encoded; (3) any padded base64 run
// of signature or key length (40+ characters then "=" or "=="), raw or percent-encoded. Nets 2 and 3 are hand
// scanners: a regex over a long base64 run without padding backtracks quadratically.
import { scanText } from "./scan-text.js";

export const REDACTED = "<redacted>";

// A name, then "=" in any encoding (raw, %3D, %253D…, \u003d, &#61;), or ":" as JSON and YAML write it
// (`"AccountKey": "…"`). The value is read by valueEnd.
const NAME = /\b(?:sig|AccountKey|SharedAccessKey)(?:=|%(?:25)*3[dD]|\\{1,8}u003[dD]|&#61;|\\?["']?[ \t]{0,4}:[ \t]{0,4}\\?["']?)/gi;
/** A padded run (signature, key) of at least this many base64 characters is redacted. */
const MIN_RUN = 40;
/** An unpadded run mixing upper case, lower case and digits (a signature without its "=") of at least this many. */
const MIN_MIXED_RUN = 32;
const SCAN_DATE = new Date(0); // severity does not matter here; the engine is pure and takes no clock

const isB64 = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47;
const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** Length of a percent escape `%XX` or `%25…25XX` (double-encoded) at `i`, 0 when none; `accept` checks XX. */
function percentAt(s: string, i: number, accept: (hex: string) => boolean): number {
  if (s.charCodeAt(i) !== 37) return 0;
  let j = i + 1;
  let last = "";
  while (isHex(s.charCodeAt(j)) && isHex(s.charCodeAt(j + 1))) {
    last = s.slice(j, j + 2).toLowerCase();
    j += 2;
    if (last !== "25") break;
  }
  return last !== "" && accept(last) ? j - i : 0;
}

/** End of a value (any base64 / base64url character, percent or \u escape) that starts at `i`. */
function valueEnd(s: string, i: number): number {
  let j = i;
  for (;;) {
    const c = s.charCodeAt(j);
    if (isB64(c) || c === 45 || c === 95 || c === 61) j++;
    else if (c === 37) {
      const n = percentAt(s, j, () => true);
      if (n === 0) return j;
      j += n;
    } else if (c === 92) {
      let k = j;
      while (s.charCodeAt(k) === 92 && k - j < 8) k++;
      if (s.startsWith("u00", k) && isHex(s.charCodeAt(k + 3)) && isHex(s.charCodeAt(k + 4))) j = k + 5;
      else return j;
    } else return j;
  }
}

const B64_ESCAPES = (hex: string): boolean => hex === "2b" || hex === "2f";
const PAD_ESCAPE = (hex: string): boolean => hex === "3d";

const mixed = (run: string): boolean => /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run.replace(/%(?:25)*2[bBfF]/g, ""));

/**
 * Replaces every base64 run of MIN_RUN+ characters (percent escapes count as one) followed by 1–2 "=", and every
 * run of MIN_MIXED_RUN+ that mixes cases and digits (hex digests and kebab-case paths do not).
 */
function redactPaddedRuns(s: string): string {
  let out = "";
  let copied = 0;
  let i = 0;
  while (i < s.length) {
    const start = i;
    let units = 0;
    for (;;) {
      if (isB64(s.charCodeAt(i))) i++;
      else {
        const n = percentAt(s, i, B64_ESCAPES);
        if (n === 0) break;
        i += n;
      }
      units++;
    }
    if (units === 0) {
      i++;
      continue;
    }
    let pads = 0;
    let end = i;
    while (pads < 2) {
      const n = s.charCodeAt(end) === 61 ? 1 : percentAt(s, end, PAD_ESCAPE);
      if (n === 0) break;
      end += n;
      pads++;
    }
    if ((units >= MIN_RUN && pads > 0) || (units >= MIN_MIXED_RUN && mixed(s.slice(start, i)))) {
      out += s.slice(copied, start) + REDACTED;
      copied = end;
    }
    i = Math.max(end, i);
  }
  return copied === 0 ? s : out + s.slice(copied);
}

/** The forms a secret is written in: raw, unpadded, percent-encoded (upper/lower hex), double-encoded, base64url. */
export function secretForms(secret: string): string[] {
  const enc = encodeURIComponent(secret);
  const url = secret.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  const forms = new Set([secret, enc, enc.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()), encodeURIComponent(enc), secret.replace(/=+$/, ""), url]);
  // longest first, so a raw form inside an encoded one is never left half-replaced
  return [...forms].filter((f) => f.length >= 8).sort((a, b) => b.length - a.length);
}

/** `text` with every secret it carries replaced by `<redacted>`. Never throws; returns `text` itself when clean. */
export function redactSecretsInText(text: string): string {
  if (text.length === 0) return text;
  let out = text;
  try {
    const secrets = new Set(scanText(text, { path: "text.txt", now: SCAN_DATE }).map((f) => f.secret.reveal()));
    for (const secret of secrets) for (const form of secretForms(secret)) out = out.split(form).join(REDACTED);
  } catch {
    // the two pattern nets below still apply
  }
  let named = "";
  let copied = 0;
  NAME.lastIndex = 0;
  for (let m = NAME.exec(out); m; m = NAME.exec(out)) {
    const from = m.index + m[0].length;
    const end = valueEnd(out, from);
    if (end === from || out.startsWith(REDACTED, from)) continue;
    named += out.slice(copied, from) + REDACTED;
    copied = end;
    NAME.lastIndex = end;
  }
  if (copied > 0) out = named + out.slice(copied);
  return redactPaddedRuns(out);
}

/** True when redaction would change `text`: it carries something that looks like a secret. */
export const carriesSecret = (text: string): boolean => redactSecretsInText(text) !== text;
