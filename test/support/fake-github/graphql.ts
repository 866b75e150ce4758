// The two GraphQL operations the App sends (review threads of a pull request, resolveReviewThread). Not a GraphQL
// engine: the operation is recognised by its root field and answered with the fields the App's query selects.
import type { FakeRepo, Thread } from "./repo.js";

export interface GraphqlData {
  repo(owner: string, name: string): FakeRepo | undefined;
  thread(id: string): Thread | undefined;
}

export function graphql(data: GraphqlData, body: { query?: string; variables?: Record<string, any> }): { status: number; body: unknown } {
  const q = body.query ?? "";
  const v = body.variables ?? {};
  if (/\bresolveReviewThread\b/.test(q)) {
    const thread = data.thread(v.id);
    if (!thread)
      return {
        status: 200,
        body: {
          data: { resolveReviewThread: null },
          errors: [{ type: "NOT_FOUND", path: ["resolveReviewThread"], message: `Could not resolve to a node with the global id of '${v.id}'` }],
        },
      };
    thread.isResolved = true;
    return { status: 200, body: { data: { resolveReviewThread: { thread: { id: thread.id, isResolved: true } } } } };
  }
  if (/\breviewThreads\b/.test(q)) {
    const repo = data.repo(v.owner, v.repo);
    if (!repo)
      return {
        status: 200,
        body: {
          data: { repository: null },
          errors: [{ type: "NOT_FOUND", path: ["repository"], message: `Could not resolve to a Repository with the name '${v.owner}/${v.repo}'.` }],
        },
      };
    const threads = repo.threads.filter((t) => t.pullNumber === v.number);
    const start = v.cursor ? Number(Buffer.from(v.cursor, "base64").toString("utf8")) : 0;
    const page = threads.slice(start, start + 100);
    const end = start + page.length;
    return {
      status: 200,
      body: {
        data: {
          repository: {
            pullRequest: {
              reviewThreads: {
                pageInfo: { hasNextPage: end < threads.length, endCursor: page.length ? Buffer.from(String(end)).toString("base64") : null },
                nodes: page.map((t) => ({ id: t.id, isResolved: t.isResolved, comments: { nodes: [{ databaseId: t.commentIds[0] }] } })),
              },
            },
          },
        },
      },
    };
  }
  return { status: 200, body: { errors: [{ message: "the fake GitHub answers only reviewThreads and resolveReviewThread" }] } };
}
