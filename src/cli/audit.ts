// `sas-guard audit`: the App's baseline, run by an admin with a token, without installing the App, so an org can
// see its existing exposure first. Same documents (src/sources/github-org.ts), pipeline and renderers as the
// baseline check run.
import type { ConfigResult } from "../config/load-config.js";
import type { ScanReport } from "../report/scan-report.js";
import { runScan } from "../scan/run-scan.js";
import { buildScanConfig } from "../scan/scan-config.js";
import { auditClient, orgDocuments } from "../sources/github-org.js";
import { UsageError, type AuditArgs } from "./args.js";

export async function runAudit(
  args: AuditArgs,
  loaded: ConfigResult,
  env: NodeJS.ProcessEnv,
  onProgress?: (files: number, bytes: number) => void,
): Promise<ScanReport> {
  const client = auditClient(env);
  if (!client) throw new UsageError("audit needs a token: set GITHUB_TOKEN (repo read access; for an org, a token that can list its repositories).");
  const sc = buildScanConfig({ ...loaded, errors: [] }, { failOn: args.failOn });
  return runScan(await orgDocuments(client, args, sc), sc, { now: args.now, onProgress });
}
