// How a wrong value is quoted back in a config error: "(got X)". Config errors end up in check runs and CI logs,
// so a value that looks like a credential (someone pasted the token instead of its fingerprint) is never echoed.

import { carriesSecret } from "../detect/redact-text.js";

const MAX_SHOWN = 40;
const SECRET_MARKERS = /sig=|accountkey=|sharedaccesskey=|sharedaccesssignature/i;
const BASE64_RUN = /[A-Za-z0-9+/]{32,}/g;

/** A SAS parameter, a connection-string key, or a long base64 run mixing cases and digits (a key or signature). */
export function looksLikeSecret(text: string): boolean {
  // carriesSecret: the free-text redaction's view (percent-encoded signatures, whose base64 runs are short)
  if (SECRET_MARKERS.test(text) || carriesSecret(text)) return true;
  return (text.match(BASE64_RUN) ?? []).some((run) => /\d/.test(run) && /[a-z]/.test(run) && /[A-Z]/.test(run));
}

/** `"text"`, `12`, `true`, `a list`, `a mapping`, `nothing`, or a placeholder for secret-looking text. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value !== "string") return String(value);
  if (looksLikeSecret(value)) return "a value that looks like a secret, not shown";
  const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
  return JSON.stringify(shown);
}
