// Issue 15 item 5: an inline ignore a pull request adds for its own token stays visible (annotation, summary line
// naming who and why) and, by default (`inlineIgnore: fail`), does not suppress; "warn" suppresses as a warning.
// An ignore on a line the change did not touch keeps working.
import type { Probot } from "probot";
import * as h from "./helpers.js";

const { R } = h;
const harness = h.useHarness();
let probot: Probot;
beforeEach(() => {
  probot = harness.probot();
});

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const RUN = 4545;
const COMMIT: h.CommitSpec = { sha: HEAD, date: "2026-11-20T00:00:00Z", login: "Codertocat" };
const payload = () => h.privateRepo(h.fixture("pull_request.opened.json"));
const completion = () => h.completedRunBody(RUN);
const review = () => h.calls.find((c) => c.method === "POST" && c.path === `${R}/pulls/2/reviews`)?.body;

function nockPr(config: string | null, patch: string, withFindings: boolean): void {
  h.nockScanStart(HEAD, RUN, config);
  h.api()
    .get(`${R}/pulls/2/files`)
    .query({ per_page: "100" })
    .reply(200, [h.prFile({ filename: "deploy.sh", patch })]);
  if (withFindings) {
    h.nockPrCommits([COMMIT]);
    h.nockFileHistory(HEAD, "deploy.sh", [COMMIT]);
  }
  h.nockUpdateCheckRun(RUN);
}

describe("inline ignores added by the change", () => {
  test("default (inlineIgnore: fail): the PR's own ignore does not suppress; annotated, summary and review say who and why", async () => {
    const url = h.criticalToken("self-ignore");
    nockPr(null, h.patchAdding([`SAS="${url}" # sas-guard:ignore reason="just a test token"`]), true);
    h.nockReview(2);

    await h.deliver(probot, "pull_request", payload());

    const done = completion();
    expect(done.conclusion).toBe("failure");
    expect(done.output.annotations).toEqual([expect.objectContaining({ path: "deploy.sh", start_line: 1, annotation_level: "failure" })]);
    expect(done.output.annotations[0].message).toContain('@Codertocat added sas-guard:ignore reason="just a test token" in this change');
    expect(done.output.summary).toMatch(/^> \*\*This change adds an inline ignore for its own findings\*\*, so they do not suppress/);
    expect(done.output.summary).toMatch(/> - `deploy\.sh` line 1: @Codertocat ignored [\w-]+ `sg1:[0-9a-f]{24}` because "just a test token"/);
    expect(review().body).toContain("@Codertocat ignored");
  });

  test("inlineIgnore: warn: it suppresses (success) but is annotated as a warning and listed in the summary", async () => {
    const url = h.criticalToken("self-ignore-warn");
    nockPr("inlineIgnore: warn\n", h.patchAdding([`SAS="${url}" # sas-guard:ignore reason="rotated tomorrow"`]), false);
    h.api().get(`${R}/pulls/2/comments`).query({ per_page: "100" }).reply(200, []);

    await h.deliver(probot, "pull_request", payload());

    const done = completion();
    expect(done.conclusion).toBe("success");
    expect(done.output.annotations).toEqual([expect.objectContaining({ path: "deploy.sh", start_line: 1, annotation_level: "warning" })]);
    expect(done.output.summary).toContain("so they suppress (`inlineIgnore: warn`)");
    expect(done.output.summary).toContain('because "rotated tomorrow"');
  });

  test("an ignore on a line the change did not touch keeps working: suppressed, no annotation", async () => {
    const url = h.criticalToken("old-ignore");
    nockPr(null, h.patchAdding([`SAS="${url}"`], ['# sas-guard:ignore reason="sample account, read-only"']), false);
    h.api().get(`${R}/pulls/2/comments`).query({ per_page: "100" }).reply(200, []);

    await h.deliver(probot, "pull_request", payload());

    const done = completion();
    expect(done.conclusion).toBe("success");
    expect(done.output.annotations).toBeUndefined();
    expect(done.output.summary).not.toContain("This change adds");
  });
});
