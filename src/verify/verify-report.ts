// Verification of a whole scan: each distinct secret once (by fingerprint), unsuppressed findings first, a few
// requests at a time, at most MAX_VERIFICATIONS requests per scan. Findings keep their order; each gets its answer.
import { compareSeverity } from "../detect/severity.js";
import type { Finding, Verification } from "../detect/types.js";
import { applyVerification } from "./apply-verification.js";
import { planProbe } from "./plan-probe.js";
import { verifyFinding, type VerifyOptions } from "./verify-finding.js";

export const VERIFY_CONCURRENCY = 4;
export const MAX_VERIFICATIONS = 50;

export interface VerifyManyOptions extends VerifyOptions {
  concurrency?: number;
  maxRequests?: number;
}

const priority = (a: Finding, b: Finding): number => Number(!!a.suppression) - Number(!!b.suppression) || compareSeverity(b.severity, a.severity);

export async function verifyFindings(findings: readonly Finding[], o: VerifyManyOptions): Promise<Finding[]> {
  const now = o.now ?? (() => new Date());
  const max = o.maxRequests ?? MAX_VERIFICATIONS;
  const results = new Map<string, Verification>();
  const queue: Finding[] = [];
  const seen = new Set<string>();
  let requests = 0;
  for (const f of [...findings].sort(priority)) {
    if (seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    const sendsRequest = !("skip" in planProbe(f));
    if (!sendsRequest || requests < max) {
      queue.push(f);
      if (sendsRequest) requests++;
    } else
      results.set(f.fingerprint, {
        status: "skipped",
        checkedAt: now().toISOString(),
        detail: `not verified: over the limit of ${max} verification requests per scan`,
      });
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < queue.length) {
      const f = queue[next++];
      try {
        results.set(f.fingerprint, await verifyFinding(f, o));
      } catch {
        results.set(f.fingerprint, { status: "unknown", checkedAt: now().toISOString(), detail: "verification failed unexpectedly" });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency ?? VERIFY_CONCURRENCY, queue.length) }, worker));
  return findings.map((f) => {
    const v = results.get(f.fingerprint);
    return v ? applyVerification(f, v) : f;
  });
}
