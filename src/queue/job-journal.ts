// The embedded queue's durable memory: an append-only JSONL file in SAS_GUARD_DATA_DIR (default ./.sas-guard-data)
// with one line per accepted job and one per finished job, each fsync'ed before the webhook is answered or the job
// is forgotten. After a crash (SIGKILL, OOM, power loss) the restarted App replays what was accepted and not
// finished; the replayed scan finds its own run still in progress (same commit, same external_id) and completes
// it, so every commit ends with one completed run. Rewritten compactly at each start.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Job } from "./job-queue.js";

type Line = { op: "add"; key: string; job: Job } | { op: "done"; key: string };

export const JOURNAL_FILE = "embedded-queue.jsonl";

export class JobJournal {
  readonly #path: string;
  #fd: number;

  /** Opens (creating) the journal in `dir`; `pending()` then lists what a previous process left unfinished. */
  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.#path = join(dir, JOURNAL_FILE);
    const left = existsSync(this.#path) ? unfinished(readFileSync(this.#path, "utf8")) : new Map<string, Job>();
    // Compact: only the unfinished jobs survive, written to a temporary file and renamed over the old one.
    const tmp = `${this.#path}.tmp`;
    const fd = openSync(tmp, "w");
    for (const [key, job] of left) writeSync(fd, `${JSON.stringify({ op: "add", key, job })}\n`);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.#path);
    this.#fd = openSync(this.#path, "a");
    this.#left = left;
  }

  readonly #left: Map<string, Job>;

  /** Jobs a previous process accepted and did not finish, in the order they were accepted. */
  pending(): [string, Job][] {
    return [...this.#left];
  }

  add(key: string, job: Job): void {
    this.#append({ op: "add", key, job });
  }

  done(key: string): void {
    this.#append({ op: "done", key });
  }

  close(): void {
    closeSync(this.#fd);
  }

  #append(line: Line): void {
    writeSync(this.#fd, `${JSON.stringify(line)}\n`);
    fsyncSync(this.#fd);
  }
}

/** Replays the lines; a torn last line (a crash mid-write) is ignored, as is anything unparsable. */
function unfinished(text: string): Map<string, Job> {
  const left = new Map<string, Job>();
  for (const raw of text.split("\n")) {
    if (!raw.trim()) continue;
    let line: Line;
    try {
      line = JSON.parse(raw) as Line;
    } catch {
      continue;
    }
    if (line.op === "add" && line.job) left.set(line.key, line.job);
    else if (line.op === "done") left.delete(line.key);
  }
  return left;
}
