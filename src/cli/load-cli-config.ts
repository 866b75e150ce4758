// Finds and reads the config for a CLI run: --config FILE, else .github/sas-guard.yml at the scan root (the git
// repository's top level when the scanned paths are in one: src/cli/find-repo-root.ts).
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
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
  return parseConfig(text, explicit ?? shown(path));
}

/** The found config as the report shows it: relative to the current directory when under it (--config: as given). */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}
