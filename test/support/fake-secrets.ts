// Fake credentials, built at run time so that no literal signature or key is ever committed
// (SAS Guard scanning its own repository must stay clean). Deterministic per seed, so tests are reproducible.
import { createHmac } from "node:crypto";
import { signatureBit } from "../../src/detect/identifiable-key.js";
import { marvin32 } from "../../src/detect/marvin.js";

const bytes = (seed: string, n: number): Buffer => {
  const out: Buffer[] = [];
  for (let i = 0; out.length * 32 < n; i++) out.push(createHmac("sha256", "sas-guard-tests").update(`${seed}:${i}`).digest());
  return Buffer.concat(out).subarray(0, n);
};

/** A SAS signature as Azure writes it: base64 of 32 random-looking bytes (44 chars, one "=" of padding). */
export const fakeSig = (seed = "sig"): string => bytes(seed, 32).toString("base64");

/** The same signature percent-encoded as it appears in a URL (`+` `/` `=` escaped, upper-case hex). */
export const fakeSigEncoded = (seed = "sig", lowerHex = false): string => {
  const enc = encodeURIComponent(fakeSig(seed));
  return lowerHex ? enc.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()) : enc;
};

/** A storage account key: base64 of 64 bytes (88 chars ending "=="). */
export const fakeAccountKey = (seed = "key"): string => bytes(seed, 64).toString("base64");

/** A Service Bus / Event Hubs rule key: base64 of 32 bytes (44 chars). */
export const fakeServiceBusKey = (seed = "sbkey"): string => bytes(seed, 32).toString("base64");

/**
 * A Microsoft identifiable key (src/detect/identifiable-key.ts): random bytes from `seed`, the provider's signature
 * at its fixed bit offset, zero bits up to the checksum, and the Marvin32 checksum under `checksumSeed` last.
 */
export const fakeIdentifiableKey = (seed: string, signature: string, size: number, checksumSeed: bigint, urlSafe = false): string => {
  const b = Buffer.from(bytes(seed, size));
  const sig = Buffer.from(signature.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  const start = signatureBit(size);
  for (let k = start; k < (size - 4) * 8; k++) {
    const i = k - start;
    const bit = i < 24 ? (sig[i >> 3] >> (7 - (i & 7))) & 1 : 0;
    if (bit) b[k >> 3] |= 0x80 >> (k & 7);
    else b[k >> 3] &= ~(0x80 >> (k & 7));
  }
  b.writeUInt32LE(marvin32(b.subarray(0, size - 4), checksumSeed), size - 4);
  const s = b.toString("base64");
  return urlSafe ? s.replace(/\+/g, "-").replace(/\//g, "_") : s;
};

/** `key` with one character changed (the checksum no longer matches): a look-alike that must not pass as identifiable. */
export const flipOneChar = (key: string, at = 5): string => key.slice(0, at) + (key[at] === "A" ? "B" : "A") + key.slice(at + 1);
