// Check runs (https://docs.github.com/en/rest/checks/runs): create, update (annotations are appended, at most 50
// per request; summary and text at most 65 535 characters), get, list for a ref with check_name/filter.
import { iso, json, notFound, paginate, route, unprocessable, type Ctx, type Reply, type Route } from "./http.js";
import type { CheckRun, FakeRepo } from "./repo.js";

const CONCLUSIONS = ["action_required", "cancelled", "failure", "neutral", "success", "skipped", "stale", "timed_out"];
const STATUSES = ["queued", "in_progress", "completed"];
const LEVELS = ["notice", "warning", "failure"];
export const MAX_ANNOTATIONS_PER_REQUEST = 50;
export const MAX_OUTPUT_CHARS = 65_535;

export function checkRunJson(repo: FakeRepo, run: CheckRun) {
  return {
    id: run.id,
    node_id: `CR_${run.id}`,
    head_sha: run.head_sha,
    external_id: run.external_id,
    url: `${repo.apiUrl}/check-runs/${run.id}`,
    html_url: `${repo.htmlUrl}/runs/${run.id}`,
    details_url: run.details_url ?? repo.world.webBase,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.started_at,
    completed_at: run.completed_at,
    output: { ...run.output, annotations_count: run.annotations.length, annotations_url: `${repo.apiUrl}/check-runs/${run.id}/annotations` },
    name: run.name,
    check_suite: { id: 1 },
    app: { id: 1, slug: "sas-guard", name: "SAS Guard" },
    pull_requests: [],
  };
}

/** Validation GitHub applies to a create/update body; the 422 to answer, if any. */
function invalid(body: any): Reply | undefined {
  if (body.status !== undefined && !STATUSES.includes(body.status))
    return unprocessable(`Invalid request.\n\n${JSON.stringify(body.status)} is not a member of ${JSON.stringify(STATUSES)}.`);
  if (body.conclusion !== undefined && !CONCLUSIONS.includes(body.conclusion))
    return unprocessable(`Invalid request.\n\n${JSON.stringify(body.conclusion)} is not a member of ${JSON.stringify(CONCLUSIONS)}.`);
  if (body.status === "completed" && body.conclusion === undefined && body.completed_at === undefined)
    return unprocessable("Invalid request.\n\nconclusion is required when status is completed.");
  const out = body.output;
  if (out === undefined) return undefined;
  if (typeof out.title !== "string" || typeof out.summary !== "string") return unprocessable('Invalid request.\n\n"title", "summary" weren\'t supplied.');
  for (const field of ["summary", "text"] as const) {
    if (typeof out[field] === "string" && out[field].length > MAX_OUTPUT_CHARS)
      return unprocessable(`Invalid request.\n\nOnly ${MAX_OUTPUT_CHARS} characters are allowed; ${out[field].length} were supplied.`);
  }
  const annotations = out.annotations ?? [];
  if (annotations.length > MAX_ANNOTATIONS_PER_REQUEST)
    return unprocessable(
      `Invalid request.\n\nFor 'properties/annotations', ${annotations.length} items is too long (maximum is ${MAX_ANNOTATIONS_PER_REQUEST}).`,
    );
  for (const a of annotations) {
    if (
      typeof a.path !== "string" ||
      typeof a.start_line !== "number" ||
      typeof a.end_line !== "number" ||
      typeof a.message !== "string" ||
      !LEVELS.includes(a.annotation_level)
    ) {
      return unprocessable("Invalid request.\n\nFor 'items', annotation is missing path, start_line, end_line, annotation_level or message.");
    }
    if ((a.start_column !== undefined || a.end_column !== undefined) && a.start_line !== a.end_line)
      return unprocessable("Invalid request.\n\nstart_column and end_column may only be used when start_line equals end_line.");
    if (typeof a.title === "string" && a.title.length > 255)
      return unprocessable("Invalid request.\n\nannotation title is too long (maximum is 255 characters).");
  }
  return undefined;
}

