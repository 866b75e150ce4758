// Incident response for one finding: how long the token has been exposed and to whom, what that changes in its
// severity, and where to look for abuse. Pure: the exposure facts come from the CLI (git) or the App (API).
import { code, servicesPhrase } from "./explain.js";
import { insertStep } from "./remediation.js";
import { formatDate, parseAnyTime, parseSasTime } from "./sas-time.js";
import { literal, plainText, toText } from "./text.js";
import { raiseSeverity } from "./severity.js";
import { opensNothing, withStep } from "./severity-trail.js";
import type { Exposure, Finding } from "./types.js";

const DAY = 86_400_000;

/** "3 years 8 months", "5 months", "12 days", "less than a day" */
export function exposureDuration(sinceIso: string, now: Date): string {
  const days = Math.max(0, Math.floor((now.getTime() - Date.parse(sinceIso)) / DAY));
  const years = Math.floor(days / 365);
  // 360–364 days past a year are still "11 months", never "12 months"
  const months = Math.min(11, Math.floor((days % 365) / 30));
  if (years > 0) return `${years} year${years === 1 ? "" : "s"}${months ? ` ${months} month${months === 1 ? "" : "s"}` : ""}`;
  if (months > 0) return `${months} month${months === 1 ? "" : "s"}`;
  if (days === 0) return "less than a day";
  return `${days} day${days === 1 ? "" : "s"}`;
}

/** "Exposed since 2021-10-05 (3 years 8 months), still on main; public repository with 12 forks." */
export function exposureSentence(e: Exposure, now: Date): string {
  const parts: string[] = [];
  if (e.since && !Number.isNaN(Date.parse(e.since)))
    parts.push(
      `Exposed since ${e.since.slice(0, 10)} (${exposureDuration(e.since, now)})${e.commit ? ` in commit ${e.commit.slice(0, 7)}${e.author ? ` by ${e.author}` : ""}` : ""}`,
    );
  if (e.stillPresent !== undefined)
    parts.push(e.stillPresent ? `still on ${e.branch ?? "the default branch"}` : `no longer on ${e.branch ?? "the default branch"}, but still in its history`);
  const forks = e.forks ? ` with ${e.forks} fork${e.forks === 1 ? "" : "s"}` : "";
  const joined = parts.join(", ");
  const when = joined ? `${joined[0].toUpperCase()}${joined.slice(1)}` : "";
  if (e.visibility === "unknown") return when ? `${when}.` : "";
  // Alone, the visibility reads as a sentence of its own ("The repository is private.").
  if (!when) return `The repository is ${e.visibility}${forks}.`;
  return `${when}; ${e.visibility} repository${forks}.`;
}

/**
 * Expired as the engine judged it (reason `expired`: the end of its window, including a user delegation key's
 * `ske`, with the clock-skew allowance) or as Azure Storage answered it (`verified-expired`). A service that
 * accepted the token (`verified-live`) outweighs the fields.
 */
const isExpired = (f: Finding): boolean =>
  !f.reasons.some((r) => r.id === "verified-live") && f.reasons.some((r) => r.id === "expired" || r.id === "verified-expired");

/**
 * Adds what is known of the exposure. A token in a public repository (or a public fork) has been readable by
 * anyone, and may live on in mirrors and archives: reason `public-repository`, one level higher (never above
 * critical, never for a token that opens nothing: expired, revoked, account gone). The remediation gains an investigation step for the window.
 */
export function applyExposure(f: Finding, e: Exposure, now: Date): Finding {
  let out: Finding = { ...f, exposure: { ...e, summary: exposureSentence(e, now) }, reasons: [...f.reasons] };
  // A token that opens nothing (expired, revoked, account gone) stays info: being readable does not make it usable.
  if (e.visibility === "public" && !opensNothing(f) && !f.reasons.some((r) => r.id === "public-repository")) {
    out.reasons.push({
      id: "public-repository",
      message: `The repository is public${e.forks ? ` and has ${e.forks} fork${e.forks === 1 ? "" : "s"}` : ""}: anyone on the internet could read this token, and copies may live on in forks, mirrors and archives.`,
    });
    out = withStep(out, "exposure", raiseSeverity(f.severity), "public-repository");
  }
  // After the revoke step, before "Remove it"; applied again (a re-scan of a report), it replaces its own step.
  const investigate = { action: "investigate" as const, text: toText(investigationMarked(f, e, now)), short: literal("Check the logs for its use") };
  return { ...out, ...insertStep(f, investigate, "remove") };
}

