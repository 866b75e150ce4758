// Azure Cosmos DB account keys: 64 bytes like a storage key (88 base64 chars ending "=="), so they come from
// find-keys.ts's "==" pass; a key is Cosmos when its text says so (`AccountEndpoint=https://x.documents.azure.com…`,
// `documents.azure.com`, a `cosmos` name) or when it is an identifiable key with the "ACDb" signature and a valid
// checksum. Read-only keys are told apart by their name (`primaryReadonlyMasterKey`, `…ReadOnlyKey`) or checksum seed.
// The emulator key is published (SAS.md §1) and stays ignored (find-keys.ts EMULATOR_KEYS).
import type { Credential } from "./credential.js";
import { code, reasonMessage } from "./explain.js";
import { keyRisk, REMOVE_STEP, type FamilyRules } from "./family-risk.js";
import type { Identified } from "./identifiable-key.js";
import type { TokenFields } from "./types.js";

const COSMOS_HOST = /\b([a-z0-9][a-z0-9-]{2,43})\.documents\.azure\.(?:com|cn|us)\b/i;
const COSMOS_WORDS = /AccountEndpoint\s*=|\.documents\.azure\.|cosmos/i;

/** True when the text around a key says it is a Cosmos DB key. */
export const looksCosmos = (context: string): boolean => COSMOS_WORDS.test(context);

/**
 * A Cosmos DB key credential. `before` is the text just left of the key on its line (its name says read-only or not);
 * `context` the lines around it (the endpoint).
 */
export function cosmosKey(key: string, before: string, context: string, id: Identified | undefined): Credential | null {
  const host = COSMOS_HOST.exec(context);
  if (host && /localhost|127\.0\.0\.1/.test(host[0])) return null;
  const local = /(?:localhost|127\.0\.0\.1):8081/.test(context);
  if (local) return null; // the emulator's endpoint: a local database, whatever key it is given
  const readOnly = id ? /read-only/.test(id.role) : /read-?only|\bro\b/i.test(before.slice(-60));
  const inString = /AccountKey\s*=\s*["']?$/i.test(before) && /AccountEndpoint\s*=/i.test(context);
  const token: TokenFields = {
    azureService: "cosmos-db",
    ...(host ? { account: host[1].toLowerCase(), host: host[0].toLowerCase() } : {}),
    keyAccess: readOnly ? "read-only" : "read-write",
    ...(id ? { keySignature: id.provider.signature } : {}),
  };
  const redacted = inString
    ? `AccountEndpoint=https://${token.host ?? "<account>.documents.azure.com"}:443/;AccountKey=<redacted>`
    : "<redacted Cosmos DB key>";
  return { kind: "cosmos-db-key", token, secret: key, family: "cosmos-key", redacted, confidence: "high" };
}

const where = (t: TokenFields): string => (t.account ? `Cosmos DB account ${code(t.account)}` : "the Cosmos DB account");

export const COSMOS_RULES: FamilyRules = {
  assess(c) {
    const sig = c.token.keySignature ? (["checksum-valid"] as const) : [];
    if (c.token.keyAccess === "read-only") return keyRisk("high", [...sig, "account-key", "read-only", "no-expiry"]);
    return keyRisk("critical", [...sig, "account-key", "full-control", "no-expiry"]);
  },
  reason(id, c, a, now, policy) {
    const t = c.token;
    switch (id) {
      case "account-key":
        return `This is a ${t.keyAccess === "read-only" ? "read-only" : "primary or secondary (read-write)"} key of ${where(t)}.`;
      case "full-control":
        return "It can read, change and delete every database, container and item in the account, and change its throughput.";
      case "read-only":
        return "It can read every database, container and item in the account, but not change them.";
      case "no-expiry":
        return "An account key never expires; it works until someone regenerates it.";
      case "checksum-valid":
        return `Its fixed signature ${code("ACDb")} and its checksum match Microsoft's identifiable key format for Cosmos DB.`;
      default:
        return reasonMessage(id, c, a, now, policy);
    }
  },
  summary: (c) => `Cosmos DB ${c.token.keyAccess === "read-only" ? "read-only key" : "account key with full control"} of ${where(c.token)}, no expiry`,
  remediation: (c) => [
    `Revoke it: regenerate this key on ${where(c.token)} (az cosmosdb keys regenerate --key-kind ${c.token.keyAccess === "read-only" ? "primaryReadonly or secondaryReadonly" : "primary or secondary"}) after moving clients to the other key.`,
    REMOVE_STEP,
    "Prevent it: use Microsoft Entra ID (managed identity with Cosmos DB data-plane roles) and disable key-based authentication (disableLocalAuth), keep any remaining key in Key Vault.",
  ],
};
