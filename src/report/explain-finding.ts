// The words every renderer uses for a finding (text, JSON notes, SARIF, check run, review comments):
// one place, so the terminal, the check run and a code-scanning alert never describe a token differently.
import { kindLabel } from "../detect/explain.js";
import { compareSeverity, atLeast } from "../detect/severity.js";
import { literal, plainText } from "../detect/text.js";
import { FINDING_KINDS, SEVERITIES, type Finding, type FindingKind, type Reason, type RemediationStep, type Severity, type Text } from "../detect/types.js";
import type { ScanReport } from "./scan-report.js";

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
  info: "Info",
};

/** "account SAS", "storage account key"…: the engine's own words, so summaries and headlines agree. */
export const KIND_LABEL = Object.fromEntries(FINDING_KINDS.map((k) => [k, kindLabel(k)])) as Record<FindingKind, string>;

/** What a credential of each kind is, and the generic way to revoke it (finding.remediation has the specific steps). */
export const KIND_INFO: Record<FindingKind, { description: string; revoke: string }> = {
  "account-sas": {
    description: "An account SAS is signed with a storage account key and can reach several services and resource types of the account at once.",
    revoke:
      "Rotate the storage account key that signed it (key1 or key2): an ad hoc SAS cannot be revoked any other way. Regenerate the key with `az storage account keys renew` after moving every client to the other key.",
  },
  "service-sas": {
    description: "A service SAS is signed with a storage account key and grants access to one container, blob, share, queue or table.",
    revoke: "If it names a stored access policy (`si`), delete or change that policy; otherwise rotate the storage account key that signed it.",
  },
  "user-delegation-sas": {
    description: "A user delegation SAS is signed with a Microsoft Entra user delegation key; it can do at most what the signing identity's roles allow.",
    revoke: "Revoke the account's user delegation keys (`az storage account revoke-delegation-keys`) or remove the signing identity's role assignment.",
  },
  "servicebus-sas": {
    description: "A Service Bus / Event Hubs SAS token is signed with the key of a shared access authorization rule of the namespace or entity.",
    revoke: "Regenerate the key of the authorization rule (`skn`) that signed it; every token signed with the old key stops working.",
  },
  "storage-account-key": {
    description: "A storage account key gives full control of the whole storage account and never expires.",
    revoke: "Rotate the key (`az storage account keys renew`) after moving clients to the other key or, better, to Microsoft Entra ID.",
  },
  "connection-string": {
    description: "A connection string that embeds an account key or a SAS token: whoever reads it has what that credential allows.",
    revoke: "Rotate the key the connection string embeds, or revoke the SAS it embeds.",
  },
  "iot-sas": {
    description: "An IoT Hub or Device Provisioning Service SAS token, signed with a shared access policy key or a device's own key.",
    revoke: "Regenerate the key of the policy (`skn`) or of the device that signed it; nothing else revokes the token before it expires.",
  },
  "iot-connection-string": {
    description: "An IoT Hub or Device Provisioning Service connection string: a shared access policy key, or a device or module key.",
    revoke:
      "Regenerate that policy's or device's key (`az iot hub policy renew-key`, `az iot hub device-identity renew-key`) after moving clients to the other key.",
  },
  "event-grid-key": {
    description: "An Event Grid topic or domain access key (`aeg-sas-key`): it publishes events and signs tokens, and never expires.",
    revoke: "Regenerate the key (`az eventgrid topic key regenerate`) after moving publishers to the other key.",
  },
  "event-grid-sas": {
    description: "An Event Grid SAS token (`aeg-sas-token`): publishes events to one topic or domain until it expires.",
    revoke: "Regenerate the topic key that signed it.",
  },
  "cosmos-db-key": {
    description: "A Cosmos DB account key (read-write or read-only), alone or in a connection string: access to every database in the account, no expiry.",
    revoke: "Regenerate the key (`az cosmosdb keys regenerate`) after moving clients to the other key or, better, to Microsoft Entra ID.",
  },
  "identifiable-key": {
    description: "A Microsoft identifiable key: its fixed signature and checksum name the Azure service that issued it, with no surrounding text.",
    revoke: "Regenerate the key on the resource that issued it, after moving clients to the other key.",
  },
};

