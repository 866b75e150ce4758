// The engine's entry point: cheap literal anchors first ("sig", "==", "SharedAccessKey="), then a bounded look
// around each hit. No regex runs over the whole text, so the cost stays close to a few indexOf passes.
import { JSON_ESCAPED_EQ_ANCHOR, SIG_ANCHOR } from "./anchors.js";
import { assessRisk, type RiskAssessment } from "./assess-risk.js";
import { buildSas } from "./build-sas.js";
import type { Credential } from "./credential.js";
import { decodeRegion, unescapeJson } from "./decode.js";
import { findEventGrid } from "./event-grid.js";
import { explainReasons, explainSummary, violationMessages } from "./explain.js";
import { familyRules } from "./family.js";
import { familyWords } from "./family-words.js";
import { findIdentifiableKeys } from "./identifiable-key-finder.js";
import { accountNamedIn, findAccountKeys, findServiceBusKeys } from "./find-keys.js";
import { fingerprint } from "./fingerprint.js";
import { findBase64Secrets } from "./kubernetes-secret.js";
import { LineIndex } from "./line-index.js";
import { parseSasCandidates } from "./parse-sas.js";
import { remediationFields } from "./remediation.js";
import { Secret } from "./secret.js";
import { compareSeverity } from "./severity.js";
import { engineTrail } from "./severity-trail.js";
import { isSigAnchor, tokenRegion } from "./token-region.js";
import { DEFAULT_RISK_POLICY, type Finding, type LimitedScan, type ScanOptions } from "./types.js";

interface Located {
  credential: Credential;
  /** Offset of the signature or key: decides the line. */
  anchor: number;
  /** Offset where the token starts, and where it ends. */
  start: number;
  end: number;
}

/** Finds every Azure SAS token, storage account key and key-bearing connection string in `text`. */
export function scanText(text: string, options: ScanOptions): Finding[] {
  return scanTextLimited(text, options, Number.POSITIVE_INFINITY).findings;
}

/**
 * scanText with a work bound: at most `maxDetailed` findings are built in full (explanations, remediation), the
 * most severe first, so a failing finding is never among the ones only counted; the rest are counted.
 */
export function scanTextLimited(text: string, options: ScanOptions, maxDetailed: number): LimitedScan {
  const lines = new LineIndex(text);
  const located = findSasTokens(text, lines);
  for (const l of keys(text, lines)) located.push(l);
  const secrets = findBase64Secrets(text, options.path, lines);
  // PERF: most files hold nothing; they skip the bookkeeping below (the bench measures ~13k such files).
  if (located.length === 0 && secrets.length === 0) return { findings: [], omitted: { count: 0 } };
  secrets.forEach((hit) => {
    // Decoded Kubernetes Secret values: scanned as text, reported at the base64 value. A bare key's account is often
    // its own entry (`azurestorageaccountname` next to `azurestorageaccountkey`, the AKS Azure Files secret).
    for (const c of scanDecoded(hit.decoded)) {
      if (c.kind === "storage-account-key" && !c.token.account) {
        const account = secretAccountNear(lines, lines.lineOf(hit.offset));
        if (account) c.token = { ...c.token, account };
      }
      located.push({ credential: c, anchor: hit.offset, start: hit.offset, end: hit.offset + hit.length });
    }
  });
  return toFindings(located, lines, options, maxDetailed);
}

// `azurestorageaccountname: <base64>` within two lines of a Secret's key entry (any length: short names too).
const SECRET_ENTRY = /^\s*["']?([A-Za-z0-9_.-]*account[_-]?name)["']?\s*:\s*["']?([A-Za-z0-9+/]{4,44}={0,2})["']?\s*,?\s*$/i;

function secretAccountNear(lines: LineIndex, line: number): string | undefined {
  for (const l of [line - 1, line + 1, line - 2, line + 2]) {
    if (l < 0 || lines.lineStart(l) === undefined) continue;
    const m = SECRET_ENTRY.exec(lines.lineWindow(l, lines.lineStart(l), 256));
    const name = m ? accountNamedIn(`accountName=${Buffer.from(m[2], "base64").toString("latin1")}`) : undefined;
    if (name) return name;
  }
  return undefined;
}

function keys(text: string, lines: LineIndex): Located[] {
  const found: Located[] = [];
  for (const hits of [findAccountKeys(text, lines), findServiceBusKeys(text, lines), findEventGrid(text, lines)])
    for (const h of hits) found.push({ credential: h.credential, anchor: h.offset, start: h.offset, end: h.offset + h.length });
  // Identifiable keys found from their own anchor ("+A"): only where no other detector already read the same value.
  const identifiable = findIdentifiableKeys(text);
  const escaped = jsonEscapedKeys(text, lines);
  if (identifiable.length === 0) return escaped.length === 0 ? found : found.concat(escaped);
  const byStart = [...found].sort((a, b) => a.start - b.start); // binary search: linear-ish, never quadratic
  for (const h of identifiable) {
    let lo = 0;
    let hi = byStart.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (byStart[mid].start <= h.offset) lo = mid;
      else hi = mid - 1;
    }
    const f = byStart[lo];
    if (f && f.start <= h.offset && h.offset < f.end) continue;
    found.push({ credential: h.credential, anchor: h.offset, start: h.offset, end: h.offset + h.length });
  }
  return found.concat(escaped);
}

