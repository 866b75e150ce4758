// Check-run writes. One run per (commit, check name): redeliveries update the run they find, the final output goes
// out in batches of 50 annotations (GitHub appends annotations on each update), and a run is never left in progress.
// A run can be created already completed (createCompletedCheckRun): when to do that is check-run-lifecycle.ts's call.
import { chunk, fitSummary, type CheckRunAnnotation } from "../report/render-markdown.js";
import type { GitHubClient, RepoRef } from "./github-client.js";

export interface CheckRunTarget extends RepoRef {
  name: string;
  headSha: string;
  externalId: string;
}

export interface ExistingRun {
  id: number;
  status: string;
  externalId: string | null;
  url?: string;
}

/** The newest run of ours for this commit, if any. Runs of the same name from other apps or workflow jobs (no
 * `sas-guard:` external_id) are not ours: updating them would fail (403) or overwrite someone else's result. */
export async function findCheckRun(client: GitHubClient, t: CheckRunTarget): Promise<ExistingRun | undefined> {
  const { data } = await client.rest.checks.listForRef({ owner: t.owner, repo: t.repo, ref: t.headSha, check_name: t.name, filter: "latest", per_page: 100 });
  const run = data.check_runs.find((r) => r.external_id?.startsWith("sas-guard:"));
  return run ? { id: run.id, status: run.status, externalId: run.external_id ?? null, ...(run.html_url ? { url: run.html_url } : {}) } : undefined;
}

export const SCANNING_SUMMARY = "SAS Guard is scanning the changes of this commit for Azure SAS tokens, account keys and connection strings.";

export async function startCheckRun(
  client: GitHubClient,
  t: CheckRunTarget,
  existing: ExistingRun | undefined,
  title: string,
  summary = SCANNING_SUMMARY,
): Promise<{ id: number; url?: string }> {
  const output = { title, summary };
  if (existing) {
    const { data } = await client.rest.checks.update({
      owner: t.owner,
      repo: t.repo,
      check_run_id: existing.id,
      status: "in_progress",
      external_id: t.externalId,
      output,
    });
    return { id: existing.id, url: data.html_url ?? undefined };
  }
  return createOnce(client, t, { status: "in_progress", output });
}

type CreateBody =
  | { status: "in_progress"; output: { title: string; summary: string } }
  | {
      status: "completed";
      conclusion: FinalOutput["conclusion"];
      output: { title: string; summary: string; annotations?: CheckRunAnnotation[] };
      actions?: FinalOutput["actions"];
    };

/**
 * A create that GitHub performed but answered with a 5xx (or a dropped connection) must not be sent again blindly:
 * that leaves a duplicate run (for an in-progress create, an orphan stuck in progress). So no transport retries on
 * the create itself; on a 5xx or network error, look for the run we may have created, and only create again if it
 * is not there. `priorId` is the run of ours this commit had before (a completed one of an earlier scan): finding
 * that one again does not mean the create landed.
 */
async function createOnce(client: GitHubClient, t: CheckRunTarget, body: CreateBody, priorId?: number): Promise<{ id: number; url?: string }> {
  const create = () =>
    client.rest.checks.create({ owner: t.owner, repo: t.repo, name: t.name, head_sha: t.headSha, external_id: t.externalId, ...body, request: { retries: 0 } });
  try {
    const { data } = await create();
    return { id: data.id, url: data.html_url ?? undefined };
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status !== undefined && status < 500) throw error;
    const landed = await findCheckRun(client, t);
    if (landed && landed.externalId === t.externalId && landed.id !== priorId && (body.status === "completed" || landed.status !== "completed"))
      return { id: landed.id };
    const { data } = await create();
    return { id: data.id, url: data.html_url ?? undefined };
  }
}

export interface FinalOutput {
  conclusion: "failure" | "neutral" | "success";
  title: string;
  summary: string;
  annotations: CheckRunAnnotation[];
  /** Requested-action buttons (the Re-run of an incomplete scan); GitHub sends `check_run.requested_action`. */
  actions?: { label: string; identifier: string; description: string }[];
}

/** At most this many annotations per run: 5 requests of 50 (GitHub appends each update's batch). A 5 MB file of 52k
 * keys made 1,049 updates before this cap, spending the installation's write budget; the rest are counted. */
export const MAX_CHECK_RUN_ANNOTATIONS = 250;

/** The line above the summary when annotations were left out (the worst come first, so those are the ones shown). */
export const annotationsLeftOut = (n: number): string =>
  `> **${n.toLocaleString("en-US")} more ${n === 1 ? "finding is" : "findings are"} not annotated:** SAS Guard annotates at most ${MAX_CHECK_RUN_ANNOTATIONS} per check run (GitHub takes 50 per request). Every finding is counted below; run \`sas-guard scan\` for the full list.`;

/** The final output in requests: the first carries the conclusion and up to 50 annotations, each further batch of
 * 50 follows in an update (GitHub appends them), up to MAX_CHECK_RUN_ANNOTATIONS. */
function finalRequests(out: FinalOutput) {
  const shown = out.annotations.slice(0, MAX_CHECK_RUN_ANNOTATIONS);
  const leftOut = out.annotations.length - shown.length;
  const batches = chunk(shown);
  // GitHub counts 65,535 UTF-8 bytes, not characters
  const summary = fitSummary(leftOut > 0 ? `${annotationsLeftOut(leftOut)}\n\n${out.summary}` : out.summary);
  const output = (annotations: CheckRunAnnotation[]) => ({ title: out.title, summary, ...(annotations.length ? { annotations } : {}) });
  return {
    first: {
      status: "completed" as const,
      conclusion: out.conclusion,
      output: output(batches[0] ?? []),
      ...(out.actions?.length ? { actions: out.actions } : {}),
    },
    rest: batches.slice(1).map(output),
  };
}

async function appendBatches(client: GitHubClient, t: RepoRef, id: number, rest: ReturnType<typeof finalRequests>["rest"]): Promise<void> {
  for (const output of rest) await client.rest.checks.update({ owner: t.owner, repo: t.repo, check_run_id: id, output });
}

/** Completes an existing run; annotations beyond the first 50 follow in further updates of 50 each, up to the cap.
 * Returns the number of requests. */
export async function completeCheckRun(client: GitHubClient, t: RepoRef, id: number, out: FinalOutput): Promise<number> {
  const { first, rest } = finalRequests(out);
  await client.rest.checks.update({ owner: t.owner, repo: t.repo, check_run_id: id, ...first });
  await appendBatches(client, t, id, rest);
  return 1 + rest.length;
}

/** Creates the run already completed (one request instead of create + update); further annotation batches follow
 * as updates. `priorId`: see createOnce. */
export async function createCompletedCheckRun(
  client: GitHubClient,
  t: CheckRunTarget,
  out: FinalOutput,
  priorId?: number,
): Promise<{ id: number; url?: string; requests: number }> {
  const { first, rest } = finalRequests(out);
  const run = await createOnce(client, t, first, priorId);
  await appendBatches(client, t, run.id, rest);
  return { ...run, requests: 1 + rest.length };
}
