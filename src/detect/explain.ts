// Words for people: one sentence per reason, a one-line summary, and ordered remediation (revoke, remove, prevent).
// SAS.md §5 is the source of the prevention advice. No Markdown here: the phrase helpers return *marked* strings
// (values wrapped by `code()`, see text.ts); `explainReasons` and `explainSummary` turn them into plain text plus
// structured parts before anything leaves the engine, and each renderer formats the parts.
import type { RiskAssessment } from "./assess-risk.js";
import type { Credential } from "./credential.js";
import { malformedFields } from "./sas-fields.js";
import { formatIso } from "./sas-time.js";
import { code, plainText, toText, withoutMarkers, type Text } from "./text.js";
import type { PolicyViolation, Reason, ReasonId, RiskPolicy, TokenFields } from "./types.js";

export { code };

const SERVICE_NAMES: Record<string, string> = { b: "Blob", f: "File", q: "Queue", t: "Table" };
const LETTERS: Record<string, string> = {
  r: "read",
  a: "add",
  c: "create",
  w: "write",
  d: "delete",
  x: "delete versions",
  y: "permanently delete",
  l: "list",
  t: "read and write tags",
  f: "filter by tags",
  m: "move",
  e: "execute",
  o: "change ownership",
  p: "process messages or set ACLs",
  i: "set immutability policies",
  u: "update",
};

export const day = (iso: string | undefined): string => (iso ? iso.slice(0, 10) : "an unknown date");

export function accountPhrase(t: TokenFields, serviceBus = false): string {
  if (serviceBus) return t.account ? `namespace ${code(t.account)}` : "the namespace";
  return t.account ? `storage account ${code(t.account)}` : "the storage account";
}

export function servicesPhrase(ss: string | undefined): string {
  const names = [...(ss ?? "")].map((l) => SERVICE_NAMES[l]).filter(Boolean);
  if (names.length === 0) return "the services it names";
  if (names.length === 1) return `${names[0]} storage`;
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]} storage`;
}

const RESOURCE_NOUNS: Record<string, string> = { b: "container", f: "share", q: "queue", t: "table" };

function accountResources(ss: string | undefined): string {
  const nouns = [...(ss ?? "")].map((l) => RESOURCE_NOUNS[l]).filter(Boolean);
  if (nouns.length === 0) return "every resource";
  if (nouns.length === 1) return `every ${nouns[0]}`;
  return `every ${nouns.slice(0, -1).join(", ")} and ${nouns[nouns.length - 1]}`;
}

/** Where the token reaches, in words: "every container in Blob storage of account `x`". */
export function scopePhrase(c: Credential, a: RiskAssessment): string {
  const t = c.token;
  const acct = accountPhrase(t, c.kind === "servicebus-sas");
  const path = t.resourcePath?.replace(/^\//, "");
  if (c.kind === "servicebus-sas") return a.scope === "object" ? `entity ${code(path)} in ${acct}` : `every queue, topic and event hub in ${acct}`;
  if (a.scope === "account") return `${accountResources(t.services)} in ${servicesPhrase(t.services)} of ${acct}`;
  if (t.tableName) return `table ${code(t.tableName)} in ${acct}`;
  const sr = t.resource;
  if (sr === "c") return `container ${code(path?.split("/")[0]) || "(named in the URL)"} in ${acct}`;
  if (sr === "s") return `file share ${code(path?.split("/")[0]) || "(named in the URL)"} in ${acct}`;
  if (sr === "d") return `directory ${code(path) || "(named in the URL)"} in ${acct}`;
  if (sr === "b" || sr === "bs" || sr === "bv" || sr === "f")
    return `${sr === "f" ? "file" : sr === "bs" ? "blob snapshot" : sr === "bv" ? "blob version" : "blob"} ${code(path) || "(named in the URL)"} in ${acct}`;
  return `queue ${code(path) || "(named in the URL)"} in ${acct}`;
}

/** Every permission a letter string grants, in words: "read, add, create, write, delete, …". */
export function allLetters(sp: string | undefined): string {
  const words = [...new Set([...(sp ?? "")].map((l) => LETTERS[l]).filter(Boolean))];
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}` : (words[0] ?? "");
}