function apply(repo: FakeRepo, run: CheckRun, body: any): void {
  const now = iso(repo.world.now());
  if (body.name !== undefined) run.name = body.name;
  if (body.external_id !== undefined) run.external_id = body.external_id;
  if (body.details_url !== undefined) run.details_url = body.details_url;
  // A completed run stays completed: GitHub keeps its status and conclusion (unverified for every field; see RECIPE B1)
  if (run.status !== "completed") {
    if (body.conclusion !== undefined || body.status === "completed") {
      run.status = "completed";
      run.conclusion = body.conclusion ?? run.conclusion;
      run.completed_at = body.completed_at ?? now;
    } else if (body.status !== undefined) run.status = body.status;
  }
  if (body.output) {
    run.output = { title: body.output.title, summary: body.output.summary, text: body.output.text ?? run.output.text };
    run.annotations.push(...(body.output.annotations ?? []));
  }
  const last = run.history[run.history.length - 1];
  if (!last || last.status !== run.status || last.conclusion !== run.conclusion)
    run.history.push({ status: run.status, conclusion: run.conclusion, at: Date.now() });
}

function create(ctx: Ctx): Reply {
  const body = ctx.body ?? {};
  if (typeof body.name !== "string" || typeof body.head_sha !== "string") return unprocessable('Invalid request.\n\n"name", "head_sha" weren\'t supplied.');
  if (!ctx.repo.git.commits.has(body.head_sha)) return unprocessable(`No commit found for SHA: ${body.head_sha}`);
  const bad = invalid(body);
  if (bad) return bad;
  const run: CheckRun = {
    id: ctx.repo.world.nextId(),
    name: body.name,
    head_sha: body.head_sha,
    external_id: body.external_id ?? null,
    details_url: body.details_url ?? null,
    status: "queued",
    conclusion: null,
    started_at: body.started_at ?? iso(ctx.repo.world.now()),
    completed_at: null,
    output: { title: null, summary: null, text: null },
    annotations: [],
    history: [],
  };
  apply(ctx.repo, run, { ...body, status: body.status ?? "queued" });
  ctx.repo.checkRuns.push(run);
  return json(201, checkRunJson(ctx.repo, run));
}

function update(ctx: Ctx): Reply {
  const run = ctx.repo.checkRuns.find((r) => r.id === Number(ctx.params.id));
  if (!run) return notFound();
  const bad = invalid(ctx.body ?? {});
  if (bad) return bad;
  apply(ctx.repo, run, ctx.body ?? {});
  return json(200, checkRunJson(ctx.repo, run));
}

function listForRef(ctx: Ctx): Reply {
  const sha = ctx.repo.resolve(decodeURIComponent(ctx.params.ref));
  if (!sha) return json(422, { message: `No commit found for SHA: ${ctx.params.ref}`, status: "422" });
  let runs = ctx.repo.checkRuns.filter((r) => r.head_sha === sha).sort((a, b) => b.id - a.id);
  const name = ctx.query.get("check_name");
  if (name !== null) runs = runs.filter((r) => r.name === name);
  const status = ctx.query.get("status");
  if (status !== null) runs = runs.filter((r) => r.status === status);
  if ((ctx.query.get("filter") ?? "latest") === "latest") {
    const seen = new Set<string>();
    runs = runs.filter((r) => !seen.has(r.name) && seen.add(r.name));
  }
  const { page, headers } = paginate(ctx, runs);
  return json(200, { total_count: runs.length, check_runs: page.map((r) => checkRunJson(ctx.repo, r)) }, headers);
}

export const checkRoutes: Route[] = [
  route("POST", "/repos/:owner/:repo/check-runs", create),
  route("PATCH", "/repos/:owner/:repo/check-runs/:id", update),
  route("GET", "/repos/:owner/:repo/check-runs/:id", (ctx) => {
    const run = ctx.repo.checkRuns.find((r) => r.id === Number(ctx.params.id));
    return run ? json(200, checkRunJson(ctx.repo, run)) : notFound();
  }),
  route("GET", "/repos/:owner/:repo/check-runs/:id/annotations", (ctx) => {
    const run = ctx.repo.checkRuns.find((r) => r.id === Number(ctx.params.id));
    if (!run) return notFound();
    const { page, headers } = paginate(ctx, run.annotations);
    return json(200, page, headers);
  }),
  route("GET", "/repos/:owner/:repo/commits/:ref/check-runs", listForRef),
];
