// Pull requests (https://docs.github.com/en/rest/pulls): files (paginated, 3000 cap), reviews with inline comments
// (a comment off the diff fails the whole review with 422), review comments, replies.
import { iso, json, notFound, paginate, route, unprocessable, type Ctx, type Reply, type Route } from "./http.js";
import { rightSideLines } from "./line-diff.js";
import type { FakeRepo, PullRequest, ReviewComment } from "./repo.js";
import { commitJson, FILES_CAP } from "./routes-git.js";

export const MAX_BODY_CHARS = 65_536;
const BOT = { login: "sas-guard[bot]", id: 1, type: "Bot" };

function pull(ctx: Ctx): PullRequest | undefined {
  return ctx.repo.pulls.get(Number(ctx.params.number));
}

export function commentJson(repo: FakeRepo, c: ReviewComment) {
  return {
    id: c.id,
    node_id: `PRRC_${c.id}`,
    pull_request_review_id: c.reviewId,
    diff_hunk: c.diff_hunk,
    path: c.path,
    commit_id: c.commit_id,
    original_commit_id: c.commit_id,
    user: BOT,
    body: c.body,
    created_at: c.created_at,
    updated_at: c.created_at,
    html_url: `${repo.htmlUrl}/pull/${c.pullNumber}#discussion_r${c.id}`,
    pull_request_url: `${repo.apiUrl}/pulls/${c.pullNumber}`,
    line: c.line,
    original_line: c.line,
    side: c.side,
    start_line: null,
    original_start_line: null,
    start_side: null,
    subject_type: "line",
    // GitHub sends in_reply_to_id only on replies
    ...(c.in_reply_to_id !== undefined ? { in_reply_to_id: c.in_reply_to_id } : {}),
  };
}

function files(ctx: Ctx): Reply {
  const pr = pull(ctx);
  if (!pr) return notFound();
  const { page, headers } = paginate(ctx, ctx.repo.pullFiles(pr), { cap: FILES_CAP });
  return json(200, page, headers);
}

function createReview(ctx: Ctx): Reply {
  const pr = pull(ctx);
  if (!pr) return notFound();
  const body = ctx.body ?? {};
  const event: string | undefined = body.event;
  if (event !== undefined && !["APPROVE", "REQUEST_CHANGES", "COMMENT"].includes(event))
    return unprocessable("Unprocessable Entity", [`${event} is not a valid event`]);
  if ((event === "REQUEST_CHANGES" || event === "COMMENT") && !body.body) return unprocessable("Unprocessable Entity", ["Body is required for this event"]); // unverified wording
  if (typeof body.body === "string" && body.body.length > MAX_BODY_CHARS)
    return unprocessable("Validation Failed", [
      { resource: "PullRequestReview", code: "custom", field: "body", message: `Body is too long (maximum is ${MAX_BODY_CHARS} characters)` },
    ]);
  const byPath = new Map(ctx.repo.pullFiles(pr).map((f) => [f.filename, f]));
  const errors: string[] = [];
  for (const c of body.comments ?? []) {
    const f = byPath.get(c.path);
    if (typeof c.body !== "string" || c.body.length > MAX_BODY_CHARS) errors.push("Pull request review thread body is invalid");
    else if (!f || !f.patch) errors.push("Path could not be resolved");
    else if (c.start_line !== undefined && c.start_line === c.line) errors.push("Pull request review thread start line must precede the end line");
    else if (c.line !== undefined && (c.side ?? "RIGHT") === "RIGHT" && !rightSideLines(f.patch).has(c.line)) {
      errors.push(
        "Pull request review thread line must be part of the diff",
        "Pull request review thread start line must be part of the same hunk as the line.",
        "Pull request review thread diff hunk can't be blank",
      );
    } else if (c.line === undefined && c.position === undefined && c.subject_type !== "file") errors.push("Pull request review thread position is invalid");
  }
  if (errors.length > 0) return unprocessable("Unprocessable Entity", [...new Set(errors)]);
  const now = iso(ctx.repo.world.now());
  const commitId = body.commit_id ?? pr.head.sha;
  const review = {
    id: ctx.repo.world.nextId(),
    pullNumber: pr.number,
    body: body.body ?? "",
    state: event === undefined ? "PENDING" : event === "COMMENT" ? "COMMENTED" : event === "APPROVE" ? "APPROVED" : "CHANGES_REQUESTED",
    commit_id: commitId,
    submitted_at: now,
  };
  ctx.repo.reviews.push(review);
  for (const c of body.comments ?? []) {
    const patch = byPath.get(c.path)!.patch!;
    const comment: ReviewComment = {
      id: ctx.repo.world.nextId(),
      pullNumber: pr.number,
      reviewId: review.id,
      path: c.path,
      line: c.line ?? null,
      side: c.side ?? "RIGHT",
      body: c.body,
      commit_id: commitId,
      diff_hunk: patch.split("\n").slice(0, 8).join("\n"),
      created_at: now,
    };
    ctx.repo.comments.push(comment);
    ctx.repo.threads.push({ id: `PRRT_${comment.id}`, pullNumber: pr.number, commentIds: [comment.id], isResolved: false });
  }
  return json(200, {
    id: review.id,
    node_id: `PRR_${review.id}`,
    user: BOT,
    body: review.body,
    state: review.state,
    html_url: `${ctx.repo.htmlUrl}/pull/${pr.number}#pullrequestreview-${review.id}`,
    pull_request_url: `${ctx.repo.apiUrl}/pulls/${pr.number}`,
    commit_id: review.commit_id,
    submitted_at: review.state === "PENDING" ? undefined : now,
    author_association: "NONE",
  });
}

