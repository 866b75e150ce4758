// Config in two steps (STYLE.md habit 4): validate what the user wrote, reporting every problem at once with
// the keys as written, then build a frozen config in which every invalid part has fallen back to its default.
import { LineCounter, parseDocument, isNode, type Document } from "yaml";
import { redactSecretsInText } from "../detect/redact-text.js";
import { deepFreeze } from "./deep-freeze.js";
import { formatIssues, type ConfigPath, type ConfigProblem } from "./format-issues.js";
import { removeInvalidParts } from "./repair-config.js";
import { configSchema, type SasGuardConfig } from "./schema.js";

export interface ConfigResult {
  /** Always usable: valid parts as written, defaults for everything missing or invalid. Deep-frozen. */
  config: SasGuardConfig;
  /** `path.to.key: what is wrong (got X)`, in file order. Empty when the file is valid. */
  errors: string[];
  /** Where the config came from, as given by the caller (".github/sas-guard.yml", "defaults", …). */
  source: string;
}

export const DEFAULT_CONFIG: SasGuardConfig = deepFreeze(configSchema.parse({}));

// Repairs can expose problems zod checks only on otherwise-valid objects (policy windows); a few passes suffice.
const MAX_PASSES = 4;

/** A copy safe to mutate, where an empty key (`policy:` with nothing under it) counts as not set. */
function copyWithoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyWithoutNulls);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).filter(([, v]) => v !== null && v !== undefined);
  return Object.fromEntries(entries.map(([k, v]) => [k, copyWithoutNulls(v)]));
}

function validate(raw: unknown, source: string, offsetOf?: (path: ConfigPath) => number): ConfigResult {
  const working = raw === null || raw === undefined ? {} : copyWithoutNulls(raw);
  const problems: ConfigProblem[] = [];
  let config: SasGuardConfig | undefined;
  for (let pass = 0; pass < MAX_PASSES && config === undefined; pass++) {
    const result = configSchema.safeParse(working);
    if (result.success) config = result.data;
    else {
      problems.push(...formatIssues(result.error.issues, working, configSchema));
      if (!removeInvalidParts(working, result.error.issues)) break;
    }
  }
  if (offsetOf) problems.sort((a, b) => offsetOf(a.path) - offsetOf(b.path));
  // Errors reach check runs and CI logs: the last net for a value the formatter quoted (describeValue is the first).
  const errors = [...new Set(problems.map((p) => redactSecretsInText(p.text)))];
  return { config: config ? deepFreeze(config) : DEFAULT_CONFIG, errors, source };
}

/** Validates an already-parsed config (the App gets one from Probot's `context.config()`). */
export function resolveConfig(raw: unknown, source: string): ConfigResult {
  return validate(raw, source);
}

/** Where the deepest existing part of `path` starts in the file, so errors can be listed in file order. */
function offsetFinder(doc: Document): (path: ConfigPath) => number {
  return (path) => {
    for (let depth = path.length; depth > 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return node.range[0];
    }
    return 0;
  };
}

/** Parses and validates the text of `.github/sas-guard.yml`. A YAML syntax error means: defaults for everything. */
export function parseConfig(yamlText: string, source: string): ConfigResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  const syntaxErrors = doc.errors.map((error) => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    // the parser's message quotes the text (an alias name `*<sig>`, a bad scalar): redacted
    return `line ${line}, column ${col}: YAML syntax error — ${redactSecretsInText(error.message.split("\n")[0] ?? "")}`;
  });
  if (syntaxErrors.length > 0) return { config: DEFAULT_CONFIG, errors: syntaxErrors, source };
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Alias bombs and similar: toJS refuses rather than expanding them.
    return { config: DEFAULT_CONFIG, errors: [`(top level): cannot read the YAML — ${redactSecretsInText((error as Error).message)}`], source };
  }
  return validate(raw, source, offsetFinder(doc));
}

// In its own module so that scan workers do not load the YAML parser and zod to scan a document.
export { toRiskPolicy } from "./risk-policy.js";