/** The steps every secret leak shares after revocation: removing it is not enough once it was pushed. */
export const GENERIC_STEPS = [
  "Remove the credential from the code and from git history (a commit that deletes it leaves it in history).",
  "Load credentials at run time instead: managed identity or Microsoft Entra ID, Azure Key Vault, or a short-lived user delegation SAS.",
] as const;

// Code-unit order, not localeCompare: output must not change with the machine's locale.
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** By path, line, column. */
export const byLocation = (a: Finding, b: Finding): number => compareText(a.path, b.path) || a.line - b.line || a.column - b.column;

export const bySeverityDesc = (a: Finding, b: Finding): number => compareSeverity(b.severity, a.severity) || byLocation(a, b);

/** Worst first; ties by location, so every renderer lists findings in the same order. */
export const sortFindings = (findings: readonly Finding[]): Finding[] => [...findings].sort(bySeverityDesc);

export const activeFindings = (report: ScanReport): Finding[] => sortFindings(report.findings.filter((f) => !f.suppression));
export const suppressedFindings = (report: ScanReport): Finding[] => sortFindings(report.findings.filter((f) => f.suppression));

/** Unsuppressed findings at or above the report's failOn threshold: what makes the check fail and the CLI exit 1. */
export const failingFindings = (report: ScanReport): Finding[] => activeFindings(report).filter((f) => atLeast(f.severity, report.failOn));

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Kinds in their canonical order, only those present. */
export const kindsOf = (findings: readonly Finding[]): FindingKind[] => FINDING_KINDS.filter((k) => findings.some((f) => f.kind === k));

/** The reasons worth a headline: all of them up to `max`, in the engine's order (most important first). */
export const mainReasons = (finding: Finding, max = 3): Reason[] => finding.reasons.slice(0, max);

const has = (finding: Finding, ...ids: string[]): boolean => finding.reasons.some((r) => ids.includes(r.id));

/** " with full control", " with write access", " (read-only)", or "" when the reasons say nothing about access. */
export function accessPhrase(finding: Finding): string {
  if (has(finding, "full-permissions", "full-control", "account-key", "shared-access-key")) return " with full control";
  if (has(finding, "manage-rights")) return " with Manage rights";
  if (has(finding, "delete")) return " with delete access";
  if (has(finding, "write")) return " with write access";
  if (has(finding, "read-only")) return " (read-only)";
  return "";
}

/** " until 2051", " with no expiry", " (expired 2023)", or "". The year is enough for a headline. */
export function expiryPhrase(finding: Finding): string {
  const year = finding.token.expiry?.slice(0, 4);
  if (has(finding, "no-expiry")) return " with no expiry";
  if (has(finding, "expired")) return year ? ` (expired ${year})` : " (expired)";
  return year ? ` until ${year}` : "";
}

/** "Critical: account SAS with full control until 2051 in README.md" — the one-line headline of a finding. */
export function headline(finding: Finding, { withPath = true } = {}): string {
  const what = `${SEVERITY_LABEL[finding.severity]}: ${KIND_LABEL[finding.kind]}${accessPhrase(finding)}${expiryPhrase(finding)}`;
  return withPath ? `${what} in ${toPosixPath(finding.path)}` : what;
}

/** Forward slashes and no leading "./": the form GitHub, SARIF and people expect. */
export const toPosixPath = (path: string): string => path.replace(/\\/g, "/").replace(/^(\.\/)+/, "");

/** "until 2026-01-01" style suffix for a suppression, "" when it has no expiry. */
export const suppressionInWords = (finding: Finding): string => {
  const s = finding.suppression;
  if (!s) return "";
  const by = s.by === "inline" ? "inline sas-guard:ignore comment" : "allowlist";
  return `suppressed by ${by}: ${s.reason}${s.expires ? ` (until ${s.expires})` : ""}`;
};

