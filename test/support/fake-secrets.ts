// Fake credentials, built at run time so that no literal signature or key is ever committed
// (SAS Guard scanning its own repository must stay clean). Deterministic per seed, so tests are reproducible.
import { createHmac } from "node:crypto";

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
