// One finding, one request: plan it, check the endpoint, resolve and check the address, send, classify.
// Every step that says no returns a result that says why; nothing here throws for a token's sake.
import type { Finding, Verification } from "../detect/types.js";
import { classifyAnswer } from "./classify-answer.js";
import { decideEndpoint, isAzureStorageHost, origin } from "./endpoint-policy.js";
import { planProbe } from "./plan-probe.js";
import { resolveHost, systemLookup, type LookupAll, type Resolution } from "./resolve-host.js";
import { sasQuery } from "./sas-query.js";
import { ProbeError, sendProbe, type ProbeAnswer, type SendProbe } from "./send-probe.js";
import { sharedKeyAuthorization } from "./shared-key.js";

/** Storage service version sent with every probe: Get Account Information needs 2018-03-28 or later. */
export const PROBE_API_VERSION = "2021-12-02";

export interface VerifyOptions {
  /** Config `verify.allowEndpoints`: host or host:port, from the default branch only (the App) or the local file (CLI). */
  allowEndpoints: readonly string[];
  /** Config `verify.timeoutMs`: the whole exchange, DNS included. */
  timeoutMs: number;
  /** Clock for `checkedAt` and for judging expiry. */
  now?: () => Date;
  lookup?: LookupAll;
  send?: SendProbe;
}

const timedOut = Symbol("timeout");

async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof timedOut> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<typeof timedOut>((resolve) => (timer = setTimeout(() => resolve(timedOut), Math.max(0, ms))));
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

export async function verifyFinding(f: Finding, o: VerifyOptions): Promise<Verification> {
  const now = o.now ?? (() => new Date());
  const result = (v: Omit<Verification, "checkedAt">): Verification => ({ ...v, checkedAt: now().toISOString() });

  const planned = planProbe(f);
  if ("skip" in planned) return result({ status: "skipped", detail: `not verified: ${planned.skip}` });
  const { plan } = planned;
  const endpoint = origin(plan.endpoint);
  const decision = decideEndpoint(plan.endpoint, o.allowEndpoints);
  if (!decision.allowed) return result({ status: "refused", endpoint, detail: `not asked: ${decision.why}` });

  const started = Date.now();
  const resolved: Resolution | typeof timedOut = await within(resolveHost(plan.endpoint.host, decision.allowlisted, o.lookup ?? systemLookup), o.timeoutMs);
  if (resolved === timedOut) return result({ status: "unknown", endpoint, detail: `no DNS answer for ${plan.endpoint.host} within ${o.timeoutMs} ms` });
  if (!resolved.ok) {
    if (resolved.kind === "forbidden") return result({ status: "refused", endpoint, detail: `not asked: ${resolved.why}` });
    // Azure creates a DNS name for every storage account: no name, no account.
    if (resolved.kind === "not-found" && isAzureStorageHost(plan.endpoint.host)) {
      return result({
        status: "account-not-found",
        endpoint,
        detail: `${plan.endpoint.host} does not exist in DNS: the storage account was deleted or never existed`,
      });
    }
    return result({ status: "unknown", endpoint, detail: resolved.why });
  }

  const query = plan.query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
  const headers: Record<string, string> = { "x-ms-version": PROBE_API_VERSION, "x-ms-date": new Date().toUTCString(), "user-agent": "sas-guard-verify" };
  if (plan.auth.kind === "shared-key") {
    headers.authorization = sharedKeyAuthorization(
      { method: "GET", account: plan.auth.account, path: plan.path, query: plan.query, headers },
      f.secret.reveal(),
    );
  }
  const target = `${plan.path}?${query}${plan.auth.kind === "sas" ? `&${sasQuery(f)}` : ""}`;
  let answer: ProbeAnswer;
  try {
    answer = await (o.send ?? sendProbe)({
      endpoint: plan.endpoint,
      pinned: resolved.pinned,
      target,
      headers,
      timeoutMs: Math.max(1, o.timeoutMs - (Date.now() - started)),
    });
  } catch (error) {
    const why = !(error instanceof ProbeError)
      ? "the request failed"
      : error.code === "timeout"
        ? `no answer within ${o.timeoutMs} ms (verify.timeoutMs)`
        : error.message;
    return result({ status: "unknown", endpoint, detail: `${plan.operation} got no answer: ${why}` });
  }
  const c = classifyAnswer(answer, f, plan.auth.kind, now(), plan.atAccountRoot);
  return result({
    status: c.status,
    statusCode: answer.statusCode,
    ...(answer.errorCode ? { errorCode: answer.errorCode } : {}),
    endpoint,
    detail: `${plan.operation}: ${c.detail}`,
  });
}
