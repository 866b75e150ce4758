// `baseline.history: true`: every blob reachable from the default branch's history, not only its head, because
// removing a token from the tip does not remove it from history. Through the API and bounded: at most
// MAX_HISTORY_COMMITS commits (newest first), one commit listing each; a blob is fetched once, with the oldest
// commit that added it as its origin. What the bound leaves out is reported as not scanned, never silently.
import type { SourceItem } from "../scan/source-item.js";
import { baselineDocuments, type BaselineSourceOptions } from "./baseline-source.js";
import type { GitHubClient, RepoRef } from "./github-client.js";
import type { TreeFile } from "./tree-entries.js";

export const MAX_HISTORY_COMMITS = 500;
const COMMIT_FILES_SHOWN = 300; // GET /commits/{sha} lists 300 files on its first page

export async function* historyDocuments(
  client: GitHubClient,
  repo: RepoRef,
  headSha: string,
  headBlobs: ReadonlySet<string>,
  o: BaselineSourceOptions,
  maxCommits = MAX_HISTORY_COMMITS,
): AsyncGenerator<SourceItem> {
  const oldest = new Map<string, TreeFile>(); // blob SHA → its oldest appearance
  let commits = 0;
  let truncated = false;
  const wide: string[] = [];
  outer: for await (const page of client.paginate.iterator(client.rest.repos.listCommits, { ...repo, sha: headSha, per_page: 100 })) {
    for (const c of page.data) {
      if (commits >= maxCommits) {
        truncated = true;
        break outer;
      }
      commits++;
      const { data } = await client.rest.repos.getCommit({ ...repo, ref: c.sha, per_page: COMMIT_FILES_SHOWN });
      const files = data.files ?? [];
      if (files.length >= COMMIT_FILES_SHOWN) wide.push(c.sha.slice(0, 7));
      const origin = {
        commit: c.sha,
        path: "",
        date: c.commit.author?.date ?? c.commit.committer?.date ?? undefined,
        author: c.author?.login ?? c.commit.author?.name ?? undefined,
      };
      for (const f of files) {
        if (f.status === "removed" || !f.sha || headBlobs.has(f.sha)) continue;
        // Newest first: a later (older) commit adding the same blob replaces the earlier entry.
        oldest.set(f.sha, { path: f.filename, sha: f.sha, mode: "100644", origin: { ...origin, path: f.filename } });
      }
    }
  }
  yield* baselineDocuments([...oldest.values()], { ...o, pathPrefix: o.pathPrefix });
  if (truncated) {
    yield {
      path: "(history)",
      skipped: `history beyond the newest ${maxCommits} commits was not scanned: run \`sas-guard scan --history\` on a clone for all of it`,
      incomplete: true,
    };
  }
  if (wide.length) {
    yield {
      path: "(history)",
      skipped: `commits ${wide.join(", ")} changed more than ${COMMIT_FILES_SHOWN} files; only the first ${COMMIT_FILES_SHOWN} of each were scanned`,
      incomplete: true,
    };
  }
}
