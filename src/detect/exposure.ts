// Incident response for one finding: how long the token has been exposed and to whom, what that changes in its
// severity, and where to look for abuse. Pure: the exposure facts come from the CLI (git) or the App (API).
import { parseSasTime } from "./sas-time.js";
import { servicesPhrase } from "./explain.js";
import { raiseSeverity } from "./severity.js";
import type { Exposure, Finding } from "./types.js";

const DAY = 86_400_000;

/** "3 years 8 months", "5 months", "12 days" */
export function exposureDuration(sinceIso: string, now: Date): string {
  const days = Math.max(0, Math.floor((now.getTime() - Date.parse(sinceIso)) / DAY));
  const years = Math.floor(days / 365);
  const months = Math.floor((days % 365) / 30);
  if (years > 0) return `${years} year${years === 1 ? "" : "s"}${months ? ` ${months} month${months === 1 ? "" : "s"}` : ""}`;
  if (months > 0) return `${months} month${months === 1 ? "" : "s"}`;
  return `${days} day${days === 1 ? "" : "s"}`;
}

/** "Exposed since 2021-10-05 (3 years 8 months), still on main; public repository with 12 forks." */
export function exposureSentence(e: Exposure, now: Date): string {
  const parts: string[] = [];
  if (e.since) parts.push(`Exposed since ${e.since.slice(0, 10)} (${exposureDuration(e.since, now)})${e.commit ? ` in commit ${e.commit.slice(0, 7)}${e.author ? ` by ${e.author}` : ""}` : ""}`);
  if (e.stillPresent !== undefined) parts.push(e.stillPresent ? `still on ${e.branch ?? "the default branch"}` : `no longer on ${e.branch ?? "the default branch"}, but still in its history`);
  const forks = e.forks ? ` with ${e.forks} fork${e.forks === 1 ? "" : "s"}` : "";
  const joined = parts.join(", ");
  const when = joined ? `${joined[0].toUpperCase()}${joined.slice(1)}` : "";
  if (e.visibility === "unknown") return when ? `${when}.` : "";
  // Alone, the visibility reads as a sentence of its own ("The repository is private.").
  if (!when) return `The repository is ${e.visibility}${forks}.`;
  return `${when}; ${e.visibility} repository${forks}.`;
}

const isExpired = (f: Finding, now: Date): boolean => f.severity === "info" && f.reasons.some((r) => r.id === "expired") && !!f.token.expiry && (parseSasTime(f.token.expiry) ?? Infinity) < now.getTime();

/**
 * Adds what is known of the exposure. A token in a public repository (or a public fork) has been readable by
 * anyone, and may live on in mirrors and archives: reason `public-repository`, one level higher (never above
 * critical, never for an expired token). The remediation gains an investigation step for the window.
 */
export function applyExposure(f: Finding, e: Exposure, now: Date): Finding {
  const out: Finding = { ...f, exposure: { ...e, summary: exposureSentence(e, now) }, reasons: [...f.reasons], remediation: [...f.remediation] };
  if (e.visibility === "public" && !isExpired(f, now) && !f.reasons.some((r) => r.id === "public-repository")) {
    out.reasons.push({
      id: "public-repository",
      message: `The repository is public${e.forks ? ` and has ${e.forks} fork${e.forks === 1 ? "" : "s"}` : ""}: anyone on the internet could read this token, and copies may live on in forks, mirrors and archives.`,
    });
    out.severity = raiseSeverity(f.severity);
  }
  const step = investigationStep(f, e, now);
  const revokeAt = out.remediation.findIndex((s) => s.startsWith("Remove it"));
  out.remediation.splice(revokeAt === -1 ? out.remediation.length : revokeAt, 0, step);
  return out;
}

/** Where to look for use of the token during its exposure window. */
export function investigationStep(f: Finding, e: Exposure, now: Date): string {
  const t = f.token;
  const from = e.since ? e.since.slice(0, 10) : "the day it was first committed";
  const window = `from ${from} until you revoke it`;
  const history = "Removing the commit from history does not undo the exposure: assume anyone who could read the repository in that window may have copied it.";
  switch (f.kind) {
    case "servicebus-sas":
    case "connection-string":
      if (t.keyName !== undefined || f.kind === "servicebus-sas") {
        return `Investigate: in Azure Monitor, query the namespace${t.account ? ` \`${t.account}\`` : ""}'s resource logs (RuntimeAuditLogs, and the Incoming/Outgoing Messages metrics) ${window} for clients authenticated with rule \`${t.keyName ?? "(unknown)"}\` that you do not recognise. ${history}`;
      }
      break;
  }
  const account = t.account ? ` \`${t.account}\`` : "";
  const auth = f.kind === "storage-account-key" || f.kind === "connection-string" ? "AccountKey (Shared Key) or SAS" : "SAS";
  const reach =
    f.kind === "account-sas"
      ? `every resource of ${servicesPhrase(t.services ?? "bfqt")} in the account`
      : t.resourcePath
        ? `\`${t.resourcePath}\` and what is under it`
        : "the resource the token names";
  void now;
  return `Investigate: query the storage account${account}'s resource logs in Azure Monitor (StorageBlobLogs, StorageFileLogs, StorageQueueLogs, StorageTableLogs) or Storage Analytics logs ${window}, filtered on AuthenticationType ${auth}, for reads, writes, deletes and list calls on ${reach} from callers you do not recognise (CallerIpAddress, UserAgentHeader). ${history}`;
}
