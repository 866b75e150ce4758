// Everything a scan needs from the typed config, derived once per scan (not per file, not per finding): the path
// filter, the byte limit, the risk policy, the allowlist with its globs compiled, and whether to verify.
import { compileGlob } from "../config/glob.js";
import type { ConfigResult } from "../config/load-config.js";
import { toRiskPolicy } from "../config/risk-policy.js";
import { compilePathFilter, type PathFilter } from "../config/path-filter.js";
import type { SasGuardConfig } from "../config/schema.js";
import type { AllowRule, InlineIgnoreSetting } from "../detect/suppress.js";
import type { RiskPolicy, Severity } from "../detect/types.js";
import type { VerifyManyOptions } from "../verify/verify-report.js";

export interface ScanConfig {
  readonly config: SasGuardConfig;
  readonly filter: PathFilter;
  /** `maxFileSizeMB` in bytes. */
  readonly maxBytes: number;
  readonly policy: RiskPolicy;
  readonly allowlist: readonly AllowRule[];
  readonly inlineIgnore: InlineIgnoreSetting;
  /** The threshold of the verdict (config `failOn`, or the CLI's --fail-on). */
  readonly failOn: Severity;
  /** Where the config came from, and what was wrong with it (the report shows both). */
  readonly configSource: string;
  readonly configErrors: readonly string[];
  /** Set when findings are verified (config `verify.enabled`, or the CLI's --verify). */
  readonly verify?: VerifyManyOptions;
}

export interface ScanConfigOverrides {
  failOn?: Severity;
  /** True: verify even when `verify.enabled` is false (the CLI's --verify). */
  verify?: boolean;
}

export function buildScanConfig(loaded: Pick<ConfigResult, "config" | "source" | "errors">, overrides: ScanConfigOverrides = {}): ScanConfig {
  const { config } = loaded;
  return Object.freeze({
    config,
    filter: compilePathFilter(config),
    maxBytes: Math.floor(config.maxFileSizeMB * 1_048_576),
    policy: toRiskPolicy(config),
    allowlist: config.allowlist.map((e) => ({
      fingerprint: e.fingerprint,
      reason: e.reason,
      ...(e.expires !== undefined ? { expires: e.expires } : {}),
      ...(e.path !== undefined ? { matchesPath: compileGlob(e.path) } : {}),
    })),
    inlineIgnore: config.inlineIgnore,
    failOn: overrides.failOn ?? config.failOn,
    configSource: loaded.source,
    configErrors: [...loaded.errors],
    ...(overrides.verify || config.verify.enabled ? { verify: config.verify } : {}),
  });
}
