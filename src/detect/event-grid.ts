// Azure Event Grid: topic / domain access keys sent as the `aeg-sas-key` header, and SAS tokens sent as the
// `aeg-sas-token` header (`r=<url-encoded endpoint>&e=<url-encoded "M/D/YYYY h:mm:ss AM">&s=<url-encoded HMAC>`, what
// @azure/eventgrid generateSharedAccessSignature returns). Found from the cheap literal "-sas-" (PERF: a rare first
// character), then the header name and its value are read around it.
import type { RiskAssessment } from "./assess-risk.js";
import type { Credential } from "./credential.js";
import { percentDecode } from "./decode.js";
import { code, day, endIso, reasonMessage } from "./explain.js";
import { EXPIRED_STEPS, keyRisk, REMOVE_STEP, tokenRisk, type FamilyRules } from "./family-risk.js";
import { identify } from "./identifiable-key.js";
import type { KeyHit } from "./find-keys.js";
import type { LineIndex } from "./line-index.js";
import { base64Length, isPlaceholder, looksRandom } from "./placeholder.js";
import { formatIso } from "./sas-time.js";
import type { TokenFields } from "./types.js";

const TOPIC_HOST = /\b([a-z0-9][a-z0-9-]{2,49})\.([a-z0-9-]+)\.eventgrid\.azure\.(?:net|cn|us)\b/i;
const SEPARATOR = /^["']?\s*[:=,]?\s*["']?\s*/;
const KEY = /^[A-Za-z0-9+/]{40,86}={0,2}(?![A-Za-z0-9+/=])/;
const TOKEN = /^[A-Za-z0-9%&=+/._:-]+/;

/** `6/1/2026 12:00:00 AM` (the service's format, UTC) or ISO 8601. */
export function parseEventGridTime(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) ([AP]M)$/i.exec(value.trim());
  if (!m) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : t;
  }
  const hour = (+m[4] % 12) + (m[7].toUpperCase() === "PM" ? 12 : 0);
  return Date.UTC(+m[3], +m[1] - 1, +m[2], hour, +m[5], +m[6]);
}

function topic(text: string): Pick<TokenFields, "account" | "host"> {
  const m = TOPIC_HOST.exec(text);
  return m ? { account: m[1].toLowerCase(), host: m[0].toLowerCase() } : {};
}

export function findEventGrid(text: string, lines: LineIndex): KeyHit[] {
  const hits: KeyHit[] = [];
  for (let i = text.indexOf("-sas-"); i !== -1; i = text.indexOf("-sas-", i + 5)) {
    if (!/aeg$/i.test(text.slice(i - 3, i))) continue;
    const name = /^-sas-(key|token)/i.exec(text.slice(i, i + 12))?.[1]?.toLowerCase();
    if (!name) continue;
    const after = i + 5 + name.length;
    const sep = SEPARATOR.exec(text.slice(after, after + 16))?.[0].length ?? 0;
    const start = after + sep;
    const line = lines.lineOf(i);
    let context = "";
    for (let l = Math.max(0, line - 3); l <= line + 3; l++) context += `${lines.lineWindow(l, l === line ? i : lines.lineEnd(l))}\n`;
    const hit = name === "key" ? eventGridKey(text.slice(start, start + 100), context) : eventGridToken(text.slice(start, start + 2048), context);
    if (hit) hits.push({ credential: hit.credential, offset: start, length: hit.length });
  }
  return hits;
}

function eventGridKey(value: string, context: string): { credential: Credential; length: number } | null {
  const key = KEY.exec(value)?.[0];
  if (!key || isPlaceholder(key, 32) || !looksRandom(key)) return null;
  const id = identify(key);
  const token: TokenFields = {
    azureService: "event-grid",
    ...topic(context),
    ...(id?.provider.service === "event-grid" ? { keySignature: id.provider.signature } : {}),
  };
  return {
    credential: { kind: "event-grid-key", token, secret: key, family: "event-grid-key", redacted: "aeg-sas-key: <redacted>", confidence: "high" },
    length: key.length,
  };
}

