// Every file of a commit's tree with its blob SHA and size, from the git trees API. When GitHub truncates the
// recursive listing (very large trees), the tree is walked one subtree at a time instead, so nothing is missed.
import type { Origin } from "../detect/types.js";
import type { GitHubClient, RepoRef } from "./github-client.js";

export interface TreeFile {
  path: string;
  sha: string;
  size?: number;
  /** 120000 symlink, 160000 submodule (type "commit"), 100644/100755 files. */
  mode: string;
  /** For a blob found in history: the oldest commit that added it. */
  origin?: Origin;
}

const isFile = (e: { type?: string; mode?: string }): boolean => e.type === "blob" && e.mode !== "120000";

export async function treeEntries(client: GitHubClient, repo: RepoRef, treeish: string): Promise<TreeFile[]> {
  const out: TreeFile[] = [];
  const { data } = await client.rest.git.getTree({ ...repo, tree_sha: treeish, recursive: "true" });
  if (!data.truncated) {
    for (const e of data.tree) if (isFile(e) && e.path && e.sha) out.push({ path: e.path, sha: e.sha, size: e.size, mode: e.mode ?? "100644" });
    return out;
  }
  const stack: { sha: string; prefix: string }[] = [{ sha: data.sha, prefix: "" }];
  while (stack.length > 0) {
    const { sha, prefix } = stack.pop()!;
    const { data: tree } = await client.rest.git.getTree({ ...repo, tree_sha: sha });
    for (const e of tree.tree) {
      if (!e.path || !e.sha) continue;
      if (e.type === "tree") stack.push({ sha: e.sha, prefix: `${prefix}${e.path}/` });
      else if (isFile(e)) out.push({ path: `${prefix}${e.path}`, sha: e.sha, size: e.size, mode: e.mode ?? "100644" });
    }
  }
  return out;
}
