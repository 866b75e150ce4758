// Crash recovery of the embedded queue (issue 15 item 11): accepted jobs are on disk before enqueue returns, a queue
// opened on the same directory after a crash (the first queue is simply abandoned, as SIGKILL would) runs what was
// not finished, finished jobs are not run again, and a torn last line does not lose the others.
import { appendFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EmbeddedQueue } from "../../src/queue/embedded-queue.js";
import { JOURNAL_FILE, JobJournal } from "../../src/queue/job-journal.js";
import type { Job } from "../../src/queue/job-queue.js";

const job = (sha: string): Job =>
  ({ owner: "acme", repo: `repo-${sha}`, headSha: sha, installationId: 1, deliveryId: `d-${sha}`, trigger: "push", base: "0".repeat(40) }) as Job;
const dir = () => mkdtempSync(join(tmpdir(), "sas-guard-journal-"));
const settle = () => new Promise((r) => setTimeout(r, 20));

describe("embedded queue journal", () => {
  test("jobs accepted and not finished run again after a crash; finished ones do not", async () => {
    const d = dir();
    const first = new EmbeddedQueue({ journal: new JobJournal(d) });
    let release!: () => void;
    first.startWorker((j) => (j.trigger !== "baseline" && j.headSha === "a" ? Promise.resolve() : new Promise<void>((r) => (release = r))));
    await first.enqueue(job("a"));
    await first.enqueue(job("b")); // running, never finishes: the process "dies" here
    await first.enqueue(job("c"));
    await settle();
    expect(readFileSync(join(d, JOURNAL_FILE), "utf8").split("\n").filter(Boolean)).toHaveLength(4); // 3 added, a done

    const ran: string[] = [];
    const second = new EmbeddedQueue({ journal: new JobJournal(d) });
    expect(second.durable).toBe(true);
    second.startWorker(async (j) => void ran.push(j.trigger === "baseline" ? "baseline" : j.headSha));
    await settle();
    expect(ran.sort()).toEqual(["b", "c"]);
    expect(await second.enqueue(job("b"))).toBe("duplicate"); // finished within the dedupe window

    const third = new JobJournal(d);
    expect(third.pending()).toEqual([]); // b and c finished: nothing left for a later restart
    release?.();
  });

  // The appends run on libuv's thread pool (the main thread no longer waits on fsync): still on disk before enqueue
  // resolves, in the order accepted, and a redelivery that arrives while its line is written is a duplicate.
  // inline: the App scanning in its own thread (SAS_GUARD_SCAN_THREADS=0) writes synchronously, with the same guarantees.
  test.each([false, true])(
    "a job is on disk when enqueue resolves; concurrent deliveries keep their order; a duplicate in flight is turned away (inline %s)",
    async (inline) => {
      const d = dir();
      const q = new EmbeddedQueue({ journal: new JobJournal(d, { inline }) });
      const shas = Array.from({ length: 20 }, (_, i) => `s${i}`);
      const answers = await Promise.all([...shas.map((s) => q.enqueue(job(s))), q.enqueue(job("s3"))]);
      expect(answers.filter((a) => a === "duplicate")).toHaveLength(1);
      expect(new JobJournal(d).pending().map(([, j]) => (j.trigger === "baseline" ? "" : j.headSha))).toEqual(shas);
    },
  );

  test("a torn last line (crash mid-write) is skipped; the lines before it count", async () => {
    const d = dir();
    const j = new JobJournal(d);
    await j.add("k1", job("x"));
    await j.close();
    appendFileSync(join(d, JOURNAL_FILE), '{"op":"add","key":"k2","jo');
    expect(new JobJournal(d).pending().map(([k]) => k)).toEqual(["k1"]);
  });
});
