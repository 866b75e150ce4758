// One review per pull request event with one inline comment per new finding (line + side RIGHT, only on lines in
// the diff: one off-diff comment makes GitHub reject the whole review). Findings already commented (hidden
// fingerprint marker) are not commented again; a token a later push removed gets a reply and its thread resolved.
import { githubAnswered } from "../net/github-answered.js";
import type { SasGuardConfig } from "../config/schema.js";
import { atLeast } from "../detect/severity.js";
import type { Finding } from "../detect/types.js";
import { sortFindings } from "../report/explain-finding.js";
import { markerFingerprint, removedFingerprint, renderRemovedReply, renderReviewBody, renderReviewComment } from "../report/render-review.js";
import type { ScanReport } from "../report/scan-report.js";
import type { GitHubClient, RepoRef } from "./github-client.js";

export interface ReviewInput extends RepoRef {
  pullNumber: number;
  headSha: string;
  draft: boolean;
  report: ScanReport;
  diffLines: Map<string, Set<number>>;
  config: SasGuardConfig;
  checkRunUrl?: string;
  /** Lines above the review body (inline ignores the change added for itself: who, what, why). */
  notice?: string[];
}

export interface ReviewOutcome {
  skipped?: string;
  inline: number;
  summarized: number;
  resolved: number;
  /** Why the review could not be posted (the check run says so). */
  error?: string;
  /** Why replies to earlier comments or resolving their threads failed (logged; the scan still counts). */
  followUpError?: string;
}

interface OurComment {
  id: number;
  path: string;
  fingerprint: string;
}

async function ourComments(client: GitHubClient, input: ReviewInput): Promise<{ comments: OurComment[]; replied: Set<string> }> {
  const comments: OurComment[] = [];
  const replied = new Set<string>();
  for await (const page of client.paginate.iterator(client.rest.pulls.listReviewComments, {
    owner: input.owner,
    repo: input.repo,
    pull_number: input.pullNumber,
    per_page: 100,
  })) {
    for (const c of page.data) {
      const fp = markerFingerprint(c.body ?? "");
      // Top-level comments only (GitHub omits in_reply_to_id on them; some servers send null).
      if (fp && c.in_reply_to_id == null) comments.push({ id: c.id, path: c.path, fingerprint: fp });
      const removed = removedFingerprint(c.body ?? "");
      if (removed) replied.add(removed);
    }
  }
  return { comments, replied };
}

export async function publishReview(client: GitHubClient, input: ReviewInput): Promise<ReviewOutcome> {
  const { config } = input;
  const none = { inline: 0, summarized: 0, resolved: 0 };
  if (!config.comments.enabled) return { ...none, skipped: "comments.enabled is false" };
  if (input.draft && !config.comments.onDrafts) return { ...none, skipped: "draft pull request (comments.onDrafts is false)" };

  const repo = { owner: input.owner, repo: input.repo };
  const { comments, replied } = await ourComments(client, input);
  const commented = new Set(comments.map((c) => c.fingerprint));
  const present = new Set(input.report.findings.map((f) => f.fingerprint));

  const fresh: Finding[] = [];
  const seen = new Set<string>();
  for (const f of sortFindings(input.report.findings)) {
    if (f.suppression || !atLeast(f.severity, config.comments.minSeverity) || commented.has(f.fingerprint) || seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    fresh.push(f);
  }
  const onDiff = fresh.filter((f) => input.diffLines.get(f.path)?.has(f.line));
  const offDiff = fresh.filter((f) => !input.diffLines.get(f.path)?.has(f.line));
  const inline = onDiff.slice(0, config.comments.max);
  const overflow = onDiff.slice(config.comments.max);
  const outcome: ReviewOutcome = { inline: inline.length, summarized: offDiff.length + overflow.length, resolved: 0 };

  if (fresh.length > 0) {
    try {
      // Rate limits (secondary limits on content creation included) are waited out by the client's throttling plugin.
      await client.rest.pulls.createReview({
        ...repo,
        pull_number: input.pullNumber,
        commit_id: input.headSha,
        event: config.comments.event,
        body: [...(input.notice ?? []), renderReviewBody({ inline, offDiff, overflow, checkRunUrl: input.checkRunUrl })].join("\n"),
        comments: inline.map((f) => ({ path: f.path, line: f.line, side: "RIGHT" as const, body: renderReviewComment(f) })),
      });
    } catch (error) {
      return { ...outcome, inline: 0, summarized: 0, error: githubAnswered(error, "to the review") };
    }
  }

  // Tokens commented on earlier that this head no longer adds: say so once, and resolve the thread. Only a scan
  // that read everything can say a token is gone: not when the scan is incomplete, nor for a file it skipped.
  const unscanned = new Set(input.report.skipped.map((s) => s.path));
  const complete = input.report.incomplete.length === 0;
  const gone = complete ? comments.filter((c) => !present.has(c.fingerprint) && !replied.has(c.fingerprint) && !unscanned.has(c.path)) : [];
  // Follow-ups on earlier comments are housekeeping: a failure here is reported, never fails the scan.
  try {
    for (const c of gone) {
      await client.rest.pulls.createReplyForReviewComment({
        ...repo,
        pull_number: input.pullNumber,
        comment_id: c.id,
        body: renderRemovedReply(c.fingerprint, input.headSha),
      });
      outcome.resolved++;
    }
    if (gone.length > 0) await resolveThreads(client, input, new Set(gone.map((c) => c.id)));
  } catch (error) {
    outcome.followUpError = `could not mark removed tokens on earlier comments (${githubAnswered(error)})`;
  }
  return outcome;
}

const THREADS = `query($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) { pullRequest(number: $number) {
    reviewThreads(first: 100, after: $cursor) { pageInfo { hasNextPage endCursor }
      nodes { id isResolved comments(first: 1) { nodes { databaseId } } } } } } }`;
const RESOLVE = `mutation($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { id isResolved } } }`;

interface ThreadsPage {
  repository: {
    pullRequest: {
      reviewThreads: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: { id: string; isResolved: boolean; comments: { nodes: { databaseId: number }[] } }[];
      };
    };
  };
}

async function resolveThreads(client: GitHubClient, input: ReviewInput, commentIds: Set<number>): Promise<void> {
  let cursor: string | null = null;
  for (let page = 0; page < 10; page++) {
    const data: ThreadsPage = await client.graphql<ThreadsPage>(THREADS, { owner: input.owner, repo: input.repo, number: input.pullNumber, cursor });
    const threads = data.repository.pullRequest.reviewThreads;
    for (const t of threads.nodes) {
      const first = t.comments.nodes[0]?.databaseId;
      if (!t.isResolved && first !== undefined && commentIds.has(first)) await client.graphql(RESOLVE, { id: t.id });
    }
    if (!threads.pageInfo.hasNextPage) return;
    cursor = threads.pageInfo.endCursor;
  }
}
