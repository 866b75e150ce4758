// The inventory's settings come from the organisation's default config only: `.github/sas-guard.yml` in the
// org's `.github` repository (a repository cannot move or switch off the org's inventory). Cached briefly per
// process, because every default-branch scan asks.
import type { SasGuardConfig } from "../../config/schema.js";
import type { GitHubClient } from "../github-client.js";
import { loadRepoConfig } from "../load-repo-config.js";

export type InventorySettings = SasGuardConfig["inventory"];
export const ORG_CONFIG_REPO = ".github";
const TTL_MS = 5 * 60_000;
const cache = new Map<string, { at: number; settings: InventorySettings; errors: string[] }>();

export async function orgInventorySettings(
  client: GitHubClient,
  org: string,
  clock: () => number = Date.now,
): Promise<{ settings: InventorySettings; errors: string[] }> {
  const hit = cache.get(org.toLowerCase());
  if (hit && clock() - hit.at < TTL_MS) return hit;
  const loaded = await loadRepoConfig(client, { owner: org, repo: ORG_CONFIG_REPO });
  const entry = { at: clock(), settings: loaded.config.inventory, errors: loaded.errors };
  cache.set(org.toLowerCase(), entry);
  return entry;
}

/** Tests and a config change seen by a webhook: forget the cached settings. */
export const forgetOrgSettings = (): void => cache.clear();
