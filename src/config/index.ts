// Public API of the configuration layer, for the CLI and the App.
export { DEFAULT_CONFIG, parseConfig, resolveConfig, toRiskPolicy, type ConfigResult } from "./load-config.js";
export { compilePathFilter, type PathDecision, type PathFilter } from "./path-filter.js";
export { configSchema, type AllowlistEntry, type SasGuardConfig, type SasGuardConfigInput } from "./schema.js";