/** "2025-12-01": when an expired token stopped working (a user delegation SAS dies with its key), when known. */
function expiredOn(f: Finding, now: Date): string | undefined {
  const ends = [f.token.expiry, f.token.delegation?.keyExpiry]
    .map((t) => (f.kind === "servicebus-sas" ? parseAnyTime(t) : parseSasTime(t)))
    .filter((t): t is number => t !== undefined && t <= now.getTime());
  return ends.length > 0 ? formatDate(Math.min(...ends)) : undefined;
}

const LOG_TABLE: Record<string, string> = { b: "StorageBlobLogs", f: "StorageFileLogs", q: "StorageQueueLogs", t: "StorageTableLogs" };
const SERVICE_LETTER: Record<string, string> = { blob: "b", dfs: "b", web: "b", file: "f", queue: "q", table: "t" };

/** The Azure Monitor tables that can hold the token's use: those of the services it reaches (all four when unknown). */
function logTables(f: Finding): string[] {
  const t = f.token;
  const letters =
    f.kind === "account-sas"
      ? (t.services ?? "")
      : f.kind === "service-sas" || f.kind === "user-delegation-sas"
        ? t.service
          ? (SERVICE_LETTER[t.service] ?? "")
          : t.tableName
            ? "t"
            : ""
        : "";
  const tables = [...new Set([...letters].map((l) => LOG_TABLE[l]).filter(Boolean))];
  return tables.length > 0 ? tables : Object.values(LOG_TABLE);
}

/** Where to look for use of the token during its exposure window (plain text, values in backticks). */
export const investigationStep = (f: Finding, e: Exposure, now: Date): string => plainText(toText(investigationMarked(f, e, now)));

// Values marked with code(): the structured step keeps them as code spans.
function investigationMarked(f: Finding, e: Exposure, now: Date): string {
  const t = f.token;
  const from = e.since ? e.since.slice(0, 10) : "the day it was first committed";
  const expired = isExpired(f);
  const endedOn = expired ? expiredOn(f, now) : undefined;
  // Committed after it had expired: the window is empty, nothing could have used it from the repository.
  if (endedOn && e.since && endedOn < e.since.slice(0, 10)) {
    return `Investigate: nothing to look for from this exposure: the token had already expired on ${endedOn} when it was first committed on ${e.since.slice(0, 10)}. Check where else it was shared before then.`;
  }
  const window = expired ? `from ${from} until it expired${endedOn ? ` on ${endedOn}` : ""}` : `from ${from} until you revoke it`;
  const history = "Removing the commit from history does not undo the exposure: assume anyone who could read the repository in that window may have copied it.";
  switch (f.kind) {
    case "servicebus-sas":
    case "connection-string":
      if (t.keyName !== undefined || f.kind === "servicebus-sas") {
        return `Investigate: in Azure Monitor, query the namespace${t.account ? ` ${code(t.account)}` : ""}'s resource logs (RuntimeAuditLogs, and the Incoming/Outgoing Messages metrics) ${window} for clients authenticated with rule ${code(t.keyName ?? "(unknown)")} that you do not recognise. ${history}`;
      }
      break;
  }
  const account = t.account ? ` ${code(t.account)}` : "";
  const auth = f.kind === "storage-account-key" || f.kind === "connection-string" ? "AccountKey (Shared Key) or SAS" : "SAS";
  const reach =
    f.kind === "storage-account-key" || f.kind === "connection-string"
      ? "everything in the account (and on any SAS signed with this key)"
      : f.kind === "account-sas"
        ? `every resource of ${servicesPhrase(t.services ?? "bfqt")} in the account`
        : t.resourcePath
          ? `${code(t.resourcePath)} and what is under it`
          : "the resource the token names";
  return `Investigate: query the storage account${account}'s resource logs in Azure Monitor (${logTables(f).join(", ")}) or Storage Analytics logs ${window}, filtered on AuthenticationType ${auth}, for reads, writes, deletes and list calls on ${reach} from callers you do not recognise (CallerIpAddress, UserAgentHeader). ${history}`;
}