/** Cut to at most `max` characters, ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? "")) end--; // never split a surrogate pair
  return `${text.slice(0, end)}…`;
}

// The structured explanation every surface renders. Findings built outside the engine (fixtures, reasons added by
// verification or exposure) carry plain strings only: those are shown as text, never parsed for code spans.

// The plain string is what JSON shows: if an adjuster changed it without the parts, the plain string wins.
const agreed = (text: Text | undefined, plain: string): Text => (text && plainText(text) === plain ? text : literal(plain));

export const reasonText = (r: Reason): Text => agreed(r.text, r.message);

export const summaryText = (f: Finding): Text => agreed(f.summaryText, f.summary);

/** The remediation steps; the plain strings win if an adjuster changed them without the structured steps. */
export function stepsOf(f: Finding): RemediationStep[] {
  if (f.steps && f.steps.length === f.remediation.length && f.steps.every((s, i) => plainText(s.text) === f.remediation[i])) return f.steps;
  // no structured step: a table cell still gets a few words, never the paragraph
  return f.remediation.map((s) => ({ action: "revoke", text: literal(s), short: literal(truncate(s, 90)) }));
}

/** The one thing to do first: the first step, in a few words. */
export const firstAction = (f: Finding): Text => stepsOf(f)[0]?.short ?? literal("Remove it from the code");

/**
 * What the token allows, without the kind the table already shows: "full control of storage account `x` until
 * 2051-10-06" from "account SAS with full control of …". The whole summary when it does not start that way.
 */
export function allowsText(f: Finding): Text {
  const text = summaryText(f);
  const prefix = `${KIND_LABEL[f.kind]} with `;
  const first = text[0];
  if (typeof first !== "string" || !first.startsWith(prefix) || (first.length === prefix.length && text.length === 1)) return text;
  const rest = first.slice(prefix.length);
  return rest ? [rest, ...text.slice(1)] : text.slice(1);
}

/** The exposure sentence, unless it only repeats the `public-repository` reason ("The repository is public."). */
export const exposureLine = (f: Finding): string | undefined =>
  f.exposure?.summary && (f.exposure.since || !f.reasons.some((r) => r.id === "public-repository")) ? f.exposure.summary : undefined;

// Reasons about how to revoke: the first remediation step already says it, so a short surface can leave them out.
const REVOCATION_REASONS = new Set<string>(["stored-policy", "no-stored-policy"]);

/** The reasons a short surface (the review comment) shows: all but the revocation ones, at most `max`. */
export const reasonsForShortSurface = (f: Finding, max = 5): Reason[] => f.reasons.filter((r) => !REVOCATION_REASONS.has(r.id)).slice(0, max);

const SERVICE_NAME: Record<string, string> = { b: "Blob", f: "File", q: "Queue", t: "Table" };

/** "every service", "Blob storage", "Blob and Queue storage": what an account SAS's `ss` reaches, briefly. */
function servicesInBrief(ss: string | undefined): string {
  const names = [...new Set([...(ss ?? "")].map((l) => SERVICE_NAME[l]).filter(Boolean))];
  if (names.length === 0 || names.length === 4) return "every service";
  return `${names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`} storage`;
}

/**
 * What the token allows in a few words, for a table cell: an account-wide token as "full control of every service
 * of storage account `x` until 2051-10-06" (the summary spells out every container, share, queue and table);
 * any other as its summary without the kind the table already shows.
 */
export function allowsInBrief(f: Finding): Text {
  const accountWide = has(f, "account-scope") && f.kind === "account-sas" && f.token.account;
  if (!accountWide) return allowsText(f);
  const access =
    accessPhrase(f)
      .replace(/^ with /, "")
      .replace(/^ \((.*)\)$/, "$1 access") || "access";
  const until = f.token.expiry ? (has(f, "expired") ? `, expired ${f.token.expiry.slice(0, 10)}` : ` until ${f.token.expiry.slice(0, 10)}`) : "";
  return [`${access} of ${servicesInBrief(f.token.services)} of storage account `, { code: f.token.account! }, until];
}
