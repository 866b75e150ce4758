// The dashboard issue: one per organisation, found again by its hidden marker and updated in place, never one
// per scan. It lists where the org's live credentials sit, which is itself sensitive, so it is only written to a
// repository that is not public (the org's `.github` repository by default, or `inventory.repository`); a public
// one is refused, and the refusal is said where people look (the baseline check run, the logs).
// Replicas: publishing takes a short lease in the store, so two replicas never both create the issue; whoever
// holds it republishes until what it wrote is the latest inventory.
import { randomUUID } from "node:crypto";
import type { GitHubClient } from "../github-client.js";
import { INVENTORY_MARKER, renderInventoryDashboard } from "./render-inventory-dashboard.js";
import { isActive } from "./rate-record.js";
import type { InventoryStore } from "./store.js";
import type { OrgInventory } from "./types.js";
import { ORG_CONFIG_REPO, type InventorySettings } from "./org-settings.js";

export const DASHBOARD_LABEL = "sas-guard";
const LEASE_MS = 120_000;
const INSTANCE = randomUUID();

export type DashboardTarget = { repo: string } | { refused: string };

export async function dashboardTarget(client: GitHubClient, org: string, settings: InventorySettings): Promise<DashboardTarget> {
  const repo = settings.repository ?? ORG_CONFIG_REPO;
  const full = `${org}/${repo}`;
  let data: { private?: boolean; visibility?: string; archived?: boolean };
  try {
    data = (await client.rest.repos.get({ owner: org, repo })).data;
  } catch (error) {
    if ((error as { status?: number }).status === 404)
      return {
        refused: `the dashboard repository ${full} does not exist or the App is not installed on it: create a private ${full} (or set inventory.repository) and install SAS Guard on it`,
      };
    throw error;
  }
  if (data.visibility === "public" || data.private === false)
    return {
      refused: `${full} is public: SAS Guard does not publish the list of the organisation's credentials in a public repository. Make it private, or set inventory.repository to a private repository`,
    };
  if (data.archived) return { refused: `${full} is archived: GitHub accepts no issue there. Set inventory.repository to another private repository` };
  return { repo };
}

async function findIssue(client: GitHubClient, org: string, repo: string, known?: number): Promise<number | undefined> {
  if (known !== undefined) {
    try {
      const { data } = await client.rest.issues.get({ owner: org, repo, issue_number: known });
      if ((data.body ?? "").includes(INVENTORY_MARKER)) return known;
    } catch (error) {
      if (![404, 410].includes((error as { status?: number }).status ?? 0)) throw error;
    }
  }
  for await (const page of client.paginate.iterator(client.rest.issues.listForRepo, {
    owner: org,
    repo,
    labels: DASHBOARD_LABEL,
    state: "all",
    per_page: 100,
  })) {
    const found = page.data.find((i) => !i.pull_request && (i.body ?? "").includes(INVENTORY_MARKER));
    if (found) return found.number;
  }
  return undefined;
}

async function writeIssue(client: GitHubClient, inv: OrgInventory, repo: string, o: { webBaseUrl: string; now: Date }): Promise<number | undefined> {
  const { title, body } = renderInventoryDashboard(inv, o);
  const anyOpen = Object.values(inv.records).some(isActive);
  const existing = await findIssue(client, inv.org, repo, inv.dashboard?.repo === repo ? inv.dashboard.issueNumber : undefined);
  if (existing !== undefined) {
    await client.rest.issues.update({ owner: inv.org, repo, issue_number: existing, title, body, state: anyOpen ? "open" : "closed" });
    return existing;
  }
  if (!anyOpen) return undefined;
  return (await client.rest.issues.create({ owner: inv.org, repo, title, body, labels: [DASHBOARD_LABEL] })).data.number;
}

type Leased = OrgInventory & { dashboardLease?: { holder: string; until: number }; dashboardPublishedFor?: string };

export interface PublishOutcome {
  issueNumber?: number;
  refused?: string;
  /** Another replica holds the lease and will publish the latest inventory. */
  deferred?: boolean;
}

export async function publishDashboard(
  client: GitHubClient,
  store: InventoryStore,
  org: string,
  settings: InventorySettings,
  o: { webBaseUrl: string; now: Date; holder?: string },
): Promise<PublishOutcome> {
  const target = await dashboardTarget(client, org, settings);
  if ("refused" in target) {
    await store.update(org, (inv) => void (inv.dashboard = { repo: settings.repository ?? ORG_CONFIG_REPO, refused: target.refused }));
    return { refused: target.refused };
  }
  const me = o.holder ?? INSTANCE;
  for (let round = 0; round < 5; round++) {
    let claimed = false;
    const inv = (await store.update(org, (x) => {
      const i = x as Leased;
      claimed = !i.dashboardLease || i.dashboardLease.until < Date.now() || i.dashboardLease.holder === me;
      if (claimed) i.dashboardLease = { holder: me, until: Date.now() + LEASE_MS };
    })) as Leased;
    if (!claimed) return { deferred: true };
    const version = inv.updatedAt;
    let issueNumber: number | undefined;
    let failure: unknown;
    try {
      issueNumber = await writeIssue(client, inv, target.repo, o);
    } catch (error) {
      failure = error;
    }
    const after = (await store.update(org, (x) => {
      const i = x as Leased;
      if (i.dashboardLease?.holder === me) delete i.dashboardLease;
      if (issueNumber !== undefined || i.dashboard?.repo !== target.repo)
        i.dashboard = { repo: target.repo, ...(issueNumber !== undefined ? { issueNumber } : {}) };
      i.dashboardPublishedFor = version;
    })) as Leased;
    if (failure) throw failure;
    // Someone changed the inventory while this was written: write again, so the issue shows the latest.
    if (after.updatedAt === version || issueNumber === undefined) return issueNumber !== undefined ? { issueNumber } : {};
  }
  return { deferred: true };
}
