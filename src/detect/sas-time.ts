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
  // Out-of-range fields ("2030-99-99", "25:00") are not a time: Date.UTC would silently roll them over.
  if (+mo < 1 || +mo > 12 || +d < 1 || +d > 31 || +h > 24 || +mi > 59 || +s > 60) return undefined;
  const date = new Date(Date.UTC(2000, +mo - 1, +d, +h, +mi, +s));
  date.setUTCFullYear(+y); // Date.UTC maps years 0..99 to 1900..1999
  let t = date.getTime();
  if (zone && zone.toUpperCase() !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    t -= sign * (+digits.slice(0, 2) * 60 + +digits.slice(2)) * 60_000;
  }
  return validMs(t);
}

/** Date's range is ±8.64e15 ms: anything outside it (or NaN) makes `toISOString` throw, so it is "unknown". */
export const validMs = (ms: number | undefined): number | undefined => (ms !== undefined && Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? ms : undefined);

/** A Service Bus expiry as the engine stores it (ISO from Unix seconds, or the raw `se` value): ms, or unknown. */
export const parseAnyTime = (value: string | undefined): number | undefined =>
  value === undefined ? undefined : (parseSasTime(value) ?? validMs(Date.parse(value)));

export function parseUnixSeconds(value: string | undefined): number | undefined {
  if (!value || !/^\d{1,12}$/.test(value)) return undefined;
  return Number(value) * 1000;
}

export function formatIso(ms: number | undefined): string | undefined {
  const valid = validMs(ms);
  return valid === undefined ? undefined : new Date(valid).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** `2051-10-06`, or undefined when `ms` is not a valid time. */
export const formatDate = (ms: number): string | undefined => formatIso(ms)?.slice(0, 10);
