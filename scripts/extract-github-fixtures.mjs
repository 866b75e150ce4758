// One-off: copies GitHub's documented webhook payloads (@octokit/webhooks-examples) and the request-body JSON
// schemas of the endpoints SAS Guard writes to (@octokit/openapi, GitHub's own OpenAPI description) into
// test/fixtures/github/. Both packages are large and frozen, so they are not devDependencies: install them in a
// scratch directory and run   node scripts/extract-github-fixtures.mjs <scratch>/node_modules
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const modules = process.argv[2];
if (!modules) throw new Error("usage: node scripts/extract-github-fixtures.mjs <dir with @octokit/webhooks-examples and @octokit/openapi>");
const require = createRequire(join(modules, "x.js"));
const out = (name, value) => writeFileSync(join("test/fixtures/github", name), `${JSON.stringify(value, null, 2)}\n`);

const defs = require("@octokit/webhooks-examples");
const pick = (name, pred) => defs.find((d) => d.name === name).examples.find(pred);
out("push.json", pick("push", (p) => p.installation && p.ref.startsWith("refs/heads/") && !p.created && !p.deleted) ?? pick("push", (p) => p.installation && p.ref.startsWith("refs/heads/")));
out("push.created.json", pick("push", (p) => p.created && p.ref.startsWith("refs/heads/")));
out("push.deleted.json", pick("push", (p) => p.deleted && p.ref.startsWith("refs/heads/")) ?? pick("push", (p) => p.deleted));
out("push.tag.json", pick("push", (p) => p.ref.startsWith("refs/tags/") && !p.deleted));
out("pull_request.opened.json", pick("pull_request", (p) => p.action === "opened" && p.installation) ?? pick("pull_request", (p) => p.action === "opened"));
out("pull_request.synchronize.json", pick("pull_request", (p) => p.action === "synchronize") ?? null);
out("check_suite.requested.json", pick("check_suite", (p) => p.action === "requested") ?? null);
out("check_run.rerequested.json", pick("check_run", (p) => p.action === "rerequested") ?? null);
out("installation.created.json", pick("installation", (p) => p.action === "created") ?? null);

const spec = require("@octokit/openapi/generated/api.github.com.deref.json");
const body = (path, method) => spec.paths[path][method].requestBody.content["application/json"].schema;
out("openapi-request-bodies.json", {
  openapi: spec.openapi,
  "checks/create": body("/repos/{owner}/{repo}/check-runs", "post"),
  "checks/update": body("/repos/{owner}/{repo}/check-runs/{check_run_id}", "patch"),
  "pulls/create-review": body("/repos/{owner}/{repo}/pulls/{pull_number}/reviews", "post"),
  "pulls/create-reply-for-review-comment": body("/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies", "post"),
  "issues/create": body("/repos/{owner}/{repo}/issues", "post"),
  "issues/update": body("/repos/{owner}/{repo}/issues/{issue_number}", "patch"),
});
// The organisation inventory's writes (test/inventory): its own file, so the lists above stay as they were.
out("openapi-inventory-bodies.json", {
  openapi: spec.openapi,
  "code-scanning/upload-sarif": body("/repos/{owner}/{repo}/code-scanning/sarifs", "post"),
  "checks/create": body("/repos/{owner}/{repo}/check-runs", "post"),
  "issues/create": body("/repos/{owner}/{repo}/issues", "post"),
  "issues/update": body("/repos/{owner}/{repo}/issues/{issue_number}", "patch"),
});
console.log("wrote test/fixtures/github/*");
