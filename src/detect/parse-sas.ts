// Parses a decoded token region into SAS candidates: the URL before the query (if any) and the parameters in
// the order they were written. A region can hold several tokens (a CSV of URLs): a new token starts at a new URL
// or when a parameter repeats.
import { percentDecode } from "./decode.js";

/** Parameters of a storage SAS (SAS.md §2) and of a Service Bus SAS. Anything else is ignored. */
export const SAS_PARAMS = new Set([
  "sv",
  "ss",
  "srt",
  "sr",
  "sp",
  "st",
  "se",
  "spr",
  "sip",
  "si",
  "ses",
  "sig",
  "sdd",
  "skoid",
  "sktid",
  "skt",
  "ske",
  "sks",
  "skv",
  "saoid",
  "suoid",
  "scid",
  "sduoid",
  "tn",
  "spk",
  "srk",
  "epk",
  "erk",
  "rscc",
  "rscd",
  "rsce",
  "rscl",
  "rsct",
  "skn",
]);

export interface SasParam {
  name: string;
  /** Percent-decoded value. */
  value: string;
  /** True when the value had an invalid percent escape (typical of documentation samples). */
  invalidEscape: boolean;
}

export interface SasCandidate {
  /** `https://host/path` before the query, when the token is a URL. */
  url?: string;
  /** True when the URL is the token's own (`url?sv=…`), false when it is a connection string's endpoint (`BlobEndpoint=url;SharedAccessSignature=…`). */
  urlIsToken?: boolean;
  params: SasParam[];
  /** First parameter name as written, to locate the token's start in the original text. */
  firstParam: string;
}

// A value ends at the first character that cannot be part of it (a `\` left of an escaped quote, a `;` of a
// connection string, an HTML tag...).
// encodeURIComponent leaves ! ' ( ) * unescaped, so the SDKs write them raw in identifiers and paths.
const VALUE = /^[A-Za-z0-9%+/=._:\-,~!'()*]*/;
// A signature is base64, raw or percent-encoded: anything else (a CSV comma, a full stop) ends it.
const SIG_VALUE = /^[A-Za-z0-9%+/=]*/;
const URL_START = /(?:https?|sb):\/\//i;

function parseChunk(chunk: string): SasParam | undefined {
  let rest = chunk;
  // `SharedAccessSignature=sv=…`, `AZURE_SAS=sv=…`: the parameter sits inside another assignment.
  for (let depth = 0; depth < 3; depth++) {
    const eq = rest.indexOf("=");
    if (eq <= 0) return undefined;
    const name = rest.slice(0, eq).trim();
    const lname = name.toLowerCase();
    if (SAS_PARAMS.has(lname) && name === lname) {
      const raw = ((lname === "sig" ? SIG_VALUE : VALUE).exec(rest.slice(eq + 1)) ?? [""])[0];
      const decoded = percentDecode(raw);
      return { name: lname, value: decoded.text, invalidEscape: decoded.invalid };
    }
    // Service Bus: `SharedAccessSignature sr=…` (space-separated header form)
    const space = name.lastIndexOf(" ");
    if (space !== -1 && SAS_PARAMS.has(name.slice(space + 1))) {
      rest = rest.slice(space + 1);
      continue;
    }
    rest = rest.slice(eq + 1);
  }
  return undefined;
}

/** Splits decoded region text into SAS candidates (only those with a `sig` are returned). */
export function parseSasCandidates(region: string): SasCandidate[] {
  const out: SasCandidate[] = [];
  let current: SasCandidate | undefined;
  const seen = new Set<string>();
  const flush = () => {
    if (current && current.params.some((p) => p.name === "sig")) out.push(current);
    current = undefined;
    seen.clear();
  };

  // Split at parameter and connection-string delimiters, and before a URL that follows a comma (a CSV row).
  const parts = region.split(/([&?;]|,(?=(?:https?|sb):\/\/))/);
  for (let i = 0; i < parts.length; i += 2) {
    const chunk = parts[i];
    if (chunk === "") continue;
    const named = /^([a-z]{2,6})=/.exec(chunk);
    const url = named && SAS_PARAMS.has(named[1]) ? null : URL_START.exec(chunk);
    if (url) {
      // A new URL starts a new token unless the current one has no parameters yet.
      if (current?.params.length) flush();
      current = { url: chunk.slice(url.index).replace(/,+$/, ""), urlIsToken: parts[i + 1] === "?", params: [], firstParam: "" };
      continue;
    }
    const param = parseChunk(chunk);
    if (!param) continue;
    if (seen.has(param.name)) flush();
    current ??= { params: [], firstParam: "" };
    if (current.params.length === 0) current.firstParam = param.name;
    current.params.push(param);
    seen.add(param.name);
  }
  flush();
  return out;
}
