// The organisation's dashboard issue (and `sas-guard audit --format markdown`): every open credential across the
// org, riskiest first, with links to where it sits, then the lists a security team asks for: expiring within 30
// days, never expires, live (verified), recently fixed. Pure. Every string from a repository (names, paths, engine
// sentences quoting token fields) is escaped; tokens appear only in their redacted form, with their fingerprint.
import { byRisk, daysToExpiry, isActive } from "./rate-record.js";
import type { InventoryLocation, InventoryRecord, OrgInventory } from "./types.js";
import { SEVERITIES, type Severity } from "../../detect/types.js";
import { KIND_LABEL, SEVERITY_LABEL, plural } from "../../report/explain-finding.js";
import { codeSpan, encodePath, escapeText, link, row } from "../../report/markdown.js";

export const INVENTORY_MARKER = "<!-- sas-guard:inventory -->";
const MAX_BODY = 65_000; // GitHub: an issue body holds at most 65 536 characters
const RECENT_DAYS = 30;

export interface DashboardOptions {
  webBaseUrl: string;
  now: Date;
}

const day = (iso: string): string => iso.slice(0, 10);

export const locationUrl = (web: string, org: string, l: InventoryLocation): string =>
  `${web.replace(/\/+$/, "")}/${encodeURIComponent(org)}/${encodeURIComponent(l.repo)}/blob/${l.commit}/${encodePath(l.path)}#L${l.line}`;

function where(inv: OrgInventory, r: InventoryRecord, web: string): string {
  const shown = [...r.locations].sort((a, b) => Number(b.atHead) - Number(a.atHead)).slice(0, 5);
  const cells = shown.map((l) => {
    const state = l.atHead ? "" : l.historyGone ? " (gone)" : " (history only)";
    return `${link(escapeText(`${l.repo}/${l.path}#L${l.line}`), locationUrl(web, inv.org, l))}${state}`;
  });
  if (r.locations.length > shown.length) cells.push(`and ${r.locations.length - shown.length} more`);
  return cells.join("<br>");
}

function expiryCell(r: InventoryRecord, now: Date): string {
  const d = daysToExpiry(r, now);
  if (d === undefined) return "never";
  if (d < 0) return `expired ${day(r.expiry!)}`;
  return `${day(r.expiry!)} (in ${plural(d, "day")})`;
}

function statusCell(r: InventoryRecord): string {
  const parts: string[] = [r.status];
  if (r.statusNote) parts.push(r.statusNote);
  if (r.suppression) parts.push(`allowlisted (${r.suppression.by}): ${r.suppression.reason}${r.suppression.until ? ` until ${r.suppression.until}` : ""}`);
  if (r.liftedSuppression) parts.push(`allowlist entry expired ${r.liftedSuppression.until ?? ""}: counts again`.replace("  ", " "));
  if (r.verification) parts.push(`verified: ${r.verification.status} (${day(r.verification.checkedAt)})`);
  return escapeText(parts.join("; "));
}

const tokenCell = (r: InventoryRecord): string => `${codeSpan(r.redacted)}<br>${codeSpan(r.fingerprint)}`;

function table(inv: OrgInventory, records: InventoryRecord[], o: DashboardOptions): string[] {
  return [
    row(["Severity", "What it allows", "Where", "Token", "Expires", "Exposed", "Status"]),
    row(["---", "---", "---", "---", "---", "---", "---"]),
    ...records.map((r) =>
      row([
        SEVERITY_LABEL[r.severity],
        escapeText(`${KIND_LABEL[r.kind]}: ${r.summary}`),
        where(inv, r, o.webBaseUrl),
        tokenCell(r),
        expiryCell(r, o.now),
        escapeText(`${r.exposure.visibility}${r.exposure.since ? ` since ${day(r.exposure.since)}` : ""}`),
        statusCell(r),
      ]),
    ),
  ];
}

