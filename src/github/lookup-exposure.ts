// Exposure facts the App can learn cheaply (issue: incident response): the repository's visibility and forks come
// with the webhook; the first commit holding each token comes from at most one file-history call per file (plus one
// listing of the pull request's commits), for at most MAX_FILES files. A push to the default branch leaves the
// token on it.
import type { Exposure, Visibility } from "../detect/types.js";
import type { ExposureLookup } from "../scan/run-scan.js";
import type { GitHubClient, RepoRef } from "./github-client.js";

const MAX_FILES = 10;

export interface ExposureContext extends RepoRef {
  headSha: string;
  visibility: Visibility;
  forks?: number;
  defaultBranch?: string;
  /** The pushed branch, when the job is a push. */
  pushedBranch?: string;
  pullNumber?: number;
  /** The commit the push started from (not part of the pushed range). */
  base?: string;
}

interface FirstCommit {
  sha: string;
  date?: string;
  author?: string;
}

/** The pipeline's exposure step for the App: called once per scan with its findings. */
export const githubExposure =
  (client: GitHubClient, ctx: ExposureContext): ExposureLookup =>
  async (findings) => {
    const active = findings.filter((f) => !f.suppression);
    if (active.length === 0) return () => undefined;
    // Exposure is extra information: an API error here never fails the scan, it only leaves `since` unknown.
    const prCommits =
      ctx.pullNumber !== undefined ? await pullRequestCommits(client, { owner: ctx.owner, repo: ctx.repo }, ctx.pullNumber).catch(() => undefined) : undefined;
    const paths = [...new Set(active.map((f) => f.path))].slice(0, MAX_FILES);
    const firstByPath = new Map<string, FirstCommit | undefined>();
    for (const path of paths) firstByPath.set(path, await firstCommitInRange(client, ctx, path, prCommits).catch(() => undefined));

    const onDefault = ctx.pushedBranch !== undefined && ctx.pushedBranch === ctx.defaultBranch;
    return (f): Exposure => {
      const first = firstByPath.get(f.path);
      return {
        visibility: ctx.visibility,
        ...(ctx.forks !== undefined ? { forks: ctx.forks } : {}),
        ...(first ? { since: first.date, commit: first.sha, author: first.author } : {}),
        ...(onDefault ? { stillPresent: true, branch: ctx.defaultBranch } : {}),
      };
    };
  };

async function pullRequestCommits(client: GitHubClient, repo: RepoRef, pullNumber: number): Promise<Map<string, FirstCommit>> {
  const { data } = await client.rest.pulls.listCommits({ ...repo, pull_number: pullNumber, per_page: 100 });
  return new Map(
    data.map((c) => [c.sha, { sha: c.sha, date: c.commit.author?.date ?? c.commit.committer?.date, author: c.author?.login ?? c.commit.author?.name }]),
  );
}

/** The oldest commit of the pull request (or of the pushed range) that touched `path`: when the token became visible. */
async function firstCommitInRange(
  client: GitHubClient,
  ctx: ExposureContext,
  path: string,
  prCommits?: Map<string, FirstCommit>,
): Promise<FirstCommit | undefined> {
  const { data } = await client.rest.repos.listCommits({ owner: ctx.owner, repo: ctx.repo, sha: ctx.headSha, path, per_page: 100 });
  let oldest: FirstCommit | undefined;
  for (const c of data) {
    if (ctx.base !== undefined && c.sha === ctx.base) break; // history before the pushed range
    if (prCommits && !prCommits.has(c.sha)) continue;
    oldest = {
      sha: c.sha,
      date: c.commit.author?.date ?? c.commit.committer?.date ?? undefined,
      author: c.author?.login ?? c.commit.author?.name ?? undefined,
    };
  }
  return oldest;
}
