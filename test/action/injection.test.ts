// Issue 15 item 8 through the real Action process: a file name holding a newline, a workflow command and an ESC
// sequence must produce exactly one annotation (on that file) and no live command or terminal escape of its own.
import { cleanup, commit, criticalSas, newRepo, pullRequestPayload, runActionProcess } from "./action-harness.js";

afterAll(cleanup);

const HOSTILE = "notes\n::warning title=pwned::owned \x1b[31mred.env";

test("a file name with a newline, ::warning and an ESC sequence: one error annotation, no forged command, no raw ESC", async () => {
  const repo = newRepo();
  const base = commit(repo, { "README.md": "# Demo\n" }, "base");
  const head = commit(repo, { [HOSTILE]: `A=${criticalSas("action-injection")}\n` }, "hostile name");
  const r = await runActionProcess({ event: "pull_request", payload: pullRequestPayload(base, head), workspace: repo });
  expect(r.status).toBe(1);
  expect(r.stdout.split("\n").filter((l) => l.startsWith("::warning"))).toEqual([]);
  expect(r.stdout).not.toContain("\x1b[31m");
  expect(r.stdout).toContain("notes\\n::warning title=pwned::owned \\x1b[31mred.env"); // the text report shows the name, escaped
  const errors = r.annotations.filter((a) => a.command === "error");
  expect(errors).toHaveLength(1);
  expect(errors[0].properties.file).toBe(HOSTILE.replace("\x1b", "")); // the toolkit's escapes undone; ESC dropped
  expect(r.summary).not.toMatch(/^::/m);
}, 60_000);
