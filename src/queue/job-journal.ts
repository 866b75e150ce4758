// The embedded queue's durable memory: an append-only JSONL file in SAS_GUARD_DATA_DIR (default ./.sas-guard-data)
// with one line per accepted job and one per finished job, each fsync'ed before the webhook is answered or the job
// is forgotten. After a crash (SIGKILL, OOM, power loss) the restarted App replays what was accepted and not
// finished; the replayed scan finds its own run still in progress (same commit, same external_id) and completes
// it, so every commit ends with one completed run. Rewritten compactly at each start. Appends are written and
// fsync'ed on libuv's thread pool, one after the other: a synchronous fsync held the App's main thread (and every
// webhook waiting on it) for up to ~13 ms per delivery while scans ran (bench:webhooks). With `inline` (the App
// scanning in its own thread, SAS_GUARD_SCAN_THREADS=0) they stay synchronous: there, the turn of the event loop an
// ack would wait for the thread pool can last a whole document's scan (p99 788 ms became 1.3–2.9 s).
import { close, closeSync, existsSync, fsync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, write, writeSync } from "node:fs";
import { promisify } from "node:util";
import { join } from "node:path";
import type { Job } from "./job-queue.js";

const writeAsync = promisify(write) as (fd: number, text: string) => Promise<unknown>;
const fsyncAsync = promisify(fsync);
const closeAsync = promisify(close);

type Line = { op: "add"; key: string; job: Job } | { op: "done"; key: string };

export const JOURNAL_FILE = "embedded-queue.jsonl";

export class JobJournal {
  readonly #path: string;
  #fd: number;
  /** The last append: each one starts when the one before it is on disk, so lines keep their order. */
  #tail: Promise<unknown> = Promise.resolve();

  readonly #inline: boolean;

  /** Opens (creating) the journal in `dir`; `pending()` then lists what a previous process left unfinished. */
  constructor(dir: string, options: { inline?: boolean } = {}) {
    this.#inline = options.inline ?? false;
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

  /** Resolves once the line is on disk (fsync'ed): the webhook is answered after that. */
  add(key: string, job: Job): Promise<void> {
    return this.#append({ op: "add", key, job });
  }

  /** A "done" line that fails to land only means the job runs again after a restart (its run is then completed). */
  done(key: string): Promise<void> {
    return this.#append({ op: "done", key });
  }

  /** After every append already made. */
  async close(): Promise<void> {
    await this.#tail.catch(() => undefined);
    await closeAsync(this.#fd);
  }

  #append(line: Line): Promise<void> {
    const text = `${JSON.stringify(line)}\n`;
    const fd = this.#fd;
    if (this.#inline) {
      try {
        writeSync(fd, text);
        fsyncSync(fd);
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    const p = this.#tail
      .catch(() => undefined)
      .then(async () => {
        await writeAsync(fd, text);
        await fsyncAsync(fd);
      });
    this.#tail = p;
    return p;
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