function eventGridToken(value: string, context: string): { credential: Credential; length: number } | null {
  const raw = TOKEN.exec(value)?.[0] ?? "";
  const params = new Map<string, string>();
  for (const part of raw.split("&")) {
    const eq = part.indexOf("=");
    if (eq > 0) params.set(part.slice(0, eq), percentDecode(part.slice(eq + 1)).text);
  }
  const s = params.get("s")?.replace(/ /g, "+");
  const r = params.get("r");
  if (!s || !r || !params.has("e") || isPlaceholder(s, 32) || !/^[A-Za-z0-9+/]+={0,2}$/.test(s) || s.length < 20) return null;
  const expiry = formatIso(parseEventGridTime(params.get("e")));
  const confidence = base64Length(s) === 32 && looksRandom(s) ? "high" : "low";
  const token: TokenFields = { azureService: "event-grid", ...topic(`${r}\n${context}`), resourceUri: r, ...(expiry ? { expiry } : {}) };
  const redacted = `aeg-sas-token: r=${r}&e=${params.get("e")}&s=<redacted>`;
  return { credential: { kind: "event-grid-sas", token, secret: s, family: "event-grid-sas", redacted, confidence }, length: raw.length };
}

const where = (t: TokenFields): string => (t.account ? `Event Grid topic ${code(t.account)}` : "the Event Grid topic");

export const EVENT_GRID_KEY_RULES: FamilyRules = {
  assess: (c) => keyRisk("high", [...(c.token.keySignature ? (["checksum-valid"] as const) : []), "shared-access-key", "write", "no-expiry"]),
  reason(id, c, a, now, policy) {
    switch (id) {
      case "shared-access-key":
        return `This is an access key of ${where(c.token)}: it can publish events and sign tokens for it.`;
      case "write":
        return "Whoever holds it can publish any event to the topic, and so trigger every handler subscribed to it.";
      case "no-expiry":
        return "An access key never expires; it works until someone regenerates it.";
      default:
        return reasonMessage(id, c, a, now, policy);
    }
  },
  summary: (c) => `Event Grid access key for ${where(c.token)}, no expiry`,
  remediation: (c) => [
    `Revoke it: regenerate the key on ${where(c.token)} (az eventgrid topic key regenerate, key1 and key2 in turn) after moving publishers to the other key.`,
    REMOVE_STEP,
    "Prevent it: publish with Microsoft Entra ID (managed identity) and disable local (key) authentication on the topic, or hand out short-lived SAS tokens minted at run time.",
  ],
};

export const EVENT_GRID_SAS_RULES: FamilyRules = {
  assess(c, now, policy) {
    return tokenRisk(c, now, policy, {
      scope: "object",
      permissionClass: "write",
      endMs: c.token.expiry ? Date.parse(c.token.expiry) : undefined,
      reasons: ["write"],
    });
  },
  reason(id, c, a, now, policy) {
    switch (id) {
      case "object-scope":
        return `It is limited to ${where(c.token)}.`;
      case "write":
        return "Whoever holds it can publish events to the topic until it expires.";
      default:
        return reasonMessage(id, c, a, now, policy);
    }
  },
  summary(c, a: RiskAssessment) {
    const when = a.window === "expired" ? `, expired ${day(endIso(a))}` : a.window === "none" ? "" : ` until ${day(endIso(a))}`;
    return `Event Grid SAS token to publish to ${where(c.token)}${when}`;
  },
  remediation(c, a) {
    if (a.window === "expired") return [...EXPIRED_STEPS("topic key"), "Mint tokens at run time with a short expiry."];
    return [
      `Revoke it: regenerate the access key of ${where(c.token)} that signed it (az eventgrid topic key regenerate); nothing else revokes a SAS token.`,
      REMOVE_STEP,
      "Prevent it: publish with Microsoft Entra ID, or mint tokens at run time with an expiry of an hour or so.",
    ];
  },
};
