// SAS times: ISO 8601 UTC in storage tokens (`2051-10-06T07:09:59Z`, `2029-09-14T08:30Z`, a bare date, or 7-digit
// fractions from .NET), Unix seconds in Service Bus tokens. Normalised to `YYYY-MM-DDTHH:mm:ssZ`.
// Lower-case `t`/`z` too: azcopy logs print `se=2026-01-02t23:42:28z`, and the service accepts it.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?([Zz]|[+-]\d{2}:?\d{2})?$/;

/** Milliseconds since the epoch, or undefined when the value is not a date. */
export function parseSasTime(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const m = ISO.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0", zone] = m;
  let t = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  if (zone && zone.toUpperCase() !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    t -= sign * (+digits.slice(0, 2) * 60 + +digits.slice(2)) * 60_000;
  }
  return Number.isNaN(t) ? undefined : t;
}

export function parseUnixSeconds(value: string | undefined): number | undefined {
  if (!value || !/^\d{1,12}$/.test(value)) return undefined;
  return Number(value) * 1000;
}

export function formatIso(ms: number | undefined): string | undefined {
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** `2051-10-06` */
export const formatDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
