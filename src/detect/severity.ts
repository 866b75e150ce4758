import { SEVERITIES, type Severity } from "./types.js";

const rank = (s: Severity): number => SEVERITIES.length - 1 - SEVERITIES.indexOf(s); // info 0 … critical 4

/** Negative when a is less severe than b. */
export const compareSeverity = (a: Severity, b: Severity): number => rank(a) - rank(b);

export const maxSeverity = (a: Severity, b: Severity): Severity => (rank(a) >= rank(b) ? a : b);

/** True when `s` is at or above `threshold`. */
export const atLeast = (s: Severity, threshold: Severity): boolean => rank(s) >= rank(threshold);

/** One level lower, never below `floor`. */
export function lowerSeverity(s: Severity, floor: Severity = "low"): Severity {
  if (rank(s) <= rank(floor)) return s;
  return SEVERITIES[SEVERITIES.indexOf(s) + 1];
}

/** One level higher, never above critical. */
export function raiseSeverity(s: Severity): Severity {
  return s === "critical" ? s : SEVERITIES[SEVERITIES.indexOf(s) - 1];
}
