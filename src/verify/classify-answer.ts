// What the service's answer means for the token. Azure authenticates a SAS (signature, time window, stored policy)
// before it authorizes the operation (permissions, resource type, service), so any authorization error after
// authentication says the signature was accepted: the token is live even if this probe was not permitted.
// Error codes: https://learn.microsoft.com/rest/api/storageservices/common-rest-api-error-codes
import type { Finding, VerificationStatus } from "../detect/types.js";
import type { ProbeAnswer } from "./send-probe.js";

export interface Classified {
  status: VerificationStatus;
  detail: string;
}

/** Authorization errors Azure returns only once the signature and time window were accepted. */
const ACCEPTED_BUT_NOT_PERMITTED = new Set([
  "AuthorizationPermissionMismatch",
  "AuthorizationResourceTypeMismatch",
  "AuthorizationServiceMismatch",
  "AuthorizationProtocolMismatch",
]);

// Azure's AuthenticationErrorDetail for a SAS outside its window: "Signature not valid in the specified time frame".
const TIME_FRAME = /time frame|expired/i;
// Azure says AuthenticationFailed; Azurite says AuthorizationFailure with the same "failed to authenticate" message.
// The account firewall also answers AuthorizationFailure, but with "not authorized to perform this operation": that
// one says nothing about the token and must not be read as a revocation.
const FAILED_TO_AUTHENTICATE = /failed to authenticate/i;

function authenticationFailure(a: ProbeAnswer, f: Finding, auth: "sas" | "shared-key", now: Date): Classified {
  const expiry = f.token.expiry ? Date.parse(f.token.expiry) : NaN;
  const start = f.token.start ? Date.parse(f.token.start) : NaN;
  if (!Number.isNaN(expiry) && expiry <= now.getTime()) {
    return { status: "expired", detail: `the service refused it and its expiry (${f.token.expiry}) has passed` };
  }
  if (a.authenticationDetail && TIME_FRAME.test(a.authenticationDetail)) {
    if (!Number.isNaN(start) && start > now.getTime()) return { status: "unknown", detail: `not valid yet: it starts at ${f.token.start}` };
    return { status: "expired", detail: "the service says it is outside its validity window (expired, or its stored access policy expired)" };
  }
  if (auth === "shared-key") return { status: "revoked", detail: "the service rejected the key's signature: the key was rotated or is not this account's" };
  if (f.token.storedPolicy) {
    return {
      status: "revoked",
      detail: `the service refused to authenticate it: its stored access policy "${f.token.storedPolicy}" was deleted or changed, or the signing key was rotated`,
    };
  }
  return { status: "revoked", detail: "the service refused to authenticate it: the signing key was rotated, or the signature is invalid" };
}

/** Maps one HTTP answer to a status. `atAccountRoot` is true when the probe addressed the account itself. */
export function classifyAnswer(a: ProbeAnswer, f: Finding, auth: "sas" | "shared-key", now: Date, atAccountRoot: boolean): Classified {
  const code = a.errorCode ?? "";
  if (a.statusCode >= 200 && a.statusCode < 300) return { status: "live", detail: "the service accepted it" };
  if (a.statusCode >= 300 && a.statusCode < 400) {
    return { status: "unknown", detail: `the service answered with a redirect to ${a.redirectHost ?? "another location"}, which is never followed` };
  }
  if (a.statusCode === 403) {
    if (code === "AuthorizationSourceIPMismatch")
      return { status: "ip-restricted", detail: "the service refused this caller's IP address: the token only works from the range in its sip" };
    if (ACCEPTED_BUT_NOT_PERMITTED.has(code))
      return { status: "live", detail: `the service accepted the signature but not this probe (${code}): the token works for what it grants` };
    if (code === "AuthenticationFailed" || (code === "AuthorizationFailure" && FAILED_TO_AUTHENTICATE.test(a.message ?? "")))
      return authenticationFailure(a, f, auth, now);
    if (code === "KeyBasedAuthenticationNotPermitted")
      return { status: "revoked", detail: "Shared Key authorization is disabled on the account, so key-signed tokens do not work (until it is enabled again)" };
    if (code === "AuthorizationFailure")
      return {
        status: "unknown",
        detail: "the account's network rules (firewall) or another policy refused this caller: the token may still work from elsewhere",
      };
  }
  if ((a.statusCode === 404 || a.statusCode === 400) && atAccountRoot && ["ResourceNotFound", "InvalidResourceName", "AccountNotFound"].includes(code)) {
    return { status: "account-not-found", detail: "the service says the storage account does not exist" };
  }
  return { status: "unknown", detail: `unexpected answer HTTP ${a.statusCode}${code ? ` ${code}` : ""}: cannot tell whether it works` };
}
