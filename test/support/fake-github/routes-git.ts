// Read-only git endpoints: repository, commits, compare (300-file cap), trees (recursive, truncated), blobs,
// contents. Shapes follow https://docs.github.com/en/rest/git and /rest/commits.
import { iso, json, notFound, paginate, route, type Ctx, type Route } from "./http.js";
import type { FakeRepo } from "./repo.js";

/** GitHub: compare lists at most 300 files; a commit's files paginate up to 3000. */
export const COMPARE_FILES_CAP = 300;
export const FILES_CAP = 3000;

export interface GitRouteOptions {
  /** A recursive tree listing with more entries than this comes back `truncated: true` (GitHub: 100 000 / 7 MB). */
  treeLimit: () => number;
}

export function commitJson(repo: FakeRepo, sha: string) {
  const c = repo.git.commits.get(sha)!;
  const person = { name: c.author.name, email: c.author.email, date: c.author.date };
  return {
    sha,
    node_id: `C_${sha.slice(0, 16)}`,
    commit: {
      author: person,
      committer: person,
      message: c.message,
      tree: { sha: c.tree, url: `${repo.apiUrl}/git/trees/${c.tree}` },
      url: `${repo.apiUrl}/git/commits/${sha}`,
      comment_count: 0,
    },
    url: `${repo.apiUrl}/commits/${sha}`,
    html_url: `${repo.htmlUrl}/commit/${sha}`,
    author: null,
    committer: null,
    parents: c.parents.map((p) => ({ sha: p, url: `${repo.apiUrl}/commits/${p}`, html_url: `${repo.htmlUrl}/commit/${p}` })),
  };
}

function getCommit(ctx: Ctx) {
  const sha = ctx.repo.resolve(decodeURIComponent(ctx.params.ref));
  if (!sha) return json(422, { message: `No commit found for SHA: ${ctx.params.ref}`, status: "422" });
  const parent = ctx.repo.git.commits.get(sha)!.parents[0];
  const files = ctx.repo.diff(parent, sha);
  const { page, headers } = paginate(ctx, files, { defaultPerPage: 300, maxPerPage: 300, cap: FILES_CAP });
  const additions = files.reduce((n, f) => n + f.additions, 0);
  const deletions = files.reduce((n, f) => n + f.deletions, 0);
  return json(200, { ...commitJson(ctx.repo, sha), stats: { total: additions + deletions, additions, deletions }, files: page }, headers);
}

/** GET /repos/{o}/{r}/commits?sha=&path=: commits reachable from `sha`, newest first, that changed `path`. */
function listCommits(ctx: Ctx) {
  const head = ctx.repo.resolve(ctx.query.get("sha") ?? ctx.repo.defaultBranch);
  if (!head) return notFound();
  const path = ctx.query.get("path");
  const git = ctx.repo.git;
  const touched = (sha: string): boolean => {
    if (!path) return true;
    const parent = git.commits.get(sha)!.parents[0];
    return git.filesOf(sha).get(path) !== (parent ? git.filesOf(parent).get(path) : undefined);
  };
  const shas = git.ancestors(head).filter(touched);
  const { page, headers } = paginate(ctx, shas, { maxPerPage: 100 });
  return json(
    200,
    page.map((sha) => commitJson(ctx.repo, sha)),
    headers,
  );
}

function compare(ctx: Ctx) {
  const m = /^(.+?)(\.\.\.?)(.+)$/.exec(decodeURIComponent(ctx.params.basehead));
  const base = m && ctx.repo.resolve(m[1]);
  const head = m && ctx.repo.resolve(m[3]);
  if (!base || !head) return notFound();
  const mergeBase = ctx.repo.git.mergeBase(base, head);
  const ahead = ctx.repo.git
    .ancestors(head)
    .filter((s) => !new Set(ctx.repo.git.ancestors(base)).has(s))
    .reverse(); // oldest first
  const behind = ctx.repo.git.ancestors(base).filter((s) => !new Set(ctx.repo.git.ancestors(head)).has(s));
  const paged = ctx.query.has("per_page") || ctx.query.has("page");
  const { page: commits, headers } = paged ? paginate(ctx, ahead, { maxPerPage: 100 }) : { page: ahead.slice(-250), headers: {} };
  const firstPage = Number(ctx.query.get("page") ?? 1) <= 1;
  // "the list of changed files is only shown on the first page of results, and it includes up to 300 changed files for the entire comparison"
  const files = firstPage ? ctx.repo.diff(mergeBase, head).slice(0, COMPARE_FILES_CAP) : [];
  const status = ahead.length === 0 && behind.length === 0 ? "identical" : behind.length === 0 ? "ahead" : ahead.length === 0 ? "behind" : "diverged";
  return json(
    200,
    {
      url: `${ctx.repo.apiUrl}/compare/${ctx.params.basehead}`,
      html_url: `${ctx.repo.htmlUrl}/compare/${ctx.params.basehead}`,
      permalink_url: `${ctx.repo.htmlUrl}/compare/${base}...${head}`,
      diff_url: `${ctx.repo.htmlUrl}/compare/${ctx.params.basehead}.diff`,
      patch_url: `${ctx.repo.htmlUrl}/compare/${ctx.params.basehead}.patch`,
      base_commit: commitJson(ctx.repo, base),
      merge_base_commit: mergeBase ? commitJson(ctx.repo, mergeBase) : null,
      status,
      ahead_by: ahead.length,
      behind_by: behind.length,
      total_commits: ahead.length,
      commits: commits.map((s) => commitJson(ctx.repo, s)),
      files,
    },
    headers,
  );
}