// JSON writers that escape "=" (Gson `\u003d`, .NET `\u003D`) hide the "==" and "SharedAccessKey=" anchors. Lines
// holding such an escape (found with the cheap literal "\u003": a rare first character) are decoded and searched
// again. PHP's `\/` is handled by the "==" pass itself.
function jsonEscapedKeys(text: string, lines: LineIndex): Located[] {
  const out: Located[] = [];
  let lastLine = -1;
  for (let at = text.indexOf(JSON_ESCAPED_EQ_ANCHOR); at !== -1; at = text.indexOf(JSON_ESCAPED_EQ_ANCHOR, at + 5)) {
    // only "\u003d" (=) matters; "\u003c" (<), common in minified bundles, is skipped before any slicing
    const next = text.charCodeAt(at + 5);
    if (next !== 100 && next !== 68) continue;
    const line = lines.lineOf(at);
    if (line === lastLine) continue;
    lastLine = line;
    const start = Math.max(lines.lineStart(line), at - 4096);
    const raw = lines.lineWindow(line, at, 4096);
    if (!/u003[dD]/.test(raw)) continue;
    const decoded = unescapeJson(raw);
    const local = new LineIndex(decoded);
    for (const h of [...findAccountKeys(decoded, local), ...findServiceBusKeys(decoded, local)]) {
      // Decoding shortens the text before the key: its decoded offset is a lower bound of where it starts.
      const pos = start + h.offset;
      out.push({ credential: h.credential, anchor: pos, start: pos, end: start + raw.length });
    }
  }
  return out;
}

function scanDecoded(decoded: string): Credential[] {
  const lines = new LineIndex(decoded);
  return [...findSasTokens(decoded, lines), ...keys(decoded, lines)].map((l) => l.credential);
}

function findSasTokens(text: string, lines: LineIndex): Located[] {
  const out: Located[] = [];
  let floor = 0;
  for (let i = text.indexOf(SIG_ANCHOR); i !== -1; i = text.indexOf(SIG_ANCHOR, Math.max(i + 3, floor))) {
    if (i < floor || !isSigAnchor(text, i)) continue;
    const region = tokenRegion(text, i, floor);
    floor = region.end;
    const { text: decoded } = decodeRegion(region.text);
    const line = lines.lineOf(i);
    const candidates = parseSasCandidates(decoded);
    for (const candidate of candidates) {
      const credential = buildSas(candidate, contextLines(lines, lines.lineOf(region.start), line, i));
      if (!credential) continue;
      const last = candidate.params[candidate.params.length - 1]?.name;
      const end = last === "sig" ? sigValueEnd(text, i) : (lastParamEnd(text, i, region.end, last) ?? trimmedEnd(text, region.end));
      out.push({ credential, anchor: i, start: tokenStart(text, region.start, i, candidate), end });
    }
  }
  return out;
}

/** End of the signature value that starts after the `sig` name at `anchor` (in whatever encoding). */
function sigValueEnd(text: string, anchor: number): number {
  const m = /^sig(?:=|%(?:25)*3[dD]|\\+u003[dD])[A-Za-z0-9%+/]*(?:=|%(?:25)*3[dD]|\\+u003[dD]){0,2}/.exec(text.slice(anchor, anchor + 400));
  return anchor + (m ? m[0].length : 3);
}

/**
 * End of the token's last parameter (written after the signature) in the original text, in whatever encoding:
 * text after it (`&lang=en` of an outer URL the token is nested in) is not part of the token.
 */
function lastParamEnd(text: string, anchor: number, regionEnd: number, name: string | undefined): number | undefined {
  if (!name) return undefined;
  const slice = text.slice(anchor, regionEnd);
  const re = new RegExp(`(?:[&;]|%(?:25)*26|\\\\+u0026)${name}(?:=|%(?:25)*3[dD]|\\\\+u003[dD])`, "g");
  let m: RegExpExecArray | null;
  let at = -1;
  while ((m = re.exec(slice))) at = m.index + m[0].length;
  if (at === -1) return undefined;
  let e = at;
  while (e < slice.length && /[A-Za-z0-9%+/=._:\-,~!'()*]/.test(slice[e]) && !(slice[e] === "%" && /^%(?:25)*26/.test(slice.slice(e, e + 9)))) e++;
  return anchor + e;
}

/** A region's end without the separators that follow a token in CSV or a connection string (a final "." may be part of a value). */
function trimmedEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && ",;".includes(text[e - 1])) e--;
  return e;
}

