// Public API of the detection engine: text in, findings out. Pure: no I/O, no clock, no GitHub.
export { scanText, scanTextLimited } from "./scan-text.js";
export { Secret } from "./secret.js";
export { compareSeverity, maxSeverity, lowerSeverity, raiseSeverity, atLeast } from "./severity.js";
export * from "./types.js";
