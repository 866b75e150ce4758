// pino, JSON in production; `redact` is the second net against secrets (findings already print redacted).
import { pino, type Logger } from "pino";

export const REDACT_PATHS = [
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

export function createLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  return pino({
    name: "sas-guard",
    level: env.LOG_LEVEL ?? "info",
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
  });
}
