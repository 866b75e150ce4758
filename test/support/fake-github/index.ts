export { FakeGitHub, type FakeGitHubOptions, type RecordedRequest } from "./server.js";
export { FakeRepo, type CheckRun, type PullRequest, type FileChanges } from "./repo.js";
export { pushPayload, pullRequestPayload } from "./payloads.js";
export type { FaultSpec } from "./faults.js";
export { lineDiff } from "./line-diff.js";