export function permissionPhrase(sp: string | undefined): string {
  if (!sp) return "whatever its stored access policy grants";
  if (["r", "w", "d", "l"].every((l) => sp.includes(l))) return "full control";
  const words = [...new Set([...sp].map((l) => LETTERS[l]).filter(Boolean))];
  if (words.length === 0) return `permissions ${code(sp)}`;
  return words.length === 1 ? `${words[0]} access` : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]} access`;
}

const KIND_LABEL: Record<Credential["kind"], string> = {
  "account-sas": "account SAS",
  "service-sas": "service SAS",
  "user-delegation-sas": "user delegation SAS",
  "servicebus-sas": "Service Bus SAS",
  "storage-account-key": "storage account key",
  "connection-string": "connection string",
  "iot-sas": "IoT Hub SAS",
  "iot-connection-string": "IoT Hub connection string",
  "event-grid-key": "Event Grid access key",
  "event-grid-sas": "Event Grid SAS",
  "cosmos-db-key": "Cosmos DB key",
  "identifiable-key": "Azure identifiable key",
};
export const kindLabel = (k: Credential["kind"]): string => KIND_LABEL[k];

const MESSAGING_NAMES: Partial<Record<NonNullable<TokenFields["azureService"]>, string>> = {
  "service-bus": "Service Bus",
  "event-hubs": "Event Hubs",
  relay: "Relay",
  "notification-hubs": "Notification Hubs",
};
/** "Notification Hubs" when the key or its rule says so; "Service Bus" otherwise (the namespace type is not in the string). */
export const messagingName = (t: TokenFields): string => MESSAGING_NAMES[t.azureService ?? "service-bus"] ?? "Service Bus";

/** "account SAS with full control of storage account `x` until 2051-10-06" */
export function summarize(c: Credential, a: RiskAssessment): string {
  const t = c.token;
  if (c.family === "storage-key") return `${KIND_LABEL[c.kind]} with full control of ${accountPhrase(t)}, no expiry`;
  if (c.family === "servicebus-key")
    return `${messagingName(t)} connection string${t.keyName ? ` for rule ${code(t.keyName)}` : ""} on ${accountPhrase(t, true)}, no expiry`;
  const what = c.kind === "servicebus-sas" ? `rights of rule ${code(t.keyName) || "(unknown)"}` : permissionPhrase(t.permissions);
  const none = a.unparsedExpiry === undefined ? ", expiry set by its stored access policy" : ", expiry unknown";
  const when = a.window === "expired" ? `, expired ${day(endIso(a))}` : a.window === "none" ? none : ` until ${day(endIso(a))}`;
  return `${KIND_LABEL[c.kind]} with ${what} of ${scopePhrase(c, a)}${when}`;
}

// formatIso: never throws; a time outside Date's range is "an unknown date".
export const endIso = (a: RiskAssessment): string | undefined => formatIso(a.endMs);
/** An unparseable value as written, cut short: it is shown, not trusted. */
const unparsed = (v: string): string => code(v.length > 40 ? `${v.slice(0, 40)}…` : v);

export function duration(ms: number): string {
  const days = Math.round(ms / 86_400_000);
  if (days >= 730) return `${Math.round(days / 365)} years`;
  if (days >= 60) return `${Math.round(days / 30)} months`;
  if (days >= 2) return `${days} days`;
  const hours = Math.max(1, Math.round(ms / 3_600_000));
  return `${hours} hour${hours === 1 ? "" : "s"}`;
}

export function reasonMessage(id: ReasonId, c: Credential, a: RiskAssessment, now: Date, policy: RiskPolicy): string {
  const t = c.token;
  const left = a.endMs === undefined ? "" : duration(a.endMs - Math.max(now.getTime(), a.startMs ?? 0));
  switch (id) {
    case "account-scope":
      return `This is an account SAS: it opens ${scopePhrase(c, a)}${t.resourceTypes?.includes("s") ? ", including listing them all" : ""}.`;
    case "container-scope":
      return `It reaches ${scopePhrase(c, a)}, not just one object.`;
    case "object-scope":
      return `It is limited to ${scopePhrase(c, a)}.`;
    case "read-only":
      return `It can only ${permissionPhrase(t.permissions).replace(/ access$/, "")}: it cannot change or delete data.`;
    case "write":
      return `It can change data (${permissionPhrase(t.permissions)}).`;
    case "delete":
      return "It can delete data.";
    case "full-permissions":
      return `It grants ${permissionPhrase(t.permissions) === "full control" ? allLetters(t.permissions) : "read, write, delete and list"} (sp=${t.permissions}): anyone holding it can read, change or destroy the data.`;
    case "permissions-from-policy":
      return "Its permissions come from a stored access policy that cannot be seen here, so SAS Guard assumes the worst.";
    case "rights-from-policy":
      return `Its rights come from the authorization rule ${code(t.keyName) || "it names"}, which cannot be seen here, so SAS Guard assumes it can send, listen or manage.`;
    case "long-expiry":
      return `It stays valid until ${day(endIso(a))}, about ${left} from now.`;
    case "medium-expiry":
      return `It stays valid until ${day(endIso(a))}, about ${left} from now (more than ${policy.shortWindowDays} days).`;
    case "short-lived":
      return `It is short-lived: it expires ${day(endIso(a))}, within ${policy.shortWindowDays} days.`;
    case "no-expiry":
      if (c.family === "storage-key") return "An account key never expires; it works until someone rotates it.";
      if (c.family === "servicebus-key") return "A rule key never expires; it works until someone regenerates it.";
      if (a.unparsedExpiry !== undefined)
        return `Its expiry ${unparsed(a.unparsedExpiry)} is not a valid time, so SAS Guard cannot tell when it stops working and assumes it does not.`;
      return "The token has no expiry of its own; the stored access policy sets it.";
    case "expired":
      return `It expired on ${day(endIso(a))} and no longer works, but it still shows the account and resource names and that SAS tokens are handed out ad hoc.`;
    case "http-allowed":
      return "It allows plain HTTP (spr is missing or https,http), so it can travel unencrypted.";
    case "stored-policy":
      return `It is bound to the stored access policy ${code(t.storedPolicy)}: deleting that policy revokes it without rotating the account key.`;
    case "no-stored-policy":
      return "It is not bound to a stored access policy: the only way to revoke it is to rotate the account key that signed it.";
    case "user-delegation":
      return `It is signed with a user delegation key from Microsoft Entra ID${t.delegation?.keyExpiry ? ` that expires ${day(t.delegation.keyExpiry)}` : ""}, so it dies with that key.`;
    case "ip-restricted":
      return `It only works from IP range ${code(t.ipRange)}.`;
    case "manage-rights":
      if (/^DefaultFullSharedAccessSignature$/i.test(t.keyName ?? ""))
        return `Rule ${code(t.keyName)} is the notification hub's full-access rule: it can manage registrations and send to every device.`;
      return `Rule ${code(t.keyName)} is the namespace's root rule: it can manage, send and listen on every entity in the namespace.`;
    case "account-key":
      return `This is a storage account key for ${accountPhrase(t)}: it can sign any SAS and call every data-plane API.`;
    case "full-control":
      return "It gives full control of every container, share, queue and table in the account.";
    case "shared-access-key":
      return `This is a ${t.azureService ? messagingName(t) : "Service Bus / Event Hubs"} rule key${t.keyName ? ` for rule ${code(t.keyName)}` : ""}: it can mint tokens for everything that rule allows.`;
    case "malformed-field":
      return `Some of its fields are not valid, so the service may refuse it or read them differently: ${malformedFields(t).join("; ")}.`;
    case "ip-range-open":
      return `Its IP range ${code(t.ipRange)} covers every IPv4 address, so it restricts nothing.`;
    case "not-yet-valid":
      return `It only becomes valid on ${day(t.start)} (st), so it cannot be used before then.`;
    case "device-identity":
    case "checksum-valid":
      // Only assessed for the families with their own rules (src/detect/family.ts), which word these themselves.
      return "See the detector's explanation.";
    case "unusual-signature":
      return "The signature does not decode to the 32 bytes a real SAS signature has; it may be truncated or fake, but it is reported because it cannot be ruled out.";
    case "policy-violation":
      return "It breaks this repository's SAS policy (see the violations listed).";
    case "public-repository":
      return "The repository is public: anyone on the internet could read this token.";
    case "verified-live":
    case "verified-expired":
    case "verified-revoked":
    case "verified-account-not-found":
      // Never assessed by the engine: src/verify adds these from the service's answer, with its own words.
      return "Set by verification from what the storage service answered.";
  }
}

