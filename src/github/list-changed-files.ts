// Which files a pull request or a push changed, with patches where GitHub gives them (RECIPE.md B3, B4).
import type { ChangedFile } from "./changed-files.js";
import type { GitHubClient, RepoRef } from "./github-client.js";
import { treeEntries } from "./tree-entries.js";

/** GitHub lists at most 3000 files for a pull request (100 per page); files past that cannot be listed. */
export const PR_FILE_CAP = 3000;

/** The files of a pull request; `listed.count` says how many GitHub listed (at the cap, some may be missing). */
export async function* pullRequestFiles(
  client: GitHubClient,
  repo: RepoRef,
  pullNumber: number,
  listed: { count: number } = { count: 0 },
): AsyncGenerator<ChangedFile> {
  for await (const page of client.paginate.iterator(client.rest.pulls.listFiles, { ...repo, pull_number: pullNumber, per_page: 100 })) {
    for (const f of page.data) {
      listed.count++;
      yield f;
    }
  }
}

/** The files one commit changed, with patches (GET /commits/{sha}, paginated up to GitHub's 3000 files). */
export async function* commitFiles(client: GitHubClient, repo: RepoRef, sha: string): AsyncGenerator<ChangedFile> {
  for await (const page of client.paginate.iterator(client.rest.repos.getCommit, { ...repo, ref: sha, per_page: 100 })) {
    for (const f of (page.data as { files?: ChangedFile[] }).files ?? []) yield f;
  }
}

/** The compare API lists at most 300 files for the whole comparison; at that count the list may be cut. */
export const COMPARE_FILE_CAP = 300;

export interface PushFiles {
  files: ChangedFile[];
  /** How the list was obtained, for the summary. */
  method: "compare" | "tree-diff";
}

export async function pushFiles(client: GitHubClient, repo: RepoRef, base: string, head: string): Promise<PushFiles> {
  const { data } = await client.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${head}`, per_page: 1 });
  const files = data.files ?? [];
  if (files.length < COMPARE_FILE_CAP) return { files, method: "compare" };
  // More than compare can list: diff the two trees instead, so nothing goes unscanned (whole files, no patches).
  const mergeBase = data.merge_base_commit?.sha ?? base;
  const [before, after] = await Promise.all([treeBlobs(client, repo, mergeBase), treeEntries(client, repo, head)]);
  const changed: ChangedFile[] = [];
  for (const { path, sha, size } of after) {
    const old = before.get(path);
    if (old !== sha) changed.push({ filename: path, status: old === undefined ? "added" : "modified", sha, ...(size !== undefined ? { size } : {}) });
  }
  return { files: changed, method: "tree-diff" };
}

/** path → blob SHA for every file of a commit's tree. */
export async function treeBlobs(client: GitHubClient, repo: RepoRef, treeish: string): Promise<Map<string, string>> {
  return new Map((await treeEntries(client, repo, treeish)).map((e) => [e.path, e.sha]));
}
