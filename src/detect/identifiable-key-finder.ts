// Finds Microsoft identifiable keys with no context at all: the literal "+A" (the first two characters of the Service
// Bus, Event Hubs, Relay, Container Registry, Batch and ML signatures; a rare first character, so a fast indexOf) and,
// from find-keys.ts's "==" pass, 64-byte keys (storage, Cosmos DB, API Management…) and 40-byte Functions keys. A hit
// is reported only when the key's checksum is valid (identifiable-key.ts), so false positives are near zero.
// Signatures that start with a common letter (AIoT, AzCa, AZEG, AzSe) are checked on every key the other detectors
// find from their own anchors (SharedAccessKey=, aeg-sas-key, ==), but have no anchor of their own: an extra pass per
// signature would cost more than the bench allows (see docs/json-output.md).
import type { Credential } from "./credential.js";
import { code, reasonMessage } from "./explain.js";
import { keyRisk, REMOVE_STEP, type FamilyRules } from "./family-risk.js";
import type { KeyHit } from "./find-keys.js";
import { encodedLength, identify, PROVIDERS, signatureIndex, type Identified } from "./identifiable-key.js";
import type { ReasonId, TokenFields } from "./types.js";

const B64 = /[A-Za-z0-9+/\-_]/;
const PLUS_A = PROVIDERS.filter((p) => p.signature.startsWith("+A") && p.service !== "storage");

/** Keys found from "+A": each provider whose signature is here, checked at the fixed offset before it. */
export function findIdentifiableKeys(text: string): KeyHit[] {
  const hits: KeyHit[] = [];
  for (let i = text.indexOf("+A"); i !== -1; i = text.indexOf("+A", i + 2)) {
    for (const p of PLUS_A) {
      if (!text.startsWith(p.signature, i)) continue;
      const start = i - signatureIndex(p.bytes);
      const len = p.urlSafe ? Math.ceil((p.bytes * 8) / 6) : encodedLength(p.bytes);
      if (start < 0 || B64.test(text[start - 1] ?? "") || B64.test(text[start + len] ?? "")) continue;
      const key = text.slice(start, start + len);
      const id = identify(key);
      if (id) hits.push({ offset: start, length: len, credential: identifiableCredential(key, id) });
    }
  }
  return hits;
}

/** A 40-byte URL-safe key (Azure Functions, 56 characters ending "==") whose "==" is at `eq`; null otherwise. */
export function functionsKeyAt(text: string, eq: number): KeyHit | null {
  const start = eq - 54;
  if (start < 0 || !text.startsWith("AzFu", eq - 10) || B64.test(text[start - 1] ?? "")) return null;
  const key = text.slice(start, eq + 2);
  const id = identify(key);
  return id ? { offset: start, length: 56, credential: identifiableCredential(key, id) } : null;
}

/** A credential for an identifiable key found with nothing around it. */
export function identifiableCredential(key: string, id: Identified): Credential {
  const token: TokenFields = { azureService: id.provider.service, keySignature: id.provider.signature, keyName: id.role };
  return { kind: "identifiable-key", token, secret: key, family: "identifiable-key", redacted: `<redacted ${id.provider.label}>`, confidence: "high" };
}

const label = (t: TokenFields): string => PROVIDERS.find((p) => p.signature === t.keySignature && p.service === t.azureService)?.label ?? "Azure key";
const MANAGE = /manage|master|admin|direct management|hub|provisioning|^system$/;
const READ = /query|listen|read-only/;

export const IDENTIFIABLE_RULES: FamilyRules = {
  assess(c) {
    const role = c.token.keyName ?? "";
    const reasons: ReasonId[] = ["checksum-valid", "shared-access-key"];
    if (MANAGE.test(role)) return keyRisk("critical", [...reasons, "manage-rights", "no-expiry"]);
    if (READ.test(role)) return keyRisk("medium", [...reasons, "read-only", "no-expiry"]);
    return keyRisk("high", [...reasons, "no-expiry"]);
  },
  reason(id, c, a, now, policy) {
    const t = c.token;
    switch (id) {
      case "checksum-valid":
        return `Its fixed signature ${code(t.keySignature)} and its checksum match Microsoft's identifiable key format: this is an ${label(t)} (${t.keyName} key), whatever the text around it says.`;
      case "shared-access-key":
        return `Whoever holds it can call the service with the rights of a ${t.keyName} key.`;
      case "manage-rights":
        return `A ${t.keyName} key has full control of the resource.`;
      case "read-only":
        return `A ${t.keyName} key can only read or receive.`;
      case "no-expiry":
        return "A key never expires; it works until someone regenerates it.";
      default:
        return reasonMessage(id, c, a, now, policy);
    }
  },
  summary: (c) => `${label(c.token)} (${c.token.keyName}), recognised by its signature and checksum, no expiry`,
  remediation: (c) => [
    `Revoke it: regenerate this ${label(c.token)} on the resource that issued it (the resource is not named in the key: search the subscription's resources of that service), after moving clients to the other key.`,
    REMOVE_STEP,
    "Prevent it: use managed identity or Microsoft Entra ID instead of keys, keep any remaining key in Key Vault, and disable local (key) authentication where the service allows it.",
  ],
};
