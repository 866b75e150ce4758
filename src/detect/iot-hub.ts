// Azure IoT Hub and Device Provisioning Service (DPS): SAS tokens (`SharedAccessSignature sr=hub.azure-devices.net%2F
// devices%2Fd1&sig=…&se=<unix seconds>[&skn=policy]`, found from the "sig" anchor) and connection strings
// (`HostName=hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=…`, `…;DeviceId=d1[;ModuleId=m];
// SharedAccessKey=…`, DPS `HostName=x.azure-devices-provisioning.net;…`, found from "SharedAccessKey="). Rights come
// from the policy name where Azure fixes it (built-in policies), or from the device identity when no `skn` is given.
import type { Credential } from "./credential.js";
import { percentDecode } from "./decode.js";
import { code, day, endIso, reasonMessage } from "./explain.js";
import { EXPIRED_STEPS, keyRisk, REMOVE_STEP, tokenRisk, type FamilyRules } from "./family-risk.js";
import { formatIso, parseUnixSeconds } from "./sas-time.js";
import type { ReasonId, TokenFields } from "./types.js";

const IOT_HOST = /\b([a-z0-9][a-z0-9-]{1,62})\.azure-devices(-provisioning)?\.(?:net|cn|us|de)\b/i;
// DPS device tokens name the ID scope instead of a host: `0ne00000A0A/registrations/<id>`.
const DPS_SCOPE = /^0ne[0-9a-f]{8}\/registrations\//i;

/** True when a SAS's `sr` (decoded) names an IoT Hub or DPS resource. */
export const isIotResource = (sr: string | undefined): boolean => !!sr && (IOT_HOST.test(sr) || DPS_SCOPE.test(sr));

interface Rights {
  class: "read" | "write";
  manage: boolean;
  words: string;
}

// Built-in shared access policies (IoT Hub and DPS docs). Custom policy names say nothing: assume the worst.
const POLICY_RIGHTS: Record<string, Rights> = {
  iothubowner: { class: "write", manage: true, words: "full control of the hub (registry read and write, service connect, device connect)" },
  provisioningserviceowner: { class: "write", manage: true, words: "full control of the provisioning service (enrollments and registrations)" },
  service: { class: "write", manage: false, words: "service connect: send cloud-to-device messages, call direct methods, update device twins" },
  device: { class: "write", manage: false, words: "device connect: send telemetry and receive messages as any device of the hub" },
  registryread: { class: "read", manage: false, words: "read of the device identity registry" },
  registryreadwrite: { class: "write", manage: false, words: "read and write of the device identity registry (create, change and delete devices)" },
  enrollmentread: { class: "read", manage: false, words: "read of the enrollments" },
  enrollmentwrite: { class: "write", manage: false, words: "read and write of the enrollments" },
  registrationstatusread: { class: "read", manage: false, words: "read of the registration records" },
  registrationstatuswrite: { class: "write", manage: false, words: "read and write of the registration records" },
};

const rightsOf = (keyName: string | undefined): Rights | undefined => (keyName ? POLICY_RIGHTS[keyName.toLowerCase()] : undefined);

function hostFields(text: string): Pick<TokenFields, "account" | "host" | "azureService"> {
  const m = IOT_HOST.exec(text);
  if (!m) return DPS_SCOPE.test(text) ? { azureService: "iot-dps" } : { azureService: "iot-hub" };
  return { account: m[1].toLowerCase(), host: m[0].toLowerCase(), azureService: m[2] ? "iot-dps" : "iot-hub" };
}

