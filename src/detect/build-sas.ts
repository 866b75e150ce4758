// Turns a parsed SAS candidate into a credential with typed fields, or null when it is not a credential
// (placeholder, redacted, truncated, emulator, not a SAS at all).
import type { Credential } from "./credential.js";
import { percentDecode } from "./decode.js";
import { buildIotSas, isIotResource } from "./iot-hub.js";
import type { SasCandidate } from "./parse-sas.js";
import { base64Length, isPlaceholder, looksRandom, readsAsWords } from "./placeholder.js";
import { formatIso, parseSasTime, parseUnixSeconds } from "./sas-time.js";
import { findServiceBusHost, findStorageHost, parseUrl, type HostInfo } from "./storage-host.js";
import type { FindingKind, TokenFields } from "./types.js";

/** Shortest signature we still report (base64 chars). Shorter ones are truncated test values (`sig=abc123`). */
const MIN_SIG_LENGTH = 20;

export function buildSas(candidate: SasCandidate, context: string): Credential | null {
  const p = new Map(candidate.params.map((x) => [x.name, x]));
  const v = (name: string): string | undefined => p.get(name)?.value || undefined;

  const sigParam = p.get("sig")!;
  // Form-encoding turns `+` into a space; a signature never contains one. A value encoded twice (`%252B`) still
  // holds escapes after the parser's one decode: undo them too.
  let sig = sigParam.value.replace(/ /g, "+");
  for (let n = 0; n < 2 && /%[0-9A-Fa-f]{2}/.test(sig); n++) sig = percentDecode(sig).text;
  if (sigParam.invalidEscape || sig.length < MIN_SIG_LENGTH || isPlaceholder(sig, 32)) return null;
  if (!/^[A-Za-z0-9+/=]+$/.test(sig)) return null;

  const isServiceBus = p.has("skn") || /^(?:sb|https?|amqps?):\/\/|servicebus|eventhub|\.windows\.net/i.test(v("sr") ?? "");
  // A SAS always carries its version or expiry or policy; a bare `sig=` with other names is some other HMAC (a CDN token).
  if (!isServiceBus && !(p.has("sv") || p.has("se") || p.has("si"))) return null;
  if (isServiceBus && !p.has("se")) return null;

  const bytes = base64Length(sig);
  const confidence = bytes === 32 && looksRandom(sig) ? "high" : "low";
  // A signature of the wrong length that reads as words (`SomeMadeUp…`, a sanitizer test's fake) is not a signature.
  if (bytes !== 32 && readsAsWords(sig)) return null;
  // IoT Hub / DPS: `sr` names an azure-devices host, `se` is Unix seconds, `skn` is often absent.
  if (isIotResource(v("sr"))) return p.has("se") ? buildIotSas(v, sig, confidence, redactSas(candidate, true)) : null;

  const host = (candidate.url ? parseUrl(candidate.url) : null) ?? null;
  if (host?.emulator) return null;

  const input: SasInput = { has: (n) => p.has(n), v, sig, urlHost: host, context, confidence, candidate };
  return isServiceBus ? buildServiceBus(input) : buildStorage(input);
}

/** What both builders read: the parameters, the signature, where the token points, and the text around it. */
interface SasInput {
  has: (name: string) => boolean;
  v: (name: string) => string | undefined;
  sig: string;
  urlHost: HostInfo | null;
  context: string;
  confidence: "high" | "low";
  candidate: SasCandidate;
}

function buildStorage({ has, v, sig, urlHost, context, confidence, candidate }: SasInput): Credential | null {
  const host = urlHost?.account ? urlHost : (urlHost ?? findStorageHost(context));
  if (host?.emulator || host?.account === "devstoreaccount1") return null;

  const kind: FindingKind = has("skoid") || has("sktid") ? "user-delegation-sas" : has("ss") || has("srt") ? "account-sas" : "service-sas";
  const iso = (n: string) => formatIso(parseSasTime(v(n)));
  const token: TokenFields = {
    account: host?.account,
    host: host?.host,
    resourcePath: urlHost?.path && urlHost.path !== "/" ? urlHost.path : undefined,
    service: host?.service,
    resource: v("sr"),
    services: v("ss"),
    resourceTypes: v("srt"),
    permissions: v("sp"),
    start: iso("st") ?? v("st"),
    expiry: iso("se") ?? v("se"),
    protocol: v("spr") ?? "https,http",
    ipRange: v("sip"),
    storedPolicy: v("si"),
    version: v("sv"),
    encryptionScope: v("ses"),
    tableName: v("tn"),
    directoryDepth: v("sdd"),
  };
  if (kind === "user-delegation-sas") {
    token.delegation = {
      objectId: v("skoid"),
      tenantId: v("sktid"),
      keyStart: iso("skt") ?? v("skt"),
      keyExpiry: iso("ske") ?? v("ske"),
      keyService: v("sks"),
      keyVersion: v("skv"),
    };
  }
  if (!token.service && token.tableName) token.service = "table";
  return { kind, token: prune(token), secret: sig, family: "storage-sas", redacted: redactSas(candidate), confidence };
}

function buildServiceBus({ v, sig, urlHost, context, confidence, candidate }: SasInput): Credential | null {
  const resourceUri = v("sr");
  const host = (resourceUri ? parseUrl(resourceUri.includes("://") ? resourceUri : `sb://${resourceUri}`) : null) ?? urlHost ?? findServiceBusHost(context);
  const token: TokenFields = {
    account: host?.account,
    host: host?.host,
    resourceUri,
    resourcePath: host?.path && host.path !== "/" ? host.path : undefined,
    expiry: formatIso(parseUnixSeconds(v("se"))) ?? v("se"),
    keyName: v("skn"),
  };
  return { kind: "servicebus-sas", token: prune(token), secret: sig, family: "servicebus-sas", redacted: redactSas(candidate, true), confidence };
}

function prune<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** The token with every parameter kept except the signature: people can still read what it allows. */
export function redactSas(candidate: SasCandidate, serviceBus = false): string {
  const query = candidate.params.map((x) => `${x.name}=${x.name === "sig" ? "<redacted>" : x.value}`).join("&");
  if (serviceBus) return `SharedAccessSignature ${query}`;
  return candidate.url && candidate.urlIsToken ? `${candidate.url}?${query}` : query;
}
