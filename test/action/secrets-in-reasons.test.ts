// The Action never echoes a secret quoted in an inline-ignore reason (issue 15.7): annotations, the text report in
// the log, the job summary, the outputs and the SARIF file all carry the reason redacted.
import { secretForms } from "../../src/detect/redact-text.js";
import { cleanup, commit, criticalSas, newRepo, planted, pullRequestPayload, runActionProcess } from "./action-harness.js";

afterAll(cleanup);

it("an inline-ignore reason holding a SAS URL is shown redacted everywhere", async () => {
  const repo = newRepo();
  // inlineIgnore: allow (from the base commit) lets the ignore this pull request adds suppress, so the suppression
  // and its reason are shown (under the default, fail, the reason is withheld altogether: test/action/added-ignore.test.ts)
  const base = commit(repo, { "README.md": "# Demo\n", ".github/sas-guard.yml": "inlineIgnore: allow\n" }, "base");
  const head = commit(repo, { "app.env": `URL=${criticalSas("action-kept")} # sas-guard:ignore reason="same as ${criticalSas("action-reason")}"\n` }, "head");
  const run = await runActionProcess({ event: "pull_request", payload: pullRequestPayload(base, head), workspace: repo, env: { ACTIONS_STEP_DEBUG: "true" } });
  const all = [run.stdout, run.stderr, run.summary, run.outputFile, run.sarifText ?? ""].join("\n");
  expect(all).toContain("same as https://contoso.blob.core.windows.net/?");
  const hits = [...planted].flatMap((s) =>
    secretForms(s)
      .filter((f) => f.length >= 16 && all.includes(f))
      .map((f) => `${f.slice(0, 6)}…`),
  );
  expect(hits).toEqual([]);
});
