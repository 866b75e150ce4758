// `sas-guard audit`: the App's baseline, run by an admin with a token and @octokit/rest, without installing the App,
// so an org can see its existing exposure first. Same documents, engine and renderers as the baseline check run.
import { compilePathFilter } from "../config/path-filter.js";
import type { SasGuardConfig } from "../config/schema.js";
import { baselineDocuments } from "../github/baseline-source.js";
import { createTokenClient } from "../github/client-factory.js";
import type { GitHubClient } from "../github/github-client.js";
import { treeEntries } from "../github/tree-entries.js";
import type { ScanReport } from "../report/scan-report.js";
import { collectReport, type SourceItem } from "../scan/collect-report.js";
import { UsageError, type AuditArgs } from "./args.js";

export function auditClient(env: NodeJS.ProcessEnv): GitHubClient {
  const token = env.GITHUB_TOKEN ?? env.GH_TOKEN;
  if (!token) throw new UsageError("audit needs a token: set GITHUB_TOKEN (repo read access; for an org, a token that can list its repositories).");
  // @octokit/rest has every method the App's code calls; the cast only bridges Probot's narrower client type.
  // Octokit's request log prints every failed request ("GET /repos/o/r - 401 with id … in 8ms") with console.error,
  // next to the one message main() prints for it: keep only its warnings (deprecations) on stderr.
  const log = { debug: () => {}, info: () => {}, warn: (message: string) => void process.stderr.write(`sas-guard: ${message}\n`), error: () => {} };
  return createTokenClient(token, { env, userAgent: "sas-guard-audit", log });
}

interface RepoInfo {
  owner: string;
  name: string;
  defaultBranch: string;
  archived: boolean;
  size: number;
}

async function repositories(client: GitHubClient, args: AuditArgs): Promise<RepoInfo[]> {
  const toInfo = (r: { name: string; owner: { login: string }; default_branch?: string; archived?: boolean; size?: number }): RepoInfo => ({
    owner: r.owner.login,
    name: r.name,
    defaultBranch: r.default_branch ?? "main",
    archived: r.archived ?? false,
    size: r.size ?? 0,
  });
  if (args.repo) {
    const [owner, repo] = args.repo.split("/");
    return [toInfo((await client.rest.repos.get({ owner, repo })).data)];
  }
  const out: RepoInfo[] = [];
  for await (const page of client.paginate.iterator(client.rest.repos.listForOrg, { org: args.org!, type: "all", per_page: 100 })) out.push(...page.data.map(toInfo));
  return out;
}

export async function runAudit(args: AuditArgs, config: SasGuardConfig, configSource: string, client: GitHubClient, onProgress?: (files: number, bytes: number) => void): Promise<ScanReport> {
  const repos = await repositories(client, args);
  const filter = compilePathFilter(config);
  const maxBytes = Math.floor(config.maxFileSizeMB * 1_048_576);

  async function* documents(): AsyncGenerator<SourceItem> {
    for (const r of repos) {
      const prefix = `${r.owner}/${r.name}/`;
      if (r.archived) yield { path: prefix, skipped: "archived repository (scanned anyway: archived code is still readable)" };
      if (r.size === 0) {
        yield { path: prefix, skipped: "empty repository" };
        continue;
      }
      const repo = { owner: r.owner, repo: r.name };
      let files;
      try {
        const head = (await client.rest.repos.getBranch({ ...repo, branch: r.defaultBranch })).data.commit.sha;
        files = await treeEntries(client, repo, head);
      } catch (error) {
        const e = error as { status?: number; message?: string };
        yield { path: prefix, skipped: `not scanned: GitHub answered ${e.status ?? "with an error"} listing the default branch (${(e.message ?? "").split("\n")[0]})`, incomplete: true };
        continue;
      }
      yield* baselineDocuments(files, { client, repo, filter, maxBytes, concurrency: 4, pathPrefix: prefix });
    }
  }

  return collectReport(documents(), { config, configSource, configErrors: [], failOn: args.failOn ?? config.failOn, now: args.now, onProgress });
}
