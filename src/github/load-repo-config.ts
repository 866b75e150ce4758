// Reads `.github/sas-guard.yml` the way Probot's context.config() does (repo, then the owner's `.github` repo,
// `_extends`), always from the default branch: a pull request cannot allowlist its own token. A broken file never
// switches the scanner off: its errors are reported and the defaults apply.
import { DEFAULT_CONFIG, resolveConfig, type ConfigResult } from "../config/load-config.js";
import { redactSecretsInText } from "../detect/redact-text.js";
import type { GitHubClient, RepoRef } from "./github-client.js";

export const CONFIG_PATH = ".github/sas-guard.yml";

export async function loadRepoConfig(client: GitHubClient, repo: RepoRef): Promise<ConfigResult> {
  try {
    const { config, files } = await client.config.get({ ...repo, path: CONFIG_PATH });
    const found = files.filter((f) => f.config !== null);
    if (found.length === 0)
      return { config: DEFAULT_CONFIG, errors: [], source: "defaults (no .github/sas-guard.yml in the repository or the owner's .github repository)" };
    // files come in load order: the repo (or org) file first, then what it `_extends`
    const source = found.map((f) => `${f.owner}/${f.repo}:${f.path}`).join(", extending ");
    return resolveConfig(config, source);
  } catch (error) {
    // The config plugin quotes the offending value (`Invalid value "<SAS URL>" for _extends`): redacted.
    const message = redactSecretsInText((error as Error).message.split("\n")[0] ?? "");
    return {
      config: DEFAULT_CONFIG,
      errors: [`${CONFIG_PATH}: could not be read (${message}); the scan used the defaults. Fix the file on the default branch.`],
      source: "defaults (config unreadable)",
    };
  }
}
