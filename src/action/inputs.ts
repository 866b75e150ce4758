// Action inputs as the runner passes them: INPUT_<NAME> with the name upper-cased, spaces as underscores.
import { SEVERITIES, type Severity } from "../detect/types.js";

export interface ActionInputs {
  path: string;
  config?: string;
  failOn?: Severity;
  format: "text" | "json" | "sarif";
  sarifFile: string;
  history: boolean;
  comment: boolean;
  token?: string;
}

export class InputError extends Error {}

const input = (env: NodeJS.ProcessEnv, name: string): string => (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const v = input(env, name).toLowerCase();
  if (v === "") return fallback;
  if (["true", "yes", "1"].includes(v)) return true;
  if (["false", "no", "0"].includes(v)) return false;
  throw new InputError(`input ${name} must be true or false (got "${v}")`);
}

export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const failOn = input(env, "fail-on").toLowerCase(); // "High" as written in a workflow is fine
  if (failOn && !(SEVERITIES as readonly string[]).includes(failOn))
    throw new InputError(`input fail-on must be one of ${SEVERITIES.join(", ")} (got "${failOn}")`);
  const format = input(env, "format").toLowerCase() || "text";
  if (!["text", "json", "sarif"].includes(format)) throw new InputError(`input format must be text, json or sarif (got "${format}")`);
  return {
    path: input(env, "path") || ".",
    ...(input(env, "config") ? { config: input(env, "config") } : {}),
    ...(failOn ? { failOn: failOn as Severity } : {}),
    format: format as ActionInputs["format"],
    sarifFile: input(env, "sarif-file") || "sas-guard.sarif",
    history: bool(env, "history", false),
    comment: bool(env, "comment", false),
    ...(input(env, "github-token") || env.GITHUB_TOKEN ? { token: input(env, "github-token") || env.GITHUB_TOKEN } : {}),
  };
}