function contextLines(lines: LineIndex, from: number, to: number, anchor: number): string {
  let s = "";
  for (let l = Math.max(0, from - 1); l <= to; l++) s += `${lines.lineWindow(l, l === to ? anchor : lines.lineEnd(l), 2048)}\n`;
  return s;
}

/** Where the token starts: its URL's scheme, or its first parameter; falls back to the region start. */
function tokenStart(text: string, regionStart: number, anchor: number, candidate: { url?: string; urlIsToken?: boolean; firstParam: string }): number {
  const slice = text.slice(regionStart, anchor + 1);
  if (candidate.url && candidate.urlIsToken) {
    // The last scheme before the signature: a SAS URL percent-encoded inside another URL starts at the inner one.
    const scheme = candidate.url.slice(0, candidate.url.indexOf(":")).toLowerCase();
    const lower = slice.toLowerCase();
    const at = Math.max(lower.lastIndexOf(`${scheme}:`), lower.lastIndexOf(`${scheme}%3a`), lower.lastIndexOf(`${scheme}%253a`));
    if (at !== -1) return regionStart + at;
  }
  if (candidate.firstParam) {
    const m = new RegExp(`(?:^|[?&;="'\\s]|%26|u0026|%3[fF])(${candidate.firstParam})(?:=|%(?:25)*3[dD]|\\\\+u003[dD])`).exec(slice);
    if (m) return regionStart + m.index + m[0].indexOf(candidate.firstParam);
  }
  return regionStart;
}

function toFindings(located: Located[], lines: LineIndex, options: ScanOptions, maxDetailed: number): LimitedScan {
  const policy = options.policy ?? DEFAULT_RISK_POLICY;
  const seen = new Set<string>();
  // Cheap part for every token (position, fingerprint, risk); words only for the ones kept in detail.
  const assessed: { l: Located; fp: string; pos: { line: number; column: number }; risk: RiskAssessment }[] = [];
  located.sort((a, b) => a.anchor - b.anchor);
  // A lower-cased copy of a token on the same line (a Markdown link title) is the same token, not a second one: keep
  // the copy whose signature has upper-case letters (the real one).
  const caseless = new Map<string, Located>();
  for (const l of located) {
    const k = `${lines.lineOf(l.anchor)}\0${l.credential.family}\0${l.credential.secret.toLowerCase()}`;
    const kept = caseless.get(k);
    if (!kept || (kept.credential.secret === kept.credential.secret.toLowerCase() && l.credential.secret !== l.credential.secret.toLowerCase()))
      caseless.set(k, l);
  }
  const keep = new Set(caseless.values());
  for (const l of located) {
    if (!keep.has(l)) continue;
    const fp = fingerprint(l.credential);
    const pos = lines.position(l.anchor);
    const key = `${pos.line}\0${fp}`;
    if (seen.has(key)) continue; // the same token twice on one line is one finding
    seen.add(key);
    const own = familyRules(l.credential); // a detector with its own rules (src/detect/family.ts)
    assessed.push({ l, fp, pos, risk: own ? own.assess(l.credential, options.now, policy) : assessRisk(l.credential, options.now, policy) });
  }
  let kept = assessed;
  let omitted: LimitedScan["omitted"] = { count: 0 };
  if (assessed.length > maxDetailed) {
    // most severe first (stable: by position within a severity), then back to text order
    const ranked = assessed.map((a, i) => ({ a, i })).sort((x, y) => compareSeverity(y.a.risk.severity, x.a.risk.severity) || x.i - y.i);
    const rest = ranked.slice(maxDetailed);
    omitted = { count: rest.length, maxSeverity: rest[0]!.a.risk.severity };
    kept = ranked
      .slice(0, maxDetailed)
      .sort((x, y) => x.i - y.i)
      .map((x) => x.a);
  }
  const findings = kept.map(({ l, fp, pos, risk }) => {
    const c = l.credential;
    const own = familyRules(c);
    const lineIdx = pos.line - 1;
    const startLine = lines.lineOf(l.start);
    const column = startLine === lineIdx ? lines.position(l.start).column : pos.column;
    const endOnLine = lines.lineOf(Math.max(l.start, l.end - 1)) === lineIdx ? l.end : lines.lineEnd(lineIdx);
    return {
      kind: c.kind,
      path: options.path,
      line: pos.line,
      column,
      endColumn: Math.max(column + 1, endOnLine - lines.lineStart(lineIdx) + 1),
      severity: risk.severity,
      baseSeverity: risk.baseSeverity,
      severityTrail: engineTrail(risk.baseSeverity, risk.severity, risk.reasons, risk.violations),
      confidence: c.confidence,
      ...(own
        ? familyWords(own, c, risk, options.now, policy)
        : { reasons: explainReasons(c, risk, options.now, policy), ...remediationFields(c, risk), ...explainSummary(c, risk) }),
      violations: violationMessages(risk.violations, policy),
      token: c.token,
      fingerprint: fp,
      redacted: c.redacted,
      secret: new Secret(c.secret, c.redacted),
    } satisfies Finding;
  });
  return { findings, omitted };
}
