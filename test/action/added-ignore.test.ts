// Issue 15.5 through the Action: a pull request that adds `sas-guard:ignore` next to its own token does not silence
// it (inlineIgnore: fail, the default, read from the base commit); an ignore already on the base keeps working.
import { cleanup, commit, criticalSas, newRepo, pullRequestPayload, runActionProcess } from "./action-harness.js";

afterAll(cleanup);

describe("inline ignores a pull request adds for its own token (Action)", () => {
  it("an ignore added with the token: exit 1, the token annotated, the note names who added it", async () => {
    const repo = newRepo();
    const base = commit(repo, { "README.md": "# Demo\n" }, "base");
    const head = commit(repo, { "app.env": `URL=${criticalSas("action-added-ignore")} # sas-guard:ignore reason="test data"\n` }, "token with its own ignore");
    const run = await runActionProcess({ event: "pull_request", payload: pullRequestPayload(base, head, 9), workspace: repo });
    expect(run.status).toBe(1);
    const errors = run.annotations.filter((a) => a.command === "error" && a.properties.file === "app.env");
    expect(errors).toHaveLength(1);
    expect(run.stdout).toMatch(/added sas-guard:ignore reason="test data" in this change/);
  });

  it("an ignore already on the base commit, on a line the pull request does not touch, still suppresses", async () => {
    const repo = newRepo();
    const base = commit(repo, { "app.env": `URL=${criticalSas("action-old-ignore")} # sas-guard:ignore reason="sample data"\n` }, "base");
    const head = commit(
      repo,
      { "app.env": `URL=${criticalSas("action-old-ignore")} # sas-guard:ignore reason="sample data"\nREGION=westeurope\n` },
      "unrelated",
    );
    const run = await runActionProcess({ event: "pull_request", payload: pullRequestPayload(base, head, 10), workspace: repo });
    expect(run.status).toBe(0);
  });
});
