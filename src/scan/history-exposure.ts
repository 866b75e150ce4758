// Exposure facts a history scan already has: each token's oldest commit (its origin) and whether the branch head
// still holds it. The repository's visibility comes from the caller (offline, the CLI does not know it).
import type { Visibility } from "../detect/types.js";
import type { ExposureLookup } from "./run-scan.js";

export const historyExposure =
  (branch: string, visibility: Visibility, forks?: number): ExposureLookup =>
  async (_findings, atHead) =>
  (f) => ({
    since: f.origin?.date,
    commit: f.origin?.commit,
    author: f.origin?.author,
    stillPresent: atHead.has(f.fingerprint),
    branch,
    visibility,
    ...(forks !== undefined ? { forks } : {}),
  });
