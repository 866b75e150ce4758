import type { Confidence, FindingKind, TokenFields } from "./types.js";

/** A credential the engine found, before risk and wording are added. Internal to src/detect. */
export interface Credential {
  kind: FindingKind;
  token: TokenFields;
  /** The secret itself (SAS signature as plain base64, or the key). */
  secret: string;
  /** What signs or is the secret: part of the fingerprint, so a SAS and a key never collide. */
  family: "storage-sas" | "servicebus-sas" | "storage-key" | "servicebus-key";
  redacted: string;
  confidence: Confidence;
}