/** `/devices/d1/modules/m1` → ids; DPS `/registrations/r1` → the registration id as the device. */
function pathIds(path: string): Pick<TokenFields, "deviceId" | "moduleId"> {
  const dev = /\/(?:devices|registrations)\/([^/?#]+)/i.exec(path)?.[1];
  const mod = /\/modules\/([^/?#]+)/i.exec(path)?.[1];
  // percentDecode never throws (a stray `%` in a device id would make decodeURIComponent throw).
  return { ...(dev ? { deviceId: percentDecode(dev).text } : {}), ...(mod ? { moduleId: percentDecode(mod).text } : {}) };
}

/** An IoT Hub / DPS SAS token from its parsed parameters. */
export function buildIotSas(v: (n: string) => string | undefined, sig: string, confidence: Credential["confidence"], redacted: string): Credential {
  const sr = v("sr") ?? "";
  const host = hostFields(sr);
  const path = sr.replace(/^[a-z]+:\/\//i, "").replace(/^[^/]*/, "");
  const token: TokenFields = {
    ...host,
    resourceUri: sr,
    ...(path && path !== "/" ? { resourcePath: path } : {}),
    ...pathIds(path),
    ...(v("se") ? { expiry: formatIso(parseUnixSeconds(v("se"))) ?? v("se") } : {}),
    ...(v("skn") ? { keyName: v("skn") } : {}),
  };
  return { kind: "iot-sas", token, secret: sig, family: "iot-sas", redacted, confidence };
}

/** An IoT Hub / DPS connection string around a `SharedAccessKey=` value, or null when the line names no IoT host. */
export function iotConnectionString(lineText: string, key: string): Credential | null {
  const m = IOT_HOST.exec(lineText);
  if (!m || !/HostName\s*=/i.test(lineText)) return null;
  const field = (name: string) => new RegExp(`${name}\\s*=\\s*([^;"'\\s]+)`, "i").exec(lineText)?.[1];
  const keyName = field("SharedAccessKeyName");
  const deviceId = field("DeviceId");
  const moduleId = field("ModuleId");
  const token: TokenFields = {
    ...hostFields(m[0]),
    ...(keyName ? { keyName } : {}),
    ...(deviceId ? { deviceId } : {}),
    ...(moduleId ? { moduleId } : {}),
  };
  const parts = [`HostName=${token.host}`, keyName && `SharedAccessKeyName=${keyName}`, deviceId && `DeviceId=${deviceId}`, moduleId && `ModuleId=${moduleId}`];
  const redacted = `${parts.filter(Boolean).join(";")};SharedAccessKey=<redacted>`;
  return { kind: "iot-connection-string", token, secret: key, family: "iot-key", redacted, confidence: "high" };
}

// An enrollment's symmetric key (64 bytes, so found by the "==" pass): IoT Edge `config.toml`
// (`[provisioning]`, `id_scope`, `symmetric_key = { value = "…" }`), DPS enrollment JSON (`"symmetricKey": {"primaryKey"…`).
const ENROLLMENT_CONTEXT = /azure-devices-provisioning\.net|\bid_?scope\b|symmetric_?key/i;

/** A DPS enrollment (individual or group) symmetric key, when the lines around the key say so; null otherwise. */
export function dpsEnrollmentKey(key: string, around: string): Credential | null {
  if (!ENROLLMENT_CONTEXT.test(around)) return null;
  const registration = /registration_?id["']?\s*[:=]\s*["']?([A-Za-z0-9._:-]{1,128})/i.exec(around)?.[1];
  const host = IOT_HOST.exec(around);
  const token: TokenFields = {
    azureService: "iot-dps",
    ...(host && host[1].toLowerCase() !== "global" ? { account: host[1].toLowerCase(), host: host[0].toLowerCase() } : {}),
    ...(registration ? { deviceId: registration } : {}),
  };
  return { kind: "iot-connection-string", token, secret: key, family: "iot-key", redacted: "<redacted DPS enrollment symmetric key>", confidence: "high" };
}

const isEnrollment = (t: TokenFields): boolean => t.azureService === "iot-dps" && !t.keyName;

const serviceName = (t: TokenFields): string => (t.azureService === "iot-dps" ? "Device Provisioning Service" : "IoT hub");
const where = (t: TokenFields): string => (t.account ? `${serviceName(t)} ${code(t.account)}` : `the ${serviceName(t)}`);
const identity = (t: TokenFields): string =>
  t.moduleId ? `module ${code(t.moduleId)} of device ${code(t.deviceId)}` : t.deviceId ? `device ${code(t.deviceId)}` : "a device";

function sasRights(t: TokenFields): { class: "read" | "write"; reasons: ReasonId[] } {
  const r = rightsOf(t.keyName);
  if (r) return { class: r.class, reasons: r.manage ? ["manage-rights"] : r.class === "read" ? ["read-only"] : ["write"] };
  if (!t.keyName && t.deviceId) return { class: "write", reasons: ["device-identity"] };
  return { class: "write", reasons: ["rights-from-policy"] };
}

export const IOT_SAS_RULES: FamilyRules = {
  assess(c, now, policy) {
    const t = c.token;
    const { class: permissionClass, reasons } = sasRights(t);
    return tokenRisk(c, now, policy, {
      scope: t.deviceId ? "object" : "container",
      permissionClass,
      endMs: t.expiry ? Date.parse(t.expiry) : undefined,
      reasons,
    });
  },
  reason(id, c, a, now, policy) {
    const t = c.token;
    switch (id) {
      case "container-scope":
        return `It is signed for the whole ${where(t)}, not one device.`;
      case "object-scope":
        return `It is limited to ${identity(t)} on ${where(t)}.`;
      case "manage-rights":
      case "read-only":
      case "write":
        return `It carries the rights of policy ${code(t.keyName)}: ${rightsOf(t.keyName)?.words ?? "what that policy allows"}.`;
      case "rights-from-policy":
        return `Its rights come from the shared access policy ${code(t.keyName) || "it was signed with"}, which cannot be seen here, so SAS Guard assumes it can write.`;
      case "device-identity":
        return `It has no policy name (skn), so it is signed with the key of ${identity(t)}: anyone holding it can connect as that device.`;
      default:
        return reasonMessage(id, c, a, now, policy);
    }
  },
  summary(c, a) {
    const t = c.token;
    const who = t.keyName ? `rights of policy ${code(t.keyName)}` : t.deviceId ? `the identity of ${identity(t)}` : "unknown rights";
    const when = a.window === "expired" ? `, expired ${day(endIso(a))}` : a.window === "none" ? ", no expiry" : ` until ${day(endIso(a))}`;
    return `${serviceName(t)} SAS with ${who} on ${where(t)}${when}`;
  },
  remediation(c, a) {
    const t = c.token;
    if (a.window === "expired") return [...EXPIRED_STEPS("key"), "Mint tokens at run time with a short expiry (an hour or so)."];
    const revoke = t.keyName
      ? `Revoke it: regenerate the keys of shared access policy ${code(t.keyName)} on ${where(t)} (az iot hub policy renew-key), after moving clients to the other key; every token it signed stops working.`
      : `Revoke it: regenerate the symmetric keys of ${identity(t)} on ${where(t)} (az iot hub device-identity renew-key), or disable the device.`;
    return [
      revoke,
      REMOVE_STEP,
      "Prevent it: mint tokens at run time from a least-privilege policy (or the device's own key) with an expiry of an hour or so; prefer X.509 or Microsoft Entra ID for services.",
    ];
  },
};

export const IOT_KEY_RULES: FamilyRules = {
  assess(c) {
    const t = c.token;
    if (isEnrollment(t)) return keyRisk("high", ["shared-access-key", "write", "no-expiry"]);
    if (t.deviceId) return keyRisk("high", ["shared-access-key", "device-identity", "no-expiry"]);
    const r = rightsOf(t.keyName);
    if (r?.manage) return keyRisk("critical", ["shared-access-key", "manage-rights", "no-expiry"]);
    if (r?.class === "read") return keyRisk("medium", ["shared-access-key", "read-only", "no-expiry"]);
    return keyRisk("high", r ? ["shared-access-key", "write", "no-expiry"] : ["shared-access-key", "rights-from-policy", "no-expiry"]);
  },
  reason(id, c, a, now, policy) {
    const t = c.token;
    switch (id) {
      case "shared-access-key":
        if (isEnrollment(t)) return `This is an enrollment symmetric key of ${where(t)}${t.deviceId ? ` (registration ${code(t.deviceId)})` : ""}.`;
        return t.deviceId
          ? `This is the symmetric key of ${identity(t)} on ${where(t)}.`
          : `This is the key of shared access policy ${code(t.keyName) || "(unnamed)"} on ${where(t)}: it can mint tokens for everything that policy allows.`;
      case "manage-rights":
      case "read-only":
      case "write":
        if (isEnrollment(t))
          return "Whoever holds it can provision devices into the hubs the enrollment points to (a group key derives the key of any registration id).";
        return `Policy ${code(t.keyName)} grants ${rightsOf(t.keyName)?.words ?? "what that policy allows"}.`;
      case "rights-from-policy":
        return `Policy ${code(t.keyName) || "(unnamed)"} is not a built-in one, so SAS Guard cannot see its rights and assumes it can write.`;
      case "device-identity":
        return `Anyone holding it can connect as ${identity(t)}: send telemetry, receive its cloud-to-device messages and update its twin.`;
      case "no-expiry":
        return "A shared access key never expires; it works until someone regenerates it.";
      default:
        return reasonMessage(id, c, a, now, policy);
    }
  },
  summary(c) {
    const t = c.token;
    if (isEnrollment(t)) return `Device Provisioning enrollment key${t.deviceId ? ` for registration ${code(t.deviceId)}` : ""} on ${where(t)}, no expiry`;
    const what = t.deviceId ? `for ${identity(t)}` : `for policy ${code(t.keyName) || "(unnamed)"}`;
    return `${serviceName(t)} connection string ${what} on ${where(t)}, no expiry`;
  },
  remediation(c) {
    const t = c.token;
    const revoke = isEnrollment(t)
      ? `Revoke it: regenerate the enrollment's symmetric keys on ${where(t)} (az iot dps enrollment update / enrollment-group update with new keys), and re-provision the devices that used it.`
      : t.deviceId
        ? `Revoke it: regenerate the symmetric keys of ${identity(t)} on ${where(t)} (az iot hub ${t.moduleId ? "module-identity" : "device-identity"} renew-key), after moving the device to the other key.`
        : `Revoke it: regenerate the key of shared access policy ${code(t.keyName)} on ${where(t)} (az iot ${t.azureService === "iot-dps" ? "dps policy" : "hub policy"} renew-key), after moving clients to the other key.`;
    return [
      revoke,
      REMOVE_STEP,
      "Prevent it: keep keys in Key Vault or the device's secure storage, prefer X.509 certificates for devices and Microsoft Entra ID for services, and use the least-privilege policy.",
    ];
  },
};
