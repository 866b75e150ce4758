// The documents of `sas-guard audit`: the default branch of every repository of an org (or of one repository),
// read through the API with a token, the same way the App's baseline reads a tree. Lives in sources/ so the CLI
// reaches the App's GitHub readers without importing github/ itself.
import { baselineDocuments } from "../github/baseline-source.js";
import { createTokenClient } from "../github/client-factory.js";
import type { Visibility } from "../detect/types.js";
import type { GitHubClient } from "../github/github-client.js";
import { treeEntries } from "../github/tree-entries.js";
import { githubAnswered } from "../net/github-answered.js";
import type { SourceItem } from "../scan/source-item.js";
import type { ReadLimits } from "./local-sources.js";

/** The token client of `audit`, or undefined when the environment has no token. */
export function auditClient(env: NodeJS.ProcessEnv): GitHubClient | undefined {
  const token = env.GITHUB_TOKEN ?? env.GH_TOKEN;
  if (!token) return undefined;
  // Octokit's request log prints every failed request ("GET /repos/o/r - 401 with id … in 8ms") with console.error,
  // next to the one message main() prints for it: keep only its warnings (deprecations) on stderr.
  const log = { debug: () => {}, info: () => {}, warn: (message: string) => void process.stderr.write(`sas-guard: ${message}\n`), error: () => {} };
  return createTokenClient(token, { env, userAgent: "sas-guard-audit", log });
}

export interface AuditTarget {
  org?: string;
  /** owner/name */
  repo?: string;
}

export interface RepoInfo {
  owner: string;
  name: string;
  visibility: Visibility;
  defaultBranch: string;
  archived: boolean;
  size: number;
}

/** The repositories of `target`: one (`owner/name`) or every repository of an org (paginated). */
export async function repositories(client: GitHubClient, target: AuditTarget): Promise<RepoInfo[]> {
  type Listed = { name: string; owner: { login: string }; visibility?: string; private?: boolean; default_branch?: string; archived?: boolean; size?: number };
  const toInfo = (r: Listed): RepoInfo => ({
    owner: r.owner.login,
    name: r.name,
    visibility: (r.visibility as Visibility | undefined) ?? (r.private ? "private" : "public"),
    defaultBranch: r.default_branch ?? "main",
    archived: r.archived ?? false,
    size: r.size ?? 0,
  });
  if (target.repo) {
    const [owner, repo] = target.repo.split("/");
    return [toInfo((await client.rest.repos.get({ owner, repo })).data)];
  }
  const out: RepoInfo[] = [];
  for await (const page of client.paginate.iterator(client.rest.repos.listForOrg, { org: target.org!, type: "all", per_page: 100 }))
    out.push(...page.data.map(toInfo));
  return out;
}

/** Listing the repositories fails loudly (a bad token, a wrong org); one repository that cannot be read is a skip. */
export async function orgDocuments(client: GitHubClient, target: AuditTarget, { filter, maxBytes }: ReadLimits): Promise<AsyncGenerator<SourceItem>> {
  const repos = await repositories(client, target);
  return (async function* documents(): AsyncGenerator<SourceItem> {
    for (const r of repos) {
      const prefix = `${r.owner}/${r.name}/`;
      if (r.archived) yield { path: prefix, skipped: "archived repository (scanned anyway: archived code is still readable)" };
      const repo = { owner: r.owner, repo: r.name };
      let files;
      try {
        const head = (await client.rest.repos.getBranch({ ...repo, branch: r.defaultBranch })).data.commit.sha;
        files = await treeEntries(client, repo, head);
      } catch (error) {
        // GitHub reports size 0 for repositories that have commits: only a missing default branch means empty.
        const status = (error as { status?: number }).status;
        if (status === 404 || status === 409) yield { path: prefix, skipped: "empty repository (no default branch)" };
        else yield { path: prefix, skipped: `not scanned: ${githubAnswered(error, "listing the default branch")}`, incomplete: true };
        continue;
      }
      yield* baselineDocuments(files, { client, repo, filter, maxBytes, concurrency: 4, pathPrefix: prefix });
    }
  })();
}
