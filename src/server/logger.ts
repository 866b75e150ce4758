// pino, JSON in production; `redact` is the second net against secrets (findings already print redacted).
import { pino, type DestinationStream, type Logger } from "pino";
import { redactSecretsInText } from "../detect/redact-text.js";

// pino's "*.key" matches one level down only: the top-level keys are listed too ({ secret } as well as { x: { secret } }).
export const REDACT_PATHS = [
  "secret",
  "sig",
  "privateKey",
  "token",
  "password",
  "*.secret",
  "*.sig",
  "*.privateKey",
  "*.token",
  "*.password",
  "req.headers.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "err.request.headers.authorization",
];

/** JSON lines to stdout, or to `destination` (tests). */
export function createLogger(env: NodeJS.ProcessEnv = process.env, destination?: DestinationStream): Logger {
  const options = {
    name: "sas-guard",
    level: env.LOG_LEVEL ?? "info",
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    // The third net, over each whole JSON line (message, objects, errors): the free-text redaction of src/detect.
    hooks: { streamWrite: (line: string) => redactSecretsInText(line) },
  };
  return destination ? pino(options, destination) : pino(options);
}
