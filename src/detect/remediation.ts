// Ordered remediation: revoke first (removing the line does not revoke anything), then remove, then prevent.
// Each step is structured (what it does, the whole step, a few words for a table cell); adjusters place their
// own steps by `action` with `insertStep`, never by matching the words of another step.
import type { RiskAssessment } from "./assess-risk.js";
import type { Credential } from "./credential.js";
import { accountPhrase, code, withoutMarkersIn } from "./explain.js";
import { plainText, toText } from "./text.js";
import type { Finding, RemediationStep, StepAction } from "./types.js";

const REMOVE =
  "Remove it from the code and the configuration, and treat it as public: deleting the line or rewriting history does not revoke it, and copies may already exist in forks, clones and caches.";

/** A step from marked strings (phrases built with `code()`). */
export const step = (action: StepAction, text: string, short: string): RemediationStep => ({ action, text: toText(text), short: toText(short) });

function revokeStep(c: Credential): RemediationStep {
  const t = c.token;
  const acct = accountPhrase(t, c.kind === "servicebus-sas" || c.family === "servicebus-key");
  switch (c.kind) {
    case "account-sas":
    case "service-sas":
      if (t.storedPolicy) {
        return step(
          "revoke",
          `Revoke it: delete or change the stored access policy ${code(t.storedPolicy)} on the ${t.tableName ? "table" : "container, share or queue"} it belongs to (no key rotation needed).`,
          `Delete the stored access policy ${code(t.storedPolicy)}`,
        );
      }
      return step(
        "revoke",
        `Revoke it: rotate the account key that signed it on ${acct} (az storage account keys renew, key1 and key2 in turn after moving clients to the other key). Nothing else revokes an ad hoc SAS.`,
        `Rotate the account key of ${acct}`,
      );
    case "user-delegation-sas":
      return step(
        "revoke",
        `Revoke it: revoke the user delegation keys of ${acct} (az storage account revoke-delegation-keys), or remove the signing principal's role; the key otherwise lives until ${t.delegation?.keyExpiry?.slice(0, 10) ?? "its expiry (at most 7 days)"}.`,
        `Revoke the user delegation keys of ${acct}`,
      );
    case "servicebus-sas":
      return step(
        "revoke",
        `Revoke it: regenerate the keys of authorization rule ${code(t.keyName ?? "?")} on ${acct} (or delete the rule); every token it signed stops working.`,
        `Regenerate the keys of rule ${code(t.keyName ?? "?")}`,
      );
    case "storage-account-key":
    case "connection-string":
      if (c.family === "servicebus-key") {
        return step(
          "revoke",
          `Revoke it: regenerate the key of authorization rule ${code(t.keyName ?? "?")} on ${acct}, after moving clients to the other key.`,
          `Regenerate the key of rule ${code(t.keyName ?? "?")}`,
        );
      }
      return step(
        "revoke",
        `Revoke it: rotate this key on ${acct} (az storage account keys renew) after moving clients to the other key; every SAS it signed stops working too.`,
        `Rotate this key of ${acct}`,
      );
  }
  return step("revoke", "Revoke it with the service that issued it.", "Revoke it");
}

function preventStep(c: Credential, a: RiskAssessment): RemediationStep {
  const t = c.token;
  const prevent: string[] = [];
  let short: string;
  if (c.family === "storage-key" || c.family === "servicebus-key") {
    prevent.push(
      "use managed identity or Microsoft Entra ID instead of keys, keep any remaining secret in Key Vault, and disable Shared Key access where it is not needed",
    );
    short = "Use managed identity instead of keys";
  } else if (c.kind === "servicebus-sas") {
    prevent.push(
      "use managed identity or Entra ID, or mint short-lived tokens at run time from a least-privilege (Send or Listen only) rule on the one entity",
    );
    short = "Mint short-lived tokens at run time";
  } else {
    prevent.push("create SAS tokens at run time instead of committing them, preferably user delegation SAS (Entra ID) with an expiry of an hour or so");
    if (a.scope === "account") prevent.push("scope them to one container or blob rather than the account");
    if (a.permissionClass === "write") prevent.push("grant only the permissions needed (read-only where possible)");
    if (t.protocol !== "https") prevent.push("set spr=https");
    if (c.kind === "service-sas" && !t.storedPolicy) prevent.push("bind service SAS to a stored access policy so it can be revoked");
    prevent.push("configure a SAS expiration policy on the account");
    short = "Create SAS tokens at run time";
  }
  return step("prevent", `Prevent it: ${prevent.join("; ")}.`, short);
}

export function remediationStepsFor(credential: Credential, a: RiskAssessment): RemediationStep[] {
  const c = withoutMarkersIn(credential);
  if (a.window === "expired") {
    return [
      step(
        "revoke",
        "It has expired, so nothing needs revoking, but check that the same account key does not sign other long-lived tokens.",
        "Nothing to revoke: it has expired",
      ),
      step("remove", "Remove it from the code: it still reveals the account and resource names.", "Remove it from the code"),
      step("prevent", "Prefer user delegation SAS with short expiry (an hour or so) created at run time.", "Create short-lived SAS at run time"),
    ];
  }
  return [revokeStep(c), step("remove", REMOVE, "Remove it from the code"), preventStep(c, a)];
}

/** The plain steps (JSON's `remediation`). */
export const remediationFor = (c: Credential, a: RiskAssessment): string[] => remediationStepsFor(c, a).map((s) => plainText(s.text));

/** Both forms for a new finding. */
export function remediationFields(c: Credential, a: RiskAssessment): { remediation: string[]; steps: RemediationStep[] } {
  const steps = remediationStepsFor(c, a);
  return { remediation: steps.map((s) => plainText(s.text)), steps };
}

/**
 * The finding's steps with `added` placed before the first step whose action is `before` (at the end when none),
 * replacing an earlier step of the same action: applied twice, it stays one step. A finding without structured
 * steps (built outside the engine) gets them from its plain strings.
 */
export function insertStep(f: Finding, added: RemediationStep, before: StepAction): Pick<Finding, "remediation" | "steps"> {
  const current = f.steps ?? f.remediation.map((s) => ({ action: guessAction(s), text: [s], short: [s] }));
  const steps = current.filter((s) => s.action !== added.action);
  const at = steps.findIndex((s) => s.action === before);
  steps.splice(at === -1 ? steps.length : at, 0, added);
  return { steps, remediation: steps.map((s) => plainText(s.text)) };
}

// Only for findings made before steps were structured (saved reports, hand-built fixtures).
const guessAction = (s: string): StepAction =>
  s.startsWith("Investigate:") ? "investigate" : s.startsWith("Remove it") ? "remove" : s.startsWith("Prevent") ? "prevent" : "revoke";
