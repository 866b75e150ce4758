// The thresholds the engine's risk model takes, from a loaded config. Imports nothing at run time: the scan
// workers (src/scan/pool) load it, and loading the YAML parser and zod would cost each worker ~175 ms.
import type { RiskPolicy } from "../detect/types.js";
import type { SasGuardConfig } from "./schema.js";

/** The thresholds the engine's risk model takes (src/detect/types.ts RiskPolicy). */
export function toRiskPolicy(config: SasGuardConfig): RiskPolicy {
  const { maxLifetimeDays, ...rest } = config.policy;
  return maxLifetimeDays === undefined ? { ...rest } : { ...rest, maxLifetimeDays };
}
