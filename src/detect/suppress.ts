// Marks findings the repository accepts on purpose: an allowlist entry (by fingerprint, optionally limited to a
// path glob, until an optional date) or an inline `sas-guard:ignore reason="…"` comment. Pure: the date is an
// argument. Suppressed findings are kept and reported as suppressed, never dropped (secretlint's rule).
import { assignInlineIgnores, type InlineIgnore } from "./inline-ignore.js";
import { redactSecretsInText } from "./redact-text.js";
import { withStep } from "./severity-trail.js";
import type { Finding, Suppression } from "./types.js";

/** An allowlist entry of the config, its path glob compiled once per scan (src/scan/scan-config.ts). */
export interface AllowRule {
  fingerprint: string;
  reason: string;
  /** ISO date (YYYY-MM-DD) from which the entry no longer applies. */
  expires?: string;
  /** The entry's `path` glob, compiled; absent when the entry applies everywhere. */
  matchesPath?: (path: string) => boolean;
}

/** Config `inlineIgnore` (the schema's type, restated here: detect imports nothing outside itself). */
export type InlineIgnoreSetting = boolean | "fail" | "warn" | "allow";

export interface SuppressionInput {
  /** The text the findings were found in, for inline comments. */
  text: string;
  allowlist: readonly AllowRule[];
  /** Config `inlineIgnore`: whether `sas-guard:ignore` comments count (false: never; any mode: yes, and src/github/added-ignores.ts decides what an ignore a change adds to itself does). */
  inlineIgnore: InlineIgnoreSetting;
  now: Date;
}

// An entry applies until the start (00:00 UTC) of its `expires` day: "expired on 2026-01-01" means from that day on.
const isExpired = (entry: AllowRule, now: Date): boolean => entry.expires !== undefined && now.getTime() >= Date.parse(`${entry.expires}T00:00:00Z`);

const appliesTo = (entry: AllowRule, finding: Finding): boolean =>
  entry.fingerprint === finding.fingerprint && (entry.matchesPath === undefined || entry.matchesPath(finding.path));

function byAllowlist(finding: Finding, allowlist: readonly AllowRule[], now: Date, notes: string[]): Suppression | undefined {
  const entries = allowlist.filter((entry) => appliesTo(entry, finding));
  const active = entries.find((entry) => !isExpired(entry, now));
  if (active) return { by: "allowlist", reason: redactSecretsInText(active.reason), ...(active.expires ? { expires: active.expires } : {}) };
  for (const entry of entries) {
    notes.push(
      `allowlist entry "${redactSecretsInText(entry.reason)}" expired on ${entry.expires} and no longer suppresses this finding: ` +
        "revoke the token and remove it, or renew the entry with a later expires date",
    );
  }
  return undefined;
}

function byInlineComment(comment: InlineIgnore | undefined, inlineIgnore: InlineIgnoreSetting, notes: string[]): Suppression | undefined {
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
  const { text, allowlist, inlineIgnore, now } = input;
  const { covered, nearby } = assignInlineIgnores(text, findings);
  return findings.map((finding, i) => {
    if (finding.suppression) return finding;
    const notes = [...(finding.notes ?? [])];
    const suppression = byAllowlist(finding, allowlist, now, notes) ?? byInlineComment(covered.get(i), inlineIgnore, notes);
    const near = nearby.get(i);
    if (!suppression && near) {
      notes.push(
        `sas-guard:ignore on line ${near.line} applies only to the token next to it, not to this one (column ${finding.column}): ` +
          "put a comment next to this token, or use an allowlist entry",
      );
    }
    const out = { ...finding, ...(notes.length > 0 ? { notes } : {}) };
    // The severity stays: a suppressed finding is still reported as what it is, marked accepted.
    return suppression
      ? { ...withStep(out, "suppression", out.severity, suppression.by === "inline" ? "inline sas-guard:ignore" : "allowlist entry"), suppression }
      : out;
  });
}
