// `sas-guard audit --org ORG --inventory [--format markdown|json|csv]`: the organisation inventory without the
// App, from the API with a token. Each repository is audited as the App's baseline would (runAudit, one repository
// at a time), and each report is folded into an in-memory inventory by the same mergeScan the App uses, then
// printed by the same renderers as the dashboard issue. Nothing is stored.
import type { SasGuardConfig } from "../config/schema.js";
import { atLeast } from "../detect/severity.js";
import type { Severity } from "../detect/types.js";
import { webBaseUrl } from "../github/client-factory.js";
import type { GitHubClient } from "../github/github-client.js";
import { renderInventoryDashboard } from "../github/inventory/render-inventory-dashboard.js";
import { renderInventoryCsv, renderInventoryJson } from "../github/inventory/render-inventory-table.js";
import { runScan } from "../scan/run-scan.js";
import { buildScanConfig } from "../scan/scan-config.js";
import { orgDocuments, repositories } from "./github-org.js";
import { mergeScan } from "../github/inventory/merge-scan.js";
import { isActive } from "../github/inventory/rate-record.js";
import { emptyInventory, type OrgInventory } from "../github/inventory/types.js";

/** What `sas-guard audit --inventory` was asked (the CLI's AuditArgs, without depending on the CLI). */
export interface InventoryAuditArgs {
  org?: string;
  repo?: string;
  now: Date;
  failOn?: Severity;
  format: string;
}

export async function buildAuditInventory(
  args: InventoryAuditArgs,
  config: SasGuardConfig,
  configSource: string,
  client: GitHubClient,
  onProgress?: (files: number, bytes: number) => void,
): Promise<OrgInventory> {
  const repos = await repositories(client, { ...(args.org ? { org: args.org } : {}), ...(args.repo ? { repo: args.repo } : {}) });
  const inv = emptyInventory(args.org ?? args.repo!.split("/")[0]);
  const sc = buildScanConfig({ config, source: configSource, errors: [] }, args.failOn ? { failOn: args.failOn } : {});
  for (const r of repos) {
    // One repository at a time, as the App's baseline would: the same documents and pipeline as `sas-guard audit`.
    const report = await runScan(await orgDocuments(client, { repo: `${r.owner}/${r.name}` }, sc), sc, {
      now: args.now,
      ...(onProgress ? { onProgress } : {}),
    });
    const prefix = `${r.owner}/${r.name}/`;
    let sha: string;
    try {
      sha = (await client.rest.repos.getBranch({ owner: r.owner, repo: r.name, branch: r.defaultBranch })).data.commit.sha;
    } catch {
      continue; // listed by runAudit as not scanned
    }
    const findings = report.findings.map((f) => ({ ...f, path: f.path.startsWith(prefix) ? f.path.slice(prefix.length) : f.path }));
    mergeScan(
      inv,
      { owner: r.owner, repo: r.name, visibility: r.visibility, sha, ref: `refs/heads/${r.defaultBranch}`, kind: "baseline", report: { ...report, findings } },
      args.now,
    );
  }
  return inv;
}

export async function auditInventory(
  args: InventoryAuditArgs,
  config: SasGuardConfig,
  configSource: string,
  client: GitHubClient,
  onProgress?: (files: number, bytes: number) => void,
): Promise<{ text: string; failing: boolean; inventory: OrgInventory }> {
  const inventory = await buildAuditInventory(args, config, configSource, client, onProgress);
  const failOn = args.failOn ?? config.failOn;
  const failing = Object.values(inventory.records).some((r) => isActive(r) && !r.suppression && atLeast(r.severity, failOn));
  const text =
    args.format === "json"
      ? renderInventoryJson(inventory, args.now)
      : args.format === "csv"
        ? renderInventoryCsv(inventory, args.now)
        : `${renderInventoryDashboard(inventory, { webBaseUrl: webBaseUrl(), now: args.now }).body}\n`;
  return { text, failing, inventory };
}
