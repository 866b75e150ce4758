// Finds and reads the config for a CLI run: --config FILE, else .github/sas-guard.yml under the scanned root.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_CONFIG, parseConfig, type ConfigResult } from "../config/load-config.js";
import { UsageError } from "./args.js";

export function loadCliConfig(explicit: string | undefined, root: string): ConfigResult {
  const path = explicit ?? join(root, ".github", "sas-guard.yml");
  if (!existsSync(path)) {
    if (explicit) throw new UsageError(`config file ${explicit} does not exist. Check the path given to --config.`);
    return { config: DEFAULT_CONFIG, errors: [], source: "defaults (no .github/sas-guard.yml)" };
  }
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseConfig(text, path);
}
