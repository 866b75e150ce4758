import type { Confidence, FindingKind, TokenFields } from "./types.js";

/** Families whose risk, words and advice live in their own detector file (src/detect/family.ts dispatches). */
export type FamilyId = "iot-sas" | "iot-key" | "event-grid-key" | "event-grid-sas" | "cosmos-key" | "identifiable-key";

/** A credential the engine found, before risk and wording are added. Internal to src/detect. */
export interface Credential {
  kind: FindingKind;
  token: TokenFields;
  /** The secret itself (SAS signature as plain base64, or the key). */
  secret: string;
  /** What signs or is the secret: part of the fingerprint, so a SAS and a key never collide. */
  family: "storage-sas" | "servicebus-sas" | "storage-key" | "servicebus-key" | FamilyId;
  redacted: string;
  confidence: Confidence;
}
