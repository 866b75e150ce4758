// Webhook payloads shaped like GitHub's documented ones: the recorded examples in test/fixtures/github/ with the
// fake's ids, SHAs, names and URLs filled in.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { FakeRepo, PullRequest } from "./repo.js";
import { commitJson } from "./routes-git.js";

function projectRoot(): string {
  let dir = process.cwd();
  while (!existsSync(join(dir, "test", "fixtures", "github")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** A fixture with the fixture repository (Codertocat/Hello-World on github.com) replaced by `repo` on the fake. */
function fixture(name: string, repo: FakeRepo): any {
  const text = readFileSync(join(projectRoot(), "test", "fixtures", "github", name), "utf8")
    .replaceAll("https://api.github.com", repo.world.apiBase)
    .replaceAll("https://github.com", repo.world.webBase)
    .replaceAll("Codertocat/Hello-World", repo.fullName)
    .replaceAll('"Hello-World"', JSON.stringify(repo.name))
    .replaceAll("Codertocat", repo.owner);
  return JSON.parse(text);
}

function fillRepository(p: any, repo: FakeRepo): void {
  Object.assign(p.repository, {
    id: repo.id,
    node_id: `R_${repo.id}`,
    default_branch: repo.defaultBranch,
    master_branch: repo.defaultBranch,
    private: repo.visibility !== "public",
    visibility: repo.visibility,
    archived: repo.archived,
  });
  p.installation = { id: repo.installationId, node_id: `I_${repo.installationId}` };
}

/** `push` for a branch update (`before` → `after`; all-zero `before` when the branch was created). */
export function pushPayload(repo: FakeRepo, ref: string, before: string, after: string): any {
  const p = fixture("push.json", repo);
  const created = /^0{40}$/.test(before);
  fillRepository(p, repo);
  const shas = created
    ? [after]
    : repo.git
        .ancestors(after)
        .filter((s) => !new Set(repo.git.ancestors(before)).has(s))
        .reverse();
  const commits = shas.map((sha) => {
    const c = commitJson(repo, sha);
    const parent = repo.git.commits.get(sha)!.parents[0];
    const files = repo.diff(parent, sha);
    return {
      id: sha,
      tree_id: repo.git.commits.get(sha)!.tree,
      distinct: true,
      message: c.commit.message,
      timestamp: c.commit.author.date,
      url: c.html_url,
      author: { name: c.commit.author.name, email: c.commit.author.email, username: "octocat" },
      committer: { name: c.commit.author.name, email: c.commit.author.email, username: "octocat" },
      added: files.filter((f) => f.status === "added").map((f) => f.filename),
      removed: files.filter((f) => f.status === "removed").map((f) => f.filename),
      modified: files.filter((f) => f.status === "modified").map((f) => f.filename),
    };
  });
  Object.assign(p, {
    ref,
    before,
    after,
    created,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: created ? `${repo.htmlUrl}/commit/${after.slice(0, 12)}` : `${repo.htmlUrl}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits,
    head_commit: commits[commits.length - 1] ?? null,
  });
  return p;
}

/** `pull_request` with `action` (opened, synchronize, …) for `pr` as it stands now. */
export function pullRequestPayload(repo: FakeRepo, pr: PullRequest, action = "opened", before?: string): any {
  const p = fixture(action === "synchronize" ? "pull_request.synchronize.json" : "pull_request.opened.json", repo);
  fillRepository(p, repo);
  p.action = action;
  p.number = pr.number;
  const files = repo.pullFiles(pr);
  Object.assign(p.pull_request, {
    id: pr.id,
    node_id: `PR_${pr.id}`,
    number: pr.number,
    title: pr.title,
    draft: pr.draft,
    state: "open",
    url: `${repo.apiUrl}/pulls/${pr.number}`,
    html_url: `${repo.htmlUrl}/pull/${pr.number}`,
    diff_url: `${repo.htmlUrl}/pull/${pr.number}.diff`,
    patch_url: `${repo.htmlUrl}/pull/${pr.number}.patch`,
    changed_files: files.length,
    additions: files.reduce((n, f) => n + f.additions, 0),
    deletions: files.reduce((n, f) => n + f.deletions, 0),
  });
  Object.assign(p.pull_request.head, { ref: pr.head.ref, sha: pr.head.sha, label: `${repo.owner}:${pr.head.ref}` });
  Object.assign(p.pull_request.base, { ref: pr.base.ref, sha: pr.base.sha, label: `${repo.owner}:${pr.base.ref}` });
  for (const side of [p.pull_request.head, p.pull_request.base])
    if (side.repo) Object.assign(side.repo, { id: repo.id, name: repo.name, full_name: repo.fullName, default_branch: repo.defaultBranch });
  if (action === "synchronize") {
    p.before = before ?? pr.base.sha;
    p.after = pr.head.sha;
  }
  return p;
}
