// The fake GitHub itself: git-compatible object ids, GitHub-shaped diffs and limits (no App process involved).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "@jest/globals";
import { ObjectStore } from "../support/fake-github/git.js";
import { lineDiff, rightSideLines } from "../support/fake-github/line-diff.js";
import { FakeGitHub, generateAppKeys } from "./helpers.js";

describe("fake GitHub", () => {
  test("blob and tree SHAs are the ones git computes", () => {
    const store = new ObjectStore();
    const a = store.putBlob("hello\n");
    expect(a).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
    const b = store.putBlob("second\n");
    const tree = store.putFiles(
      new Map([
        ["a.txt", a],
        ["dir/b.txt", b],
        ["dir.txt", a],
      ]),
    );
    const dir = mkdtempSync(join(tmpdir(), "fake-git-"));
    try {
      const git = (args: string[], input?: string) => execFileSync("git", args, { cwd: dir, input, encoding: "utf8" }).trim();
      git(["init", "-q"]);
      expect(git(["hash-object", "-w", "--stdin"], "hello\n")).toBe(a);
      expect(git(["hash-object", "-w", "--stdin"], "second\n")).toBe(b);
      const sub = git(["mktree"], `100644 blob ${b}\tb.txt\n`);
      expect(git(["mktree"], `100644 blob ${a}\ta.txt\n040000 tree ${sub}\tdir\n100644 blob ${a}\tdir.txt\n`)).toBe(tree);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("line diff: hunks with 3 lines of context, new-file line numbers a review may target", () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";
    const after = before.replace("line 10\n", "line 10\nadded\n");
    const d = lineDiff(before, after);
    expect(d).toMatchObject({ additions: 1, deletions: 0 });
    expect(d.patch.split("\n")[0]).toBe("@@ -8,6 +8,7 @@");
    expect([...rightSideLines(d.patch)]).toEqual([8, 9, 10, 11, 12, 13, 14]);
    expect(lineDiff("", "a\nb\n").patch).toBe("@@ -0,0 +1,2 @@\n+a\n+b");
  });

  test("compare lists at most 300 files; PR files paginate with Link headers; unsigned token exchange is refused", async () => {
    const keys = generateAppKeys();
    const fake = await new FakeGitHub({ appId: keys.appId, publicKey: keys.publicKey }).start();
    try {
      const repo = fake.createRepo("o", "r", 1);
      const files: Record<string, string> = {};
      for (let i = 0; i < 320; i++) files[`f${i}.txt`] = `${i}\n`;
      repo.commit("big", files);
      const { pr } = fake.pullRequest(repo, "big");
      const refused = await fetch(`${fake.apiBase}/app/installations/1/access_tokens`, { method: "POST", headers: { authorization: "Bearer a.b.c" } });
      expect(refused.status).toBe(401);
      const headers = { authorization: `token ${fake.issueToken(1)}` };
      const compare = (await (await fetch(`${fake.apiBase}/repos/o/r/compare/main...big`, { headers })).json()) as any;
      expect(compare.files).toHaveLength(300);
      expect(compare.ahead_by).toBe(1);
      const page1 = await fetch(`${fake.apiBase}/repos/o/r/pulls/${pr.number}/files?per_page=100`, { headers });
      expect(await page1.json()).toHaveLength(100);
      const next = /<([^>]+)>; rel="next"/.exec(page1.headers.get("link") ?? "")![1];
      expect(next).toBe(`${fake.apiBase}/repositories/${repo.id}/pulls/${pr.number}/files?per_page=100&page=2`);
      const page4 = await fetch(next.replace("page=2", "page=4"), { headers });
      expect(await page4.json()).toHaveLength(20);
      expect(page4.headers.get("link")).toContain('rel="first"');
      const unauth = await fetch(`${fake.apiBase}/repos/o/r/pulls/${pr.number}/files`);
      expect(unauth.status).toBe(401);
    } finally {
      await fake.stop();
    }
  });
});