const bullet = (inv: OrgInventory, r: InventoryRecord, o: DashboardOptions, extra: string): string => {
  const first = r.locations.find((l) => l.atHead) ?? r.locations[0];
  const at = first ? link(escapeText(`${first.repo}/${first.path}#L${first.line}`), locationUrl(o.webBaseUrl, inv.org, first)) : "";
  return `- ${SEVERITY_LABEL[r.severity]}: ${escapeText(r.summary)} · ${codeSpan(r.fingerprint)} · ${at} · ${escapeText(extra)}`;
};

export function renderInventoryDashboard(inv: OrgInventory, o: DashboardOptions): { title: string; body: string } {
  const all = Object.values(inv.records).sort(byRisk);
  const open = all.filter(isActive);
  const active = open.filter((r) => !r.suppression);
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const r of active) counts[r.severity]++;
  const title = `SAS Guard: ${plural(active.length, "open Azure credential")} in ${inv.org}`;
  const soon = open.filter((r) => {
    const d = daysToExpiry(r, o.now);
    return d !== undefined && d >= 0 && d <= 30;
  });
  const never = open.filter((r) => r.expiry === undefined);
  const live = open.filter((r) => r.verification?.status === "live");
  const since = o.now.getTime() - RECENT_DAYS * 86_400_000;
  const recent = all.filter((r) => {
    const removed = r.locations
      .map((l) => l.removedFromHeadAt)
      .filter((x): x is string => !!x)
      .sort()
      .pop();
    return (
      (!isActive(r) && Date.parse(r.statusChangedAt) >= since) || (!r.locations.some((l) => l.atHead) && removed !== undefined && Date.parse(removed) >= since)
    );
  });
  const lines = [
    INVENTORY_MARKER,
    `Every Azure credential SAS Guard has found on the default branches of **${escapeText(inv.org)}**, kept current by each default-branch scan and re-evaluated daily. Updated ${o.now.toISOString().replace(/\.\d{3}Z$/, "Z")}.`,
    "A token keeps working for anyone who has read it until it is **revoked** or expires: deleting it from the code, or even from history, does not revoke it. Tokens are shown redacted, with their fingerprint.",
    "",
    row(SEVERITIES.map((s) => SEVERITY_LABEL[s])),
    row(SEVERITIES.map(() => "---")),
    row(SEVERITIES.map((s) => String(counts[s]))),
    "",
    `${plural(active.length, "open credential")}, ${plural(open.length - active.length, "allowlisted one")}, across ${plural(new Set(open.flatMap((r) => r.locations.map((l) => l.repo))).size, "repository", "repositories")}.`,
  ];
  const sections: [string, string[]][] = [
    ["Open credentials, riskiest first", open.length ? table(inv, open, o) : ["None."]],
    ["Expiring within 30 days", soon.length ? soon.map((r) => bullet(inv, r, o, `expires ${expiryCell(r, o.now)}`)) : ["None."]],
    ["Never expires", never.length ? never.map((r) => bullet(inv, r, o, "no expiry: valid until revoked")) : ["None."]],
    [
      "Live (verified)",
      live.length
        ? live.map((r) => bullet(inv, r, o, `the service accepted it on ${day(r.verification!.checkedAt)}`))
        : ["None verified live (verification is opt-in: `verify.enabled`)."],
    ],
    [
      `Recently fixed (last ${RECENT_DAYS} days)`,
      recent.length ? recent.map((r) => bullet(inv, r, o, `${r.status}${r.statusNote ? `: ${r.statusNote}` : ""}`)) : ["None."],
    ],
  ];
  let body = lines.join("\n");
  for (const [heading, content] of sections) {
    const block = `\n\n### ${heading}\n\n`;
    let text = block;
    let omitted = 0;
    for (const line of content) {
      if (body.length + text.length + line.length + 400 > MAX_BODY) omitted++;
      else text += `${line}\n`;
    }
    if (omitted) text += `\n… and ${omitted} more (the issue body is limited): run \`sas-guard audit --org ${inv.org} --format json\` for all of them.\n`;
    body += text.trimEnd();
  }
  body += "\n\n---\nUpdated in place by SAS Guard (`inventory` in the organisation's `.github/sas-guard.yml`). Do not edit: changes are overwritten.";
  return { title, body };
}