function listComments(ctx: Ctx): Reply {
  const pr = pull(ctx);
  if (!pr) return notFound();
  const all = ctx.repo.comments.filter((c) => c.pullNumber === pr.number).sort((a, b) => a.id - b.id);
  const { page, headers } = paginate(ctx, all);
  return json(
    200,
    page.map((c) => commentJson(ctx.repo, c)),
    headers,
  );
}

function reply(ctx: Ctx): Reply {
  const pr = pull(ctx);
  const to = ctx.repo.comments.find((c) => c.id === Number(ctx.params.id) && c.pullNumber === pr?.number);
  if (!pr || !to) return notFound();
  if (typeof ctx.body?.body !== "string") return unprocessable('Invalid request.\n\n"body" wasn\'t supplied.');
  const root = to.in_reply_to_id ?? to.id;
  const c: ReviewComment = { ...to, id: ctx.repo.world.nextId(), body: ctx.body.body, in_reply_to_id: root, created_at: iso(ctx.repo.world.now()) };
  ctx.repo.comments.push(c);
  ctx.repo.threads.find((t) => t.commentIds[0] === root)?.commentIds.push(c.id);
  return json(201, commentJson(ctx.repo, c));
}

export const pullRoutes: Route[] = [
  route("GET", "/repos/:owner/:repo/pulls/:number/files", files),
  route("GET", "/repos/:owner/:repo/pulls/:number/commits", (ctx) => {
    const pr = ctx.repo.pulls.get(Number(ctx.params.number));
    if (!pr) return notFound();
    const git = ctx.repo.git;
    const base = new Set(git.ancestors(pr.base.sha));
    const shas = git
      .ancestors(pr.head.sha)
      .filter((s) => !base.has(s))
      .reverse(); // oldest first, as GitHub lists them
    const { page, headers } = paginate(ctx, shas, { maxPerPage: 100, cap: 250 });
    return json(
      200,
      page.map((sha) => commitJson(ctx.repo, sha)),
      headers,
    );
  }),
  route("POST", "/repos/:owner/:repo/pulls/:number/reviews", createReview),
  route("GET", "/repos/:owner/:repo/pulls/:number/reviews", (ctx) => {
    const pr = pull(ctx);
    return pr
      ? json(
          200,
          ctx.repo.reviews.filter((r) => r.pullNumber === pr.number),
        )
      : notFound();
  }),
  route("GET", "/repos/:owner/:repo/pulls/:number/comments", listComments),
  route("POST", "/repos/:owner/:repo/pulls/:number/comments/:id/replies", reply),
];
