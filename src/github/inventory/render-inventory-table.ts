// `sas-guard audit --format json|csv`: the organisation inventory as data, one record per credential. Built
// field by field from the stored records (which never hold a secret). CSV fields are quoted per RFC 4180 and a
// leading =, +, -, @ is prefixed with ' so a spreadsheet does not run a repository's file name as a formula.
import { byRisk, daysToExpiry } from "./rate-record.js";
import type { InventoryRecord, OrgInventory } from "./types.js";

export function renderInventoryJson(inv: OrgInventory, now: Date): string {
  const records = Object.values(inv.records)
    .sort(byRisk)
    .map((r) => ({ ...r, daysToExpiry: daysToExpiry(r, now) ?? null }));
  return `${JSON.stringify({ org: inv.org, generatedAt: now.toISOString(), records }, null, 2)}\n`;
}

const CSV_COLUMNS = [
  "fingerprint",
  "status",
  "severity",
  "kind",
  "summary",
  "account",
  "expiry",
  "daysToExpiry",
  "visibility",
  "exposedSince",
  "suppressedBy",
  "suppressionReason",
  "suppressedUntil",
  "verification",
  "firstSeen",
  "lastSeen",
  "redacted",
  "locations",
] as const;

function cell(value: string | number | undefined): string {
  let v = value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const csvRow = (r: InventoryRecord, now: Date): string =>
  [
    r.fingerprint,
    r.status,
    r.severity,
    r.kind,
    r.summary,
    r.account,
    r.expiry,
    daysToExpiry(r, now),
    r.exposure.visibility,
    r.exposure.since,
    r.suppression?.by,
    r.suppression?.reason,
    r.suppression?.until,
    r.verification?.status,
    r.firstSeen,
    r.lastSeen,
    r.redacted,
    r.locations.map((l) => `${l.repo}/${l.path}:${l.line}${l.atHead ? "" : " (history)"}`).join("; "),
  ]
    .map(cell)
    .join(",");

export function renderInventoryCsv(inv: OrgInventory, now: Date): string {
  return `${[
    CSV_COLUMNS.join(","),
    ...Object.values(inv.records)
      .sort(byRisk)
      .map((r) => csvRow(r, now)),
  ].join("\r\n")}\r\n`;
}
