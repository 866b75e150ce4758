// Rebuilds a SAS query string from a finding. The engine keeps every SAS parameter, percent-decoded and in the order
// written, in `finding.redacted` with only the signature replaced; the signature comes from `finding.secret`. The
// result holds the secret: it goes into the request line and nowhere else (never a log, an error or a result).
import type { Finding } from "../detect/types.js";

/** The non-secret SAS parameters of a finding's redacted form, as [name, decoded value], in written order. */
export function sasParams(redacted: string): [string, string][] {
  const q = /^[a-z][a-z0-9+.-]*:\/\//i.test(redacted) ? redacted.slice(redacted.indexOf("?") + 1) : redacted;
  return q
    .split("&")
    .map((pair): [string, string] => {
      const eq = pair.indexOf("=");
      return eq === -1 ? [pair, ""] : [pair.slice(0, eq), pair.slice(eq + 1)];
    })
    .filter(([name]) => /^[a-z]{2,6}$/.test(name));
}

/** `sv=…&…&sig=…`, each value percent-encoded, with the real signature. */
export function sasQuery(finding: Pick<Finding, "redacted" | "secret">): string {
  const params = sasParams(finding.redacted);
  if (!params.some(([n]) => n === "sig")) params.push(["sig", ""]);
  return params.map(([n, v]) => `${n}=${encodeURIComponent(n === "sig" ? finding.secret.reveal() : v)}`).join("&");
}

/** `scheme://host[:port]/path` of a SAS URL finding (the part before `?`), when the token was a URL. */
export function sasUrlBase(redacted: string): URL | undefined {
  if (!/^https?:\/\//i.test(redacted)) return undefined;
  try {
    return new URL(redacted.slice(0, redacted.indexOf("?") === -1 ? undefined : redacted.indexOf("?")));
  } catch {
    return undefined;
  }
}
