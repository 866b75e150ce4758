// Microsoft's identifiable keys: newer Azure keys carry a fixed 4-character signature at a fixed place and a Marvin32
// checksum (seeded per provider and key role) in their last four bytes. Facts from microsoft/security-utilities
// (IdentifiableMetadata.cs); the code is ours. A key whose signature and checksum both match is that service's
// key with near certainty, without any surrounding text. A key with the signature but a wrong checksum (one
// character changed) is NOT treated as identifiable: it falls back to the context rules of its detector, so a
// bare one is not reported (documented in docs/json-output.md).
import { marvin32 } from "./marvin.js";
import type { AzureService } from "./types.js";

export interface Provider {
  service: AzureService;
  /** Words for people: "Azure Service Bus key". */
  label: string;
  signature: string;
  /** Decoded length of the key in bytes: 32, 39, 40 or 64. */
  bytes: number;
  urlSafe?: boolean;
  /** Checksum seeds and the key role each one marks. */
  seeds: [seed: bigint, role: string][];
}

const MESSAGING: [bigint, string][] = [
  [0x53656e6430303030n, "send"],
  [0x4c697374656e3030n, "listen"],
  [0x4d616e6167653030n, "manage"],
];

export const PROVIDERS: Provider[] = [
  { service: "storage", label: "Azure Storage account key", signature: "+ASt", bytes: 64, seeds: [[0x44656661756c7430n, "account"]] },
  {
    service: "cosmos-db",
    label: "Azure Cosmos DB key",
    signature: "ACDb",
    bytes: 64,
    seeds: [
      [0x4d61737452573030n, "read-write"],
      [0x4d617374524f3030n, "read-only"],
      [0x5379737452573030n, "system read-write"],
      [0x53797374524f3030n, "system read-only"],
      [0x537973416c6c3030n, "system"],
      [0x5265736f75723030n, "resource"],
      [0x456e637279703030n, "data encryption"],
    ],
  },
  { service: "service-bus", label: "Azure Service Bus key", signature: "+ASb", bytes: 32, seeds: MESSAGING },
  { service: "event-hubs", label: "Azure Event Hubs key", signature: "+AEh", bytes: 32, seeds: MESSAGING },
  { service: "relay", label: "Azure Relay key", signature: "+ARm", bytes: 32, seeds: MESSAGING },
  {
    service: "iot-hub",
    label: "Azure IoT Hub key",
    signature: "AIoT",
    bytes: 32,
    seeds: [
      [0x496f544875623030n, "hub"],
      [0x4465766963653030n, "device"],
    ],
  },
  { service: "iot-dps", label: "Azure IoT Device Provisioning key", signature: "AIoT", bytes: 32, seeds: [[0x4470734b65793030n, "provisioning"]] },
  { service: "event-grid", label: "Azure Event Grid key", signature: "AZEG", bytes: 32, seeds: [[0x53656e6452656376n, "topic"]] },
  { service: "redis", label: "Azure Cache for Redis key", signature: "AzCa", bytes: 32, seeds: [[0x4163636573733030n, "access"]] },
  {
    service: "api-management",
    label: "Azure API Management key",
    signature: "APIM",
    bytes: 64,
    seeds: [
      [0x54656e616e743030n, "direct management"],
      [0x496f544875623030n, "subscription"],
      [0x4761746577793030n, "gateway"],
      [0x4769744b65793030n, "repository"],
    ],
  },
  { service: "batch", label: "Azure Batch account key", signature: "+ABa", bytes: 64, seeds: [[0x4162416363743030n, "account"]] },
  { service: "machine-learning", label: "Azure ML web service (classic) key", signature: "+AMC", bytes: 64, seeds: [[0x436c617373696330n, "web service"]] },
  {
    service: "functions",
    label: "Azure Functions key",
    signature: "AzFu",
    bytes: 40,
    urlSafe: true,
    seeds: [
      [0x46756e6374693030n, "function"],
      [0x4d61737465723030n, "master"],
      [0x53797374656d3030n, "system"],
    ],
  },
  {
    service: "search",
    label: "Azure AI Search key",
    signature: "AzSe",
    bytes: 39,
    urlSafe: true,
    seeds: [
      [0x5175657279303030n, "query"],
      [0x5041646d696e3030n, "admin"],
    ],
  },
  { service: "container-registry", label: "Azure Container Registry key", signature: "+ACR", bytes: 39, seeds: [[0x41435244666c7430n, "access"]] },
];

/** Bit offset of the 24-bit signature: it ends on the first 6-bit boundary at or before the checksum (last 4 bytes). */
export function signatureBit(bytes: number): number {
  const spill = ((bytes - 7) * 8) % 6;
  return (bytes - 4) * 8 - spill - 24;
}

/** Character index of the signature in the base64 text. */
export const signatureIndex = (bytes: number): number => signatureBit(bytes) / 6;

/** Base64 length of a key of `bytes` bytes (padded for the standard alphabet, as Azure writes them). */
export const encodedLength = (bytes: number): number => Math.ceil(bytes / 3) * 4;

function decode(key: string, urlSafe: boolean): Uint8Array | undefined {
  const std = urlSafe ? key.replace(/-/g, "+").replace(/_/g, "/") : key;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(std)) return undefined;
  return Buffer.from(std, "base64");
}

export interface Identified {
  provider: Provider;
  role: string;
}

/** The provider whose signature and checksum `key` carries, or undefined. `key` is the whole value, nothing around it. */
export function identify(key: string): Identified | undefined {
  for (const p of PROVIDERS) {
    const at = signatureIndex(p.bytes);
    if (key.slice(at, at + 4) !== p.signature) continue;
    const len = key.replace(/=+$/, "").length;
    if (len !== Math.ceil((p.bytes * 8) / 6)) continue;
    const bytes = decode(key, p.urlSafe ?? false);
    if (!bytes || bytes.length !== p.bytes) continue;
    const stored = (bytes[p.bytes - 4] | (bytes[p.bytes - 3] << 8) | (bytes[p.bytes - 2] << 16) | (bytes[p.bytes - 1] << 24)) >>> 0;
    for (const [seed, role] of p.seeds) {
      if (marvin32(bytes.subarray(0, p.bytes - 4), seed) === stored) return { provider: p, role };
    }
  }
  return undefined;
}
