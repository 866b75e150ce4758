// GitHub code scanning as an inventory surface: the SARIF of a baseline (or of a push, built from the inventory:
// head-report.ts) (src/report/render-sarif.ts, whose results
// carry the finding fingerprint as `partialFingerprints["sasGuard/v1"]`, so an alert follows its token across
// commits) is uploaded for the default branch head, gzip + base64 as the API wants
// (POST /repos/{owner}/{repo}/code-scanning/sarifs). Only findings at the head are uploaded: a history-only token
// has no line in the head commit. A 403/404 (Advanced Security not enabled, code scanning not available) is noted
// once per repository in the store and retried after a week; the dashboard still lists the findings.
import { githubAnswered } from "../../net/github-answered.js";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { GitHubClient } from "../github-client.js";
import { toSarif } from "../../report/render-sarif.js";
import type { ScanReport } from "../../report/scan-report.js";
import { HOMEPAGE, VERSION } from "../../version.js";
import type { InventoryRepo } from "./types.js";
import { setImmediate as nextTurn } from "node:timers/promises";

export const SARIF_TOOL_NAME = "SAS Guard";
/** GitHub: at most 10 MB of gzip-compressed SARIF per upload, 25 000 results per run. */
export const MAX_SARIF_GZIP_BYTES = 10 * 1024 * 1024;
export const MAX_SARIF_RESULTS = 25_000;
const RETRY_UNAVAILABLE_MS = 7 * 86_400_000;

export interface SarifUpload {
  owner: string;
  repo: string;
  sha: string;
  ref: string;
  report: ScanReport;
}

export type UploadOutcome = { uploaded: true; id?: string } | { uploaded: false; unavailable?: { reason: string }; skipped?: string };

const gzipAsync = promisify(gzip);

/** The request body: what the tests decode and validate against SARIF 2.1.0 and GitHub's OpenAPI. Built in steps
 * with a turn of the event loop between them and gzip on libuv's thread pool: for 1,000 findings each step takes
 * tens of ms that the App's webhook server (same thread) would otherwise wait. */
export async function sarifRequestBody(u: SarifUpload): Promise<{ commit_sha: string; ref: string; sarif: string; tool_name: string }> {
  const head = { ...u.report, findings: u.report.findings.filter((f) => f.origin === undefined) };
  const log = toSarif(head, { version: VERSION, informationUri: HOMEPAGE });
  await nextTurn();
  const json = JSON.stringify(log);
  await nextTurn();
  return { commit_sha: u.sha, ref: u.ref, sarif: (await gzipAsync(json)).toString("base64"), tool_name: SARIF_TOOL_NAME };
}

/** True when an earlier 403/404 says not to try again yet. */
export const codeScanningPaused = (repo: InventoryRepo | undefined, now: Date): boolean =>
  !!repo?.codeScanning && now.getTime() - Date.parse(repo.codeScanning.since) < RETRY_UNAVAILABLE_MS;

export async function uploadSarif(client: GitHubClient, u: SarifUpload): Promise<UploadOutcome> {
  const heads = u.report.findings.filter((f) => f.origin === undefined).length;
  if (heads > MAX_SARIF_RESULTS) return { uploaded: false, skipped: `${heads} findings: more than code scanning's ${MAX_SARIF_RESULTS} results per upload` };
  const body = await sarifRequestBody(u);
  if (Buffer.byteLength(body.sarif, "base64") > MAX_SARIF_GZIP_BYTES)
    return { uploaded: false, skipped: "SARIF larger than code scanning's 10 MB (compressed) limit" };
  try {
    const { data } = await client.rest.codeScanning.uploadSarif({ owner: u.owner, repo: u.repo, ...body });
    return { uploaded: true, ...(data.id ? { id: data.id } : {}) };
  } catch (error) {
    const e = error as { status?: number; message?: string };
    if (e.status === 403 || e.status === 404) return { uploaded: false, unavailable: { reason: githubAnswered(error) } };
    throw error;
  }
}