/** The credential with marker characters replaced in every token field: a value can never forge a code span. */
export function withoutMarkersIn(c: Credential): Credential {
  const clean = (o: object): Record<string, unknown> =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === "string" ? withoutMarkers(v) : v && typeof v === "object" ? clean(v) : v]));
  return { ...c, token: clean(c.token) as TokenFields };
}

export function explainReasons(c: Credential, a: RiskAssessment, now: Date, policy: RiskPolicy): Reason[] {
  const safe = withoutMarkersIn(c);
  return a.reasons.map((id) => {
    const text = toText(reasonMessage(id, safe, a, now, policy));
    return { id, message: plainText(text), text };
  });
}

/** The one-line summary, as plain text (JSON's `summary`) and as parts. */
export function explainSummary(c: Credential, a: RiskAssessment): { summary: string; summaryText: Text } {
  const summaryText = toText(summarize(withoutMarkersIn(c), a));
  return { summary: plainText(summaryText), summaryText };
}

export function violationMessages(rules: PolicyViolation["rule"][], policy: RiskPolicy): PolicyViolation[] {
  const text: Record<PolicyViolation["rule"], string> = {
    maxLifetimeDays: `Its lifetime is longer than the ${policy.maxLifetimeDays} days policy.maxLifetimeDays allows.`,
    forbidAccountSas: "Account SAS tokens are forbidden by policy.forbidAccountSas.",
    requireHttpsOnly: "policy.requireHttpsOnly requires spr=https.",
    requireStoredPolicy: "policy.requireStoredPolicy requires service SAS tokens to be bound to a stored access policy (si=).",
    requireIpRange: "policy.requireIpRange requires an IP range (sip=).",
  };
  return rules.map((rule) => ({ rule, message: text[rule] }));
}
