// The package version, from package.json next to dist/ (or the define the bundler sets for action/dist/).
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

declare const SAS_GUARD_VERSION: string | undefined;

function read(): string {
  if (typeof SAS_GUARD_VERSION === "string") return SAS_GUARD_VERSION;
  try {
    return (JSON.parse(readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), "../package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

export const VERSION = read();
export const HOMEPAGE = "https://github.com/sas-guard/sas-guard";
