import { createHash } from "node:crypto";
import type { Credential } from "./credential.js";

/**
 * One stable id per secret: a hash of what signs it and the secret itself. The same token in another file, on
 * another line or in another encoding has the same fingerprint; the hash cannot be turned back into the secret
 * (a SAS signature and an account key carry 256 and 512 bits of entropy).
 */
export function fingerprint(c: Pick<Credential, "family" | "secret">): string {
  return `sg1:${createHash("sha256").update(`${c.family}\0${c.secret}`).digest("hex").slice(0, 24)}`;
}
