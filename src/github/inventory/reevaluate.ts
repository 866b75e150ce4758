// The scheduled re-evaluation of one organisation (daily by default): every record is re-rated against today
// (rate-record.ts), the dashboard is rewritten, and where a token just became more dangerous because its
// allowlist entry expired, the repository gets a new failing baseline check run on the default branch head
// SAS Guard last scanned, naming that finding (one check run per repository per day, external id
// `sas-guard:baseline:<sha>:reevaluated:<date>`, so **Re-run** on it runs a baseline). Nothing is fetched from the repository: the store has what is needed.
import type { GitHubClient } from "../github-client.js";
import { codeSpan, escapeText } from "../../report/markdown.js";
import { SEVERITY_LABEL } from "../../report/explain-finding.js";
import { isFailing, rateRecord } from "./rate-record.js";
import { orgInventorySettings } from "./org-settings.js";
import { publishDashboard, type PublishOutcome } from "./publish-dashboard.js";
import type { InventoryStore } from "./store.js";
import type { InventoryRecord } from "./types.js";

export interface ReevaluateDeps {
  client: GitHubClient;
  store: InventoryStore;
  now: Date;
  webBaseUrl: string;
}

export interface ReevaluateOutcome {
  changed: number;
  /** Fingerprints whose allowlist entry expired in this run and that now fail. */
  newlyFailing: string[];
  checkRuns: { repo: string; id: number }[];
  dashboard?: PublishOutcome;
}

function checkRunBody(repo: string, records: InventoryRecord[]): { title: string; summary: string } {
  const first = records[0];
  const title = `Baseline: allowlist entry expired: ${SEVERITY_LABEL[first.severity]} ${first.summary}`.slice(0, 255);
  const lines = [
    `SAS Guard's daily re-evaluation found ${records.length === 1 ? "a credential" : `${records.length} credentials`} in **${escapeText(repo)}** whose allowlist entry has expired, so ${records.length === 1 ? "it counts" : "they count"} again:`,
    "",
    ...records.map(
      (r) =>
        `- **${SEVERITY_LABEL[r.severity]}**: ${escapeText(r.summary)} · ${codeSpan(r.redacted)} · ${codeSpan(r.fingerprint)} · allowlisted until ${escapeText(r.liftedSuppression?.until ?? "?")} (${escapeText(r.liftedSuppression?.reason ?? "")})`,
    ),
    "",
    "Revoke the credential and remove it, or renew the allowlist entry (with a new `expires`) in `.github/sas-guard.yml`. Use **Re-run** on this check to scan the default branch again.",
  ];
  return { title, summary: lines.join("\n") };
}

export async function reevaluateOrg(org: string, deps: ReevaluateDeps): Promise<ReevaluateOutcome> {
  const { now } = deps;
  let changed = 0;
  let lifted: string[] = [];
  const inv = await deps.store.update(org, (x) => {
    // may run again on a concurrent update (Redis): count from scratch each time
    changed = 0;
    lifted = [];
    for (const r of Object.values(x.records)) {
      const c = rateRecord(r, now);
      if (c.severityChanged || c.statusChanged || c.suppressionLifted) changed++;
      if (c.suppressionLifted && isFailing(r)) lifted.push(r.fingerprint);
    }
    x.lastReevaluatedAt = now.toISOString();
    if (changed) x.updatedAt = now.toISOString();
  });
  const out: ReevaluateOutcome = { changed, newlyFailing: lifted, checkRuns: [] };
  const byRepo = new Map<string, InventoryRecord[]>();
  for (const fp of lifted) {
    const r = inv.records[fp];
    for (const repo of new Set(r.locations.filter((l) => l.atHead).map((l) => l.repo))) byRepo.set(repo, [...(byRepo.get(repo) ?? []), r]);
  }
  for (const [repo, records] of byRepo) {
    const state = inv.repos[repo];
    if (!state?.lastScan || state.archived) continue;
    const sha = state.lastScan.sha;
    const { title, summary } = checkRunBody(repo, records);
    const annotations = records
      .flatMap((r) =>
        r.locations
          .filter((l) => l.repo === repo && l.atHead && l.commit === sha)
          .map((l) => ({
            path: l.path,
            start_line: l.line,
            end_line: l.line,
            annotation_level: "failure" as const,
            title: `${SEVERITY_LABEL[r.severity]}: allowlist entry expired`.slice(0, 255),
            message: `${r.summary}\n\n${r.redacted} (${r.fingerprint}): its allowlist entry expired on ${r.liftedSuppression?.until ?? "?"}; it counts again.`,
          })),
      )
      .slice(0, 50);
    const { data } = await deps.client.rest.checks.create({
      owner: org,
      repo,
      name: `${state.checkName ?? "SAS Guard"} baseline`,
      head_sha: sha,
      external_id: `sas-guard:baseline:${sha}:reevaluated:${now.toISOString().slice(0, 10)}`,
      status: "completed",
      conclusion: "failure",
      completed_at: now.toISOString(),
      output: { title, summary, annotations },
    });
    out.checkRuns.push({ repo, id: data.id });
  }
  const { settings } = await orgInventorySettings(deps.client, org);
  if (settings.enabled && settings.dashboard)
    out.dashboard = await publishDashboard(deps.client, deps.store, org, settings, { webBaseUrl: deps.webBaseUrl, now });
  return out;
}
