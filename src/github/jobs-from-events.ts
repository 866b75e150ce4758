// Which scan a webhook asks for. Pure: payload in, job (or the reason for no job) out.
import { visibilityOf, type BaselineJob, type ScanJob } from "../jobs/jobs.js";

const ZERO_SHA = /^0{40}$/;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- webhook payloads, read field by field below
type Payload = Record<string, any>;

export type JobDecision = { job: ScanJob | BaselineJob } | { ignore: string };

const base = (p: Payload, deliveryId: string) => ({
  owner: p.repository.owner.login as string,
  repo: p.repository.name as string,
  installationId: p.installation?.id as number,
  deliveryId,
  // Exposure facts that come with every event: who could read the token, and how many copies exist.
  repository: {
    visibility: visibilityOf(p.repository),
    forks: (p.repository.forks_count ?? p.repository.forks) as number | undefined,
    defaultBranch: p.repository.default_branch as string | undefined,
  },
});

export function jobForPullRequest(p: Payload, deliveryId: string): JobDecision {
  const actor = (p.pull_request.user?.login ?? p.sender?.login) as string | undefined;
  return {
    job: {
      ...base(p, deliveryId),
      trigger: "pull_request",
      pullNumber: p.pull_request.number,
      headSha: p.pull_request.head.sha,
      draft: p.pull_request.draft === true,
      ...(actor ? { actor } : {}),
    },
  };
}

export function jobForPush(p: Payload, deliveryId: string): JobDecision {
  if (p.deleted || ZERO_SHA.test(p.after)) return { ignore: "branch or tag deleted: nothing to scan" };
  if (!String(p.ref).startsWith("refs/heads/")) return { ignore: `not a branch (${p.ref}): tags point at commits already scanned` };
  // A new branch is compared with the default branch: only what it adds on top is new.
  const from = p.created || ZERO_SHA.test(p.before) ? p.repository.default_branch : p.before;
  if (p.created && p.ref === `refs/heads/${p.repository.default_branch}`) return { ignore: "first push of the default branch: covered by the baseline scan" };
  const actor = (p.sender?.login ?? p.pusher?.name) as string | undefined;
  return {
    job: {
      ...base(p, deliveryId),
      trigger: "push",
      base: from,
      headSha: p.after,
      branch: String(p.ref).slice("refs/heads/".length),
      ...(actor ? { actor } : {}),
    },
  };
}

export function jobForCheckSuite(p: Payload, deliveryId: string): JobDecision {
  const suite = p.check_suite;
  const pr = suite.pull_requests?.[0]?.number as number | undefined;
  if (p.action === "requested") {
    // Sent with every push: scanned as that push (same check run), so whichever arrives second finds it done.
    if (!suite.before || ZERO_SHA.test(suite.before)) return { ignore: "check suite for a new branch: the push event scans it" };
    return { job: { ...base(p, deliveryId), trigger: "push", base: suite.before, headSha: suite.head_sha } };
  }
  return {
    job: {
      ...base(p, deliveryId),
      trigger: "rerun",
      headSha: suite.head_sha,
      ...(pr ? { pullNumber: pr } : suite.before && !ZERO_SHA.test(suite.before) ? { base: suite.before } : {}),
    },
  };
}

export function jobForCheckRun(p: Payload, deliveryId: string): JobDecision {
  const run = p.check_run;
  const ext = /^sas-guard:(pr|push|baseline):(\d+)?/.exec(run.external_id ?? "");
  if (!ext) return { ignore: `re-run of another app's check (${run.name})` };
  if (ext[1] === "baseline") return { job: { ...base(p, deliveryId), trigger: "baseline" } };
  const pr = ext[1] === "pr" ? Number(ext[2]) : (run.pull_requests?.[0]?.number as number | undefined);
  return { job: { ...base(p, deliveryId), trigger: "rerun", headSha: run.head_sha, ...(pr ? { pullNumber: pr } : {}) } };
}

/** installation.created / installation_repositories.added: one baseline job per repository. */
export function baselineJobs(p: Payload, deliveryId: string): BaselineJob[] {
  const repos = (p.repositories ?? p.repositories_added ?? []) as { full_name: string }[];
  return repos.map((r) => {
    const [owner, repo] = r.full_name.split("/");
    return { owner, repo, installationId: p.installation.id, deliveryId, trigger: "baseline" as const };
  });
}
