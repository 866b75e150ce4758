// baseline.history: true — a token removed from the tip is still found in history, once, with the oldest commit
// that added it, without an annotation on the head commit; the number of commits read is bounded and what the bound
// leaves out is reported.
import { api } from "../github/helpers.js";
import * as b from "./helpers.js";

b.useBaselineHarness();

const REPO = "legacy";
const R = `/repos/${b.ORG}/${REPO}`;
const HEAD = b.sha("legacy-head");
const OLD = b.sha("legacy-old");
const RUN = 811;

function commitItem(sha: string, date: string) {
  return { sha, commit: { author: { name: "Alice", date }, committer: { name: "Alice", date } }, author: { login: "alice" } };
}

test("a token only in history: one finding with its first commit, no annotation; files at head scanned as usual", async () => {
  const clean = b.sha("readme-now");
  const leaked = b.sha("readme-then");
  b.nockToken();
  b.nockRepo(REPO);
  b.nockConfig(REPO, "baseline:\n  history: true\n");
  b.nockBranch(REPO, HEAD);
  b.nockCreateCheckRun(REPO, RUN, HEAD);
  b.nockTree(REPO, HEAD, [b.file("README.md", clean, 10)], { recursive: true, sha: b.sha("legacy-root") });
  b.nockBlob(REPO, clean, "# legacy\n");
  api()
    .get(`${R}/commits`)
    .query({ sha: HEAD, per_page: "100" })
    .reply(200, [commitItem(HEAD, "2024-03-01T00:00:00Z"), commitItem(OLD, "2021-10-05T23:10:00Z")]);
  api()
    .get(`${R}/commits/${HEAD}`)
    .query({ per_page: "300" })
    .reply(200, { ...commitItem(HEAD, "2024-03-01T00:00:00Z"), files: [{ filename: "README.md", status: "modified", sha: clean }] });
  api()
    .get(`${R}/commits/${OLD}`)
    .query({ per_page: "300" })
    .reply(200, { ...commitItem(OLD, "2021-10-05T23:10:00Z"), files: [{ filename: "README.md", status: "added", sha: leaked }] });
  b.nockBlob(REPO, leaked, `Data: ${b.criticalToken("history-only")}\n`);
  b.nockUpdateCheckRun(REPO, RUN, 1);

  const probot = await b.createProbot();
  await b.deliver(probot, "installation", b.installationCreated([REPO]));

  const [done] = b.bodiesOf("PATCH", `${R}/check-runs/${RUN}`);
  expect(done).toMatchObject({ status: "completed", conclusion: "failure" });
  expect(done.output.annotations).toBeUndefined(); // its line is not in the head commit
  expect(done.output.summary).toContain(OLD.slice(0, 12));
  // each commit listed once, each distinct blob fetched once
  expect(b.callsTo("GET", new RegExp(`^${R}/commits/`)).filter((c) => !c.path.includes("check-runs"))).toHaveLength(2);
  expect(b.blobGets(REPO).sort()).toEqual([clean, leaked].sort());
});
