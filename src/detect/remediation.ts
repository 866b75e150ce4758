// Ordered remediation: revoke first (removing the line does not revoke anything), then remove, then prevent.
import type { RiskAssessment } from "./assess-risk.js";
import type { Credential } from "./credential.js";
import { accountPhrase } from "./explain.js";

const REMOVE = "Remove it from the code and the configuration, and treat it as public: deleting the line or rewriting history does not revoke it, and copies may already exist in forks, clones and caches.";

export function remediationFor(c: Credential, a: RiskAssessment): string[] {
  const t = c.token;
  const acct = accountPhrase(t, c.kind === "servicebus-sas" || c.family === "servicebus-key");
  const steps: string[] = [];
  if (a.window === "expired") {
    steps.push("It has expired, so nothing needs revoking, but check that the same account key does not sign other long-lived tokens.");
    steps.push("Remove it from the code: it still reveals the account and resource names.");
    steps.push("Prefer user delegation SAS with short expiry (an hour or so) created at run time.");
    return steps;
  }
  switch (c.kind) {
    case "account-sas":
    case "service-sas":
      if (t.storedPolicy) {
        steps.push(`Revoke it: delete or change the stored access policy ${"`" + t.storedPolicy + "`"} on the ${t.tableName ? "table" : "container, share or queue"} it belongs to (no key rotation needed).`);
      } else {
        steps.push(`Revoke it: rotate the account key that signed it on ${acct} (az storage account keys renew, key1 and key2 in turn after moving clients to the other key). Nothing else revokes an ad hoc SAS.`);
      }
      break;
    case "user-delegation-sas":
      steps.push(`Revoke it: revoke the user delegation keys of ${acct} (az storage account revoke-delegation-keys), or remove the signing principal's role; the key otherwise lives until ${t.delegation?.keyExpiry?.slice(0, 10) ?? "its expiry (at most 7 days)"}.`);
      break;
    case "servicebus-sas":
      steps.push(`Revoke it: regenerate the keys of authorization rule ${"`" + (t.keyName ?? "?") + "`"} on ${acct} (or delete the rule); every token it signed stops working.`);
      break;
    case "storage-account-key":
    case "connection-string":
      if (c.family === "servicebus-key") {
        steps.push(`Revoke it: regenerate the key of authorization rule ${"`" + (t.keyName ?? "?") + "`"} on ${acct}, after moving clients to the other key.`);
      } else {
        steps.push(`Revoke it: rotate this key on ${acct} (az storage account keys renew) after moving clients to the other key; every SAS it signed stops working too.`);
      }
      break;
  }
  steps.push(REMOVE);
  const prevent: string[] = [];
  if (c.family === "storage-key" || c.family === "servicebus-key") {
    prevent.push("use managed identity or Microsoft Entra ID instead of keys, keep any remaining secret in Key Vault, and disable Shared Key access where it is not needed");
  } else if (c.kind === "servicebus-sas") {
    prevent.push("use managed identity or Entra ID, or mint short-lived tokens at run time from a least-privilege (Send or Listen only) rule on the one entity");
  } else {
    prevent.push("create SAS tokens at run time instead of committing them, preferably user delegation SAS (Entra ID) with an expiry of an hour or so");
    if (a.scope === "account") prevent.push("scope them to one container or blob rather than the account");
    if (a.permissionClass === "write") prevent.push("grant only the permissions needed (read-only where possible)");
    if (t.protocol !== "https") prevent.push("set spr=https");
    if (c.kind === "service-sas" && !t.storedPolicy) prevent.push("bind service SAS to a stored access policy so it can be revoked");
    prevent.push("configure a SAS expiration policy on the account");
  }
  steps.push(`Prevent it: ${prevent.join("; ")}.`);
  return steps;
}