function getTree(ctx: Ctx, options: GitRouteOptions) {
  const { git } = ctx.repo;
  const ref = decodeURIComponent(ctx.params.sha);
  const commit = ctx.repo.resolve(ref);
  const treeSha = git.trees.has(ref) ? ref : commit ? git.commits.get(commit)!.tree : undefined;
  if (!treeSha) return notFound();
  const recursive = ctx.query.has("recursive");
  const entries: { path: string; mode: string; type: string; sha: string; size?: number; url: string }[] = [];
  const walk = (sha: string, prefix: string) => {
    for (const e of git.trees.get(sha)!.entries) {
      const url = `${ctx.repo.apiUrl}/git/${e.type === "tree" ? "trees" : "blobs"}/${e.sha}`;
      entries.push({
        path: prefix + e.name,
        mode: e.mode,
        type: e.type,
        sha: e.sha,
        ...(e.type === "blob" ? { size: git.blobs.get(e.sha)!.content.length } : {}),
        url,
      });
      if (recursive && e.type === "tree") walk(e.sha, `${prefix}${e.name}/`);
    }
  };
  walk(treeSha, "");
  const limit = options.treeLimit();
  const truncated = recursive && entries.length > limit;
  return json(200, { sha: treeSha, url: `${ctx.repo.apiUrl}/git/trees/${treeSha}`, tree: truncated ? entries.slice(0, limit) : entries, truncated });
}

function getBlob(ctx: Ctx) {
  const blob = ctx.repo.git.blobs.get(ctx.params.sha);
  if (!blob) return notFound();
  if (/raw/.test(String(ctx.req.headers.accept ?? ""))) return { status: 200, raw: blob.content, headers: { "content-type": "application/vnd.github.raw" } };
  return json(200, {
    sha: blob.sha,
    node_id: `B_${blob.sha.slice(0, 16)}`,
    size: blob.content.length,
    url: `${ctx.repo.apiUrl}/git/blobs/${blob.sha}`,
    content: blob.content.toString("base64").replace(/(.{60})/g, "$1\n"),
    encoding: "base64",
  });
}

function getContents(ctx: Ctx) {
  const path = decodeURIComponent(ctx.params.path);
  const sha = ctx.repo.resolve(ctx.query.get("ref") ?? ctx.repo.defaultBranch);
  const blobSha = sha ? ctx.repo.git.filesOf(sha).get(path) : undefined;
  if (!blobSha) return notFound();
  const content = ctx.repo.git.blobs.get(blobSha)!.content;
  if (/raw/.test(String(ctx.req.headers.accept ?? ""))) return { status: 200, raw: content, headers: { "content-type": "text/plain; charset=utf-8" } };
  const name = path.split("/").pop()!;
  return json(200, {
    type: "file",
    encoding: "base64",
    size: content.length,
    name,
    path,
    content: content.toString("base64"),
    sha: blobSha,
    url: `${ctx.repo.apiUrl}/contents/${path}`,
  });
}

export function repoJson(r: FakeRepo) {
  return {
    id: r.id,
    node_id: `R_${r.id}`,
    name: r.name,
    full_name: r.fullName,
    private: r.visibility !== "public",
    visibility: r.visibility,
    archived: r.archived,
    fork: false,
    size: r.git.commits.size ? 100 : 0,
    owner: { login: r.owner, id: 4242, type: "Organization" },
    html_url: r.htmlUrl,
    url: r.apiUrl,
    default_branch: r.defaultBranch,
    pushed_at: iso(r.world.now()),
  };
}

function getRepo(ctx: Ctx) {
  const r = ctx.repo;
  return json(200, repoJson(r));
}

export const gitRoutes = (options: GitRouteOptions): Route[] => [
  route("GET", "/repos/:owner/:repo", getRepo),
  route("GET", "/repos/:owner/:repo/commits", listCommits),
  route("GET", "/repos/:owner/:repo/commits/:ref", getCommit),
  route("GET", "/repos/:owner/:repo/compare/:basehead", compare),
  route("GET", "/repos/:owner/:repo/git/trees/:sha", (ctx) => getTree(ctx, options)),
  route("GET", "/repos/:owner/:repo/git/blobs/:sha", getBlob),
  route("GET", "/repos/:owner/:repo/branches/:branch", (ctx) => {
    const sha = ctx.repo.branches.get(decodeURIComponent(ctx.params.branch));
    return sha ? json(200, { name: ctx.params.branch, commit: commitJson(ctx.repo, sha), protected: false }) : notFound();
  }),
  route("GET", "/repos/:owner/:repo/contents/:path", getContents),
];
