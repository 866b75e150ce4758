// Issues (https://docs.github.com/en/rest/issues/issues): list for a repository (labels, state), create, get,
// update. Enough for the baseline issue and the organisation dashboard. Archived repositories refuse writes (403).
import { json, notFound, paginate, route, unprocessable, type Ctx, type Reply, type Route } from "./http.js";
import type { FakeRepo, Issue } from "./repo.js";

export const MAX_ISSUE_BODY = 65_536;

const issueJson = (repo: FakeRepo, i: Issue) => ({
  id: 500_000 + i.number,
  node_id: `I_${i.number}`,
  number: i.number,
  title: i.title,
  body: i.body,
  state: i.state,
  labels: i.labels.map((name, k) => ({ id: k + 1, name })),
  url: `${repo.apiUrl}/issues/${i.number}`,
  html_url: `${repo.htmlUrl}/issues/${i.number}`,
  user: { login: "sas-guard[bot]", type: "Bot" },
});

function invalid(ctx: Ctx, body: any, creating: boolean): Reply | undefined {
  if (ctx.repo.archived) return json(403, { message: "Repository was archived so is read-only.", status: "403" });
  if (creating && typeof body.title !== "string") return unprocessable('Invalid request.\n\n"title" wasn\'t supplied.');
  if (typeof body.body === "string" && body.body.length > MAX_ISSUE_BODY)
    return unprocessable("Validation Failed", [
      { resource: "Issue", code: "custom", field: "body", message: "body is too long (maximum is 65536 characters)" },
    ]);
  if (body.state !== undefined && !["open", "closed"].includes(body.state)) return unprocessable("Validation Failed");
  return undefined;
}

function list(ctx: Ctx): Reply {
  const state = ctx.query.get("state") ?? "open";
  const labels = (ctx.query.get("labels") ?? "").split(",").filter(Boolean);
  const items = ctx.repo.issues
    .filter((i) => (state === "all" || i.state === state) && labels.every((l) => i.labels.includes(l)))
    .sort((a, b) => b.number - a.number);
  const { page, headers } = paginate(ctx, items);
  return json(
    200,
    page.map((i) => issueJson(ctx.repo, i)),
    headers,
  );
}

function create(ctx: Ctx): Reply {
  const body = ctx.body ?? {};
  const bad = invalid(ctx, body, true);
  if (bad) return bad;
  const issue: Issue = {
    number: ctx.repo.nextNumber(),
    title: body.title,
    body: body.body ?? "",
    state: "open",
    labels: (body.labels ?? []).map((l: unknown) => (typeof l === "string" ? l : (l as { name: string }).name)),
  };
  ctx.repo.issues.push(issue);
  return json(201, issueJson(ctx.repo, issue));
}

function update(ctx: Ctx): Reply {
  const issue = ctx.repo.issues.find((i) => i.number === Number(ctx.params.number));
  if (!issue) return notFound();
  const body = ctx.body ?? {};
  const bad = invalid(ctx, body, false);
  if (bad) return bad;
  if (body.title !== undefined) issue.title = body.title;
  if (body.body !== undefined) issue.body = body.body;
  if (body.state !== undefined) issue.state = body.state;
  return json(200, issueJson(ctx.repo, issue));
}

export const issueRoutes: Route[] = [
  route("GET", "/repos/:owner/:repo/issues", list),
  route("POST", "/repos/:owner/:repo/issues", create),
  route("GET", "/repos/:owner/:repo/issues/:number", (ctx) => {
    const issue = ctx.repo.issues.find((i) => i.number === Number(ctx.params.number));
    return issue ? json(200, issueJson(ctx.repo, issue)) : notFound();
  }),
  route("PATCH", "/repos/:owner/:repo/issues/:number", update),
];
