// THE hook between a scan and the organisation inventory: scan-job.ts (pushes to the default branch) and
// baseline-job.ts call it once per default-branch scan, after the report is built. It folds the report into the
// store, uploads the baseline's SARIF to code scanning, and updates the dashboard issue. It never throws: what it
// could not do comes back as notes (the baseline adds them to its check run) and is logged.
import { githubAnswered } from "../../net/github-answered.js";
import type { GitHubClient } from "../github-client.js";
import { mergeScan, type DefaultBranchScan } from "./merge-scan.js";
import { orgInventorySettings } from "./org-settings.js";
import { publishDashboard } from "./publish-dashboard.js";
import type { InventoryStore } from "./store.js";
import type { OrgInventory } from "./types.js";
import { codeScanningPaused, uploadSarif } from "./upload-sarif.js";
import { headReportFromInventory } from "./head-report.js";

export interface DefaultBranchReport extends DefaultBranchScan {
  installationId: number;
  /** From the webhook or `GET /repos`: an inventory is kept for organisations only. Looked up when absent. */
  ownerType?: string;
  /** The repository's `checks.name`, for the re-evaluation's check run. */
  checkName?: string;
}

export interface InventoryDeps {
  client: GitHubClient;
  store: InventoryStore;
  now: () => Date;
  webBaseUrl: string;
  log?: { info: (o: object, msg: string) => void; warn: (o: object, msg: string) => void };
}

export interface InventoryOutcome {
  /** Plain sentences for the baseline check run (Markdown-safe: no user text is interpreted). */
  notes: string[];
  skipped?: string;
  /** "not exact": a push moved a token's line in a way the inventory could not follow; "unchanged": nothing to upload. */
  sarif?: "uploaded" | "unavailable" | "paused" | "off" | "not exact" | "unchanged" | "skipped";
  dashboard?: { issueNumber?: number; refused?: string; deferred?: boolean };
}

/** What the dashboard shows, without the "last seen" times every scan moves. */
const signature = (inv: OrgInventory): string =>
  JSON.stringify(
    Object.values(inv.records).map(({ lastSeen: _l, locations, ...rest }) => ({ ...rest, locations: locations.map(({ lastSeen: _s, ...l }) => l) })),
  );

// Personal accounts are remembered in memory only (nothing is stored about them).
const accountTypes = new Map<string, string>();

async function ownerTypeOf(r: DefaultBranchReport, deps: InventoryDeps): Promise<string> {
  const known = r.ownerType ?? accountTypes.get(r.owner.toLowerCase()) ?? (await deps.store.read(r.owner)).ownerType;
  const type = known ?? (await deps.client.rest.repos.get({ owner: r.owner, repo: r.repo })).data.owner.type;
  accountTypes.set(r.owner.toLowerCase(), type);
  return type;
}

export async function recordDefaultBranchReport(r: DefaultBranchReport, deps: InventoryDeps): Promise<InventoryOutcome> {
  const notes: string[] = [];
  const out: InventoryOutcome = { notes };
  const log = deps.log ?? { info: () => {}, warn: () => {} };
  try {
    const ownerType = await ownerTypeOf(r, deps);
    if (ownerType !== "Organization") return { notes, skipped: "not an organisation: no inventory" };
    const { settings } = await orgInventorySettings(deps.client, r.owner);
    if (!settings.enabled) return { notes, skipped: "inventory.enabled is false in the organisation's config" };
    const now = deps.now();
    let material = true;
    const inv = await deps.store.update(r.owner, (x) => {
      const before = signature(x);
      const updatedAt = x.updatedAt;
      mergeScan(x, r, now);
      material = signature(x) !== before;
      // nothing a reader would see changed (a push that touched no token): leave the dashboard alone
      if (!material && updatedAt) x.updatedAt = updatedAt;
      x.installationId = r.installationId;
      x.ownerType = "Organization";
      x.reevaluateHours = settings.reevaluateHours;
      if (r.checkName) x.repos[r.repo].checkName = r.checkName;
    });

    // A push's own report covers only what it changed: its upload is built from the inventory (head-report.ts).
    const uploadReport =
      r.kind === "baseline" ? r.report : r.report.incomplete.length === 0 ? headReportFromInventory(inv, r.repo, r.report.failOn) : undefined;
    if (!settings.codeScanning) out.sarif = "off";
    else if (!uploadReport) out.sarif = "not exact";
    else if (r.kind === "push" && !material) out.sarif = "unchanged";
    else if (codeScanningPaused(inv.repos[r.repo], now)) out.sarif = "paused";
    else {
      const up = await uploadSarif(deps.client, { ...r, report: uploadReport });
      if (up.uploaded) {
        out.sarif = "uploaded";
        if (inv.repos[r.repo]?.codeScanning) await deps.store.update(r.owner, (x) => void delete x.repos[r.repo]?.codeScanning);
      } else if (up.unavailable) {
        out.sarif = "unavailable";
        const reason = up.unavailable.reason;
        await deps.store.update(
          r.owner,
          (x) => void (x.repos[r.repo] && (x.repos[r.repo].codeScanning = { unavailable: true, since: now.toISOString(), reason })),
        );
        notes.push(
          `Code scanning is not available for this repository (${reason}): its findings are listed on the organisation's dashboard only. SAS Guard tries again in a week.`,
        );
        log.info({ repo: `${r.owner}/${r.repo}`, reason }, "code scanning unavailable: dashboard only");
      } else {
        out.sarif = "skipped";
        notes.push(`Not uploaded to code scanning: ${up.skipped}.`);
      }
    }

    // A push that changed nothing in the inventory does not rewrite the issue (issue writes count toward GitHub's
    // content-creation limits); a baseline always does (and reports a refusal).
    if (settings.dashboard && (r.kind === "baseline" || material || inv.dashboard?.issueNumber === undefined)) {
      out.dashboard = await publishDashboard(deps.client, deps.store, r.owner, settings, { webBaseUrl: deps.webBaseUrl, now });
      if (out.dashboard.refused) {
        notes.push(`The organisation dashboard was not written: ${out.dashboard.refused}.`);
        log.warn({ org: r.owner, reason: out.dashboard.refused }, "inventory dashboard refused");
      }
    }
  } catch (error) {
    const what = (error as { status?: number }).status ? githubAnswered(error) : String((error as Error)?.message ?? error).split("\n")[0];
    notes.push(`The organisation inventory could not be updated (${what}); the next default-branch scan tries again.`);
    log.warn({ err: error, repo: `${r.owner}/${r.repo}` }, "inventory update failed");
  }
  return out;
}
