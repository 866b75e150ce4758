// Turns zod issues into the lines a user reads: `path.to.key: what is wrong (got X)`, with the keys as written
// in the file and a suggestion when a key or value is nearly right.
import type { z } from "zod";
import { closestMatch } from "./did-you-mean.js";
import { describeValue, looksLikeSecret } from "./describe-value.js";
import { allKeyPaths, keysAt } from "./schema-keys.js";

export type ConfigPath = (string | number)[];

export interface ConfigProblem {
  /** Where the problem is; for an unknown key, the path of that key. */
  path: ConfigPath;
  text: string;
}

/** `policy.maxLifetimeDays`, `allowlist[2].reason`; the top level is `(top level)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(top level)";
  return path.map((seg, i) => (typeof seg === "number" ? `[${seg}]` : i === 0 ? String(seg) : `.${String(seg)}`)).join("");
}

export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const seg of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[seg];
  }
  return current;
}

const EXPECTED: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  string: "a string",
  boolean: "true or false",
  array: "a list",
  object: "a mapping (key: value lines)",
};

const quoteAll = (values: readonly unknown[]): string => values.map((v) => JSON.stringify(v)).join(", ");

function unknownKeyText(schema: z.core.$ZodType, objectPath: ConfigPath, key: string): string {
  const sibling = closestMatch(key, keysAt(schema, objectPath));
  if (sibling) return `unknown key — did you mean "${sibling}"?`;
  // The right key at the wrong level (`maxLifetimeDays` at the top instead of under `policy`).
  const elsewhere = allKeyPaths(schema).find((p) => p.split(".").at(-1)?.toLowerCase() === key.toLowerCase());
  if (elsewhere) return `unknown key here — did you mean "${elsewhere.replaceAll("[]", "[0]")}"?`;
  return `unknown key (expected one of: ${keysAt(schema, objectPath).join(", ")})`;
}

function typeText(issue: z.core.$ZodIssueInvalidType, got: unknown, schema: z.core.$ZodType): string {
  if (got === undefined) return "required key is missing";
  const expected = EXPECTED[issue.expected] ?? issue.expected;
  // `verify: true` is a natural thing to write for a feature switch: say how to write it instead.
  const hint =
    issue.expected === "object" && typeof got === "boolean" && keysAt(schema, issue.path as ConfigPath).includes("enabled")
      ? ` — write "${formatPath(issue.path)}: { enabled: ${got} }"`
      : "";
  return `expected ${expected} (got ${describeValue(got)})${hint}`;
}

function boundText(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, got: unknown): string {
  const small = issue.code === "too_small";
  const limit = Number(small ? issue.minimum : issue.maximum);
  if (issue.origin === "string" && small && limit === 1) return `must not be empty (got ${describeValue(got)})`;
  if (issue.origin === "string") return `must be ${small ? "at least" : "at most"} ${limit} characters (got ${describeValue(got)})`;
  if (issue.origin === "array") return `must have ${small ? "at least" : "at most"} ${limit} items`;
  const words = small ? (issue.inclusive ? "at least" : "greater than") : issue.inclusive ? "at most" : "less than";
  return `must be ${words} ${limit} (got ${describeValue(got)})`;
}

function issueText(issue: z.core.$ZodIssue, got: unknown, schema: z.core.$ZodType): string {
  switch (issue.code) {
    case "invalid_type":
      return typeText(issue, got, schema);
    case "invalid_value": {
      const suggestion = typeof got === "string" ? closestMatch(got, issue.values.map(String)) : undefined;
      const didYouMean = suggestion ? ` — did you mean "${suggestion}"?` : "";
      return `expected one of ${quoteAll(issue.values)} (got ${describeValue(got)})${didYouMean}`;
    }
    case "too_small":
    case "too_big":
      return boundText(issue, got);
    default:
      // invalid_format and refinements carry the schema's own message.
      return `${issue.message} (got ${describeValue(got)})`;
  }
}

/** One problem per issue, and one per unknown key. `raw` is what was validated, for the "(got X)" part. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], raw: unknown, schema: z.core.$ZodType): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    const path = issue.path as ConfigPath;
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const shown = looksLikeSecret(key) ? "(a key that looks like a secret)" : key;
        problems.push({ path: [...path, key], text: `${formatPath([...path, shown])}: ${unknownKeyText(schema, path, key)}` });
      }
      continue;
    }
    problems.push({ path, text: `${formatPath(path)}: ${issueText(issue, valueAt(raw, path), schema)}` });
  }
  return problems;
}
