// Which rules (risk, words, advice) apply to a credential family whose detector lives in its own file. The families of
// the original six kinds (storage SAS and keys, Service Bus) are handled by assess-risk.ts, explain.ts and
// remediation.ts; a new detector adds its FamilyRules here and nowhere else in the pipeline.
import { COSMOS_RULES } from "./cosmos-db.js";
import type { Credential, FamilyId } from "./credential.js";
import { EVENT_GRID_KEY_RULES, EVENT_GRID_SAS_RULES } from "./event-grid.js";
import type { FamilyRules } from "./family-risk.js";
import { IDENTIFIABLE_RULES } from "./identifiable-key-finder.js";
import { IOT_KEY_RULES, IOT_SAS_RULES } from "./iot-hub.js";

const RULES: Record<FamilyId, FamilyRules> = {
  "iot-sas": IOT_SAS_RULES,
  "iot-key": IOT_KEY_RULES,
  "event-grid-key": EVENT_GRID_KEY_RULES,
  "event-grid-sas": EVENT_GRID_SAS_RULES,
  "cosmos-key": COSMOS_RULES,
  "identifiable-key": IDENTIFIABLE_RULES,
};

export const familyRules = (c: Credential): FamilyRules | undefined => (RULES as Partial<Record<Credential["family"], FamilyRules>>)[c.family];
