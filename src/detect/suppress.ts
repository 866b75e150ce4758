// Marks findings the repository accepts on purpose: an allowlist entry (by fingerprint, optionally limited to a
// path glob, until an optional date) or an inline `sas-guard:ignore reason="…"` comment. Pure: the date is an
// argument. Suppressed findings are kept and reported as suppressed, never dropped (secretlint's rule).
import { compileGlob } from "../config/glob.js";
import type { AllowlistEntry, SasGuardConfig } from "../config/schema.js";
import { findInlineIgnore, mentionsInlineIgnore } from "./inline-ignore.js";
import type { Finding, Suppression } from "./types.js";

export interface SuppressionInput {
  /** The text the findings were found in, for inline comments. */
  text: string;
  config: Pick<SasGuardConfig, "allowlist" | "inlineIgnore">;
  now: Date;
}

// An entry applies until the start (00:00 UTC) of its `expires` day: "expired on 2026-01-01" means from that day on.
const isExpired = (entry: AllowlistEntry, now: Date): boolean =>
  entry.expires !== undefined && now.getTime() >= Date.parse(`${entry.expires}T00:00:00Z`);

const appliesTo = (entry: AllowlistEntry, finding: Finding): boolean =>
  entry.fingerprint === finding.fingerprint && (entry.path === undefined || compileGlob(entry.path)(finding.path));

function byAllowlist(finding: Finding, allowlist: readonly AllowlistEntry[], now: Date, notes: string[]): Suppression | undefined {
  const entries = allowlist.filter((entry) => appliesTo(entry, finding));
  const active = entries.find((entry) => !isExpired(entry, now));
  if (active) return { by: "allowlist", reason: active.reason, ...(active.expires ? { expires: active.expires } : {}) };
  for (const entry of entries) {
    notes.push(
      `allowlist entry "${entry.reason}" expired on ${entry.expires} and no longer suppresses this finding: ` +
        "revoke the token and remove it, or renew the entry with a later expires date",
    );
  }
  return undefined;
}

function byInlineComment(finding: Finding, lines: readonly string[], inlineIgnore: SasGuardConfig["inlineIgnore"], notes: string[]): Suppression | undefined {
  const comment = findInlineIgnore(lines, finding.line);
  if (!comment) return undefined;
  if (!inlineIgnore) {
    notes.push(`sas-guard:ignore on line ${comment.line} is not honoured because inlineIgnore is false; use an allowlist entry`);
    return undefined;
  }
  if (comment.reason === undefined) {
    notes.push(
      `sas-guard:ignore on line ${comment.line} has no reason, so it does not suppress this finding: ` +
        'write sas-guard:ignore reason="why this token is safe to keep"',
    );
    return undefined;
  }
  return { by: "inline", reason: comment.reason };
}

/** Copies of `findings` with `suppression` and `notes` set where the allowlist or an inline comment applies. */
export function applySuppressions(findings: readonly Finding[], input: SuppressionInput): Finding[] {
  const { text, config, now } = input;
  const lines = findings.length > 0 && mentionsInlineIgnore(text) ? text.split("\n") : [];
  return findings.map((finding) => {
    const notes = [...(finding.notes ?? [])];
    const suppression =
      finding.suppression ??
      byAllowlist(finding, config.allowlist, now, notes) ??
      byInlineComment(finding, lines, config.inlineIgnore, notes);
    return { ...finding, ...(suppression ? { suppression } : {}), ...(notes.length > 0 ? { notes } : {}) };
  });
}
