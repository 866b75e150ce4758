// A pool of scan worker threads: documents in, findings out, off the main thread and on every core.
// - Documents wait in one FIFO queue; an idle worker takes a batch of them (many small files, one message).
// - Each document has a time budget: a worker that overruns is terminated and replaced, its document is
//   "not scanned: took longer than N s" (incomplete) and the rest of its batch goes back to the queue.
// - A worker that dies marks the document it was on "not scanned: scanner crashed"; never a hang.
// - Workers start lazily (a scan with nothing to scan starts none) and are unref'd while idle.
import { Worker } from "node:worker_threads";
import type { SasGuardConfig } from "../../config/schema.js";
import type { Finding } from "../../detect/types.js";
import { DEFAULT_MAX_FINDINGS_PER_DOCUMENT, type DocInput, type DocResult } from "./scan-one.js";
import {
  encodeDocs,
  fromWire,
  fromWireFinding,
  KIND_FILE,
  kindOf,
  SLOT_BATCH,
  SLOT_DOC,
  SLOT_STARTED,
  type BatchMessage,
  type DoneMessage,
  type TaskDoneMessage,
  type TaskMessage,
  type TaskName,
  type WireFinding,
  type WireResult,
} from "./wire.js";
import { scanWorkerUrl } from "./worker-url.js";

export interface ScanContext {
  config: SasGuardConfig;
  now: Date;
}

export interface ScanPool {
  /** Results in the order of `docs`. Rejects only after close(). */
  scan(docs: DocInput[], ctx: ScanContext): Promise<DocResult[]>;
  /** The same for one document, with a callback instead of a promise (tens of thousands of files: no promise or
   * closure each: `tag` is handed back to `done`). Throws after close(). */
  submit<T>(doc: DocInput, ctx: ScanContext, done: (r: DocResult, tag: T) => void, tag: T): void;
  /** A task for a worker (wire.ts TaskMessage), ahead of queued documents. Rejects when the worker crashes or overruns
   * the budget, or after close(): the caller then does the work itself. */
  run(task: TaskName, input: string[]): Promise<string[]>;
  /** Waits for every queued and running document, then terminates the workers. */
  close(): Promise<void>;
  readonly threads: number;
}

export interface ScanPoolOptions {
  threads: number;
  /** Time budget per document, ms. */
  budgetMs: number;
  maxFindingsPerDocument?: number;
  /** A batch holds at most this many documents… */
  batchDocs?: number;
  /** …and about this many bytes of text (files to read count as `fileCost`). */
  batchBytes?: number;
  workerUrl?: URL;
  /** OS niceness of the worker threads (0–19; Linux applies it per thread): the App runs its scans at 10, so its main
   * thread (acks, GitHub calls) gets a core first whenever it has work. 0 or absent: unchanged. */
  niceness?: number;
  /** Test-only, honoured by the worker when NODE_ENV=test. */
  faults?: { hangOn?: string; crashOn?: string };
}

interface Task {
  doc: DocInput;
  kind: number;
  maxBytes: number;
  configId: number;
  config: SasGuardConfig;
  nowMs: number;
  tries: number;
  done: (r: DocResult, tag: unknown) => void;
  tag: unknown;
}

interface Job {
  message: TaskMessage;
  resolve: (output: string[]) => void;
  reject: (error: Error) => void;
}

interface Batch {
  id: number;
  /** The documents' kind (wire.ts kindOf); -1 for a task (run()). */
  kind: number;
  tasks: Task[];
  job?: Job;
}

interface Slot {
  worker: Worker;
  shared: Float64Array;
  configs: number[]; // config ids this worker holds, oldest first
  batch?: Batch;
  /** File batches only: the batch queued behind `batch` in the worker (see pump). */
  next?: Batch;
  dead: boolean;
}

const CONFIGS_PER_WORKER = 16;
const NO_FINDINGS: Finding[] = Object.freeze([]) as unknown as Finding[]; // shared by every document without findings
// A file to read counts as 4 KB: a batch is 256 files (at 16 KB, 64 files: a round trip to the main thread every
// ~1 ms of a worker's reading, which left the workers waiting ~30% of a CLI scan of node_modules).
const FILE_COST = 4096;
const sizeOf = (d: DocInput): number => ("text" in d ? d.text.length : "bytes" in d ? d.bytes.byteLength : FILE_COST);
const seconds = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000}` : (ms / 1000).toFixed(1));

export function createScanPool(o: ScanPoolOptions): ScanPool {
  const threads = Math.max(1, Math.floor(o.threads));
  const maxFindings = o.maxFindingsPerDocument ?? DEFAULT_MAX_FINDINGS_PER_DOCUMENT;
  const batchDocs = o.batchDocs ?? 256;
  const batchBytes = o.batchBytes ?? 1_048_576;
  const url = o.workerUrl ?? scanWorkerUrl();
  const queue: Task[] = [];
  const jobs: Job[] = []; // tasks (run()), served before documents
  const slots: Slot[] = [];
  const configIds = new WeakMap<SasGuardConfig, number>();
  let nextConfigId = 1;
  let nextBatchId = 1;
  let closing = false;
  const idleWaiters: (() => void)[] = [];
  let watchdog: NodeJS.Timeout | undefined;

  let decoding = 0; // documents whose findings pages are still being parsed (settlePaged)
  const busy = () => slots.some((s) => s.batch) || queue.length > 0 || jobs.length > 0 || decoding > 0;

  function spawn(): Slot {
    const sab = new SharedArrayBuffer(24);
    const shared = new Float64Array(sab);
    shared[SLOT_DOC] = -1;
    const worker = new Worker(url, { workerData: { slots: sab, faults: o.faults, niceness: o.niceness }, stdout: false, stderr: false });
    const slot: Slot = { worker, shared, configs: [], dead: false };
    worker.on("message", (m: DoneMessage | TaskDoneMessage) => ("special" in m ? finishBatch(slot, m) : finishJob(slot, m)));
    worker.on("error", () => undefined); // followed by "exit", handled there
    worker.on("exit", () => onExit(slot));
    worker.unref();
    slots.push(slot);
    return slot;
  }

  function finishBatch(slot: Slot, m: DoneMessage): void {
    const b = slot.batch;
    if (!b || b.id !== m.batchId) return;
    slot.batch = slot.next;
    slot.next = undefined;
    if (!slot.batch) slot.worker.unref();
    const tasks = b.tasks;
    const paged = m.pages ? new Map(m.pages) : undefined;
    let next = 0;
    for (const [i, r] of m.special) {
      for (; next < i; next++) clean(tasks[next], m.bytes[next]);
      const pages = paged?.get(i);
      if (pages) settlePaged(tasks[i], r, pages);
      else tasks[i].done(fromWire(tasks[i].doc.path, r), tasks[i].tag);
      next = i + 1;
    }
    for (; next < tasks.length; next++) clean(tasks[next], m.bytes[next]);
    pump();
  }

  function finishJob(slot: Slot, m: TaskDoneMessage): void {
    const job = slot.batch?.id === m.batchId ? slot.batch.job : undefined;
    if (!job) return;
    slot.batch = slot.next;
    slot.next = undefined;
    if (!slot.batch) slot.worker.unref();
    if ("output" in m) job.resolve(m.output);
    else job.reject(new Error(`scan worker task ${job.message.task} failed (${m.failed})`));
    pump();
  }

  /** A document with many findings: one page parsed per turn of the event loop (webhooks and other results go
   * in between), then the document is done. The worker is free meanwhile; close() waits for these too. */
  function settlePaged(t: Task, head: WireResult, pages: string[]): void {
    decoding++;
    const findings: Finding[] = [];
    let at = 0;
    const step = () => {
      for (const w of JSON.parse(pages[at]) as WireFinding[]) findings.push(fromWireFinding(w));
      pages[at++] = ""; // parsed: its text (secrets included) is not kept any longer than needed
      if (at < pages.length) return void setImmediate(step);
      decoding--;
      const r = fromWire(t.doc.path, head);
      t.done("findings" in r ? { ...r, findings } : r, t.tag);
      pump();
    };
    setImmediate(step);
  }

  const clean = (t: Task, bytes: number) => t.done({ path: t.doc.path, findings: NO_FINDINGS, bytes, omitted: 0 }, t.tag);

  /** Takes a worker out of the pool (it crashed, or overran): its document is not scanned, the rest of its batches
   * go back to the front of the queue at once — even if the thread takes its time to exit (a blocked read). The
   * document is the `at`-th of the batch the worker said it was on (SLOT_BATCH). */
  function retire(slot: Slot, at: number, reason: string): void {
    if (slot.dead) return;
    slot.dead = true;
    slot.worker.unref(); // a thread that never exits must not keep the process alive
    slots.splice(slots.indexOf(slot), 1);
    const held = [slot.batch, slot.next].filter((b) => b !== undefined);
    slot.batch = slot.next = undefined;
    for (const b of held) b.job?.reject(new Error(`scan worker task ${b.job.message.task}: ${reason}`));
    if (held.length > 0) {
      const on = held.find((b) => b.id === slot.shared[SLOT_BATCH]);
      const culprit = at >= 0 ? on?.tasks[at] : undefined;
      culprit?.done({ path: culprit.doc.path, notScanned: reason, incomplete: true }, culprit.tag);
      // A document caught in a third crash is given up on (a worker that cannot start at all, say). A batch whose
      // results were in transit when the worker died is scanned again (its late message, if any, is ignored).
      const rest = held.flatMap((b) => b.tasks).filter((t) => t !== culprit);
      for (const t of rest.reverse()) {
        if (++t.tries > 2) t.done({ path: t.doc.path, notScanned: "scanner crashed", incomplete: true }, t.tag);
        else queue.unshift(t);
      }
    }
    pump();
  }

  function onExit(slot: Slot): void {
    retire(slot, slot.shared[SLOT_DOC], "scanner crashed");
  }

  function checkBudgets(): void {
    const now = Date.now();
    for (const s of [...slots]) {
      if (!s.batch) continue;
      const at = s.shared[SLOT_DOC];
      if (at >= 0 && now - s.shared[SLOT_STARTED] > o.budgetMs) {
        retire(s, at, `took longer than ${seconds(o.budgetMs)} s (time budget per document, SAS_GUARD_DOC_BUDGET_MS)`);
        void s.worker.terminate();
      }
    }
  }

  function dispatch(slot: Slot): void {
    const first = queue[0];
    let size = 0;
    // A batch shares one kind, one config and one `now`: the next job's documents start the next batch.
    let n = 0;
    while (n < queue.length && n < batchDocs && (n === 0 || size < batchBytes)) {
      const t = queue[n];
      if (t.configId !== first.configId || t.nowMs !== first.nowMs || t.kind !== first.kind || t.maxBytes !== first.maxBytes) break;
      n++;
      size += sizeOf(t.doc);
    }
    const tasks = queue.splice(0, n); // one splice, not a shift per document (the queue holds thousands in a CLI scan)
    const m: BatchMessage = { batchId: nextBatchId++, configId: first.configId, nowMs: first.nowMs, maxFindings, ...encodeDocs(tasks.map((t) => t.doc)) };
    if (!slot.configs.includes(first.configId)) {
      m.config = first.config;
      slot.configs.push(first.configId);
      if (slot.configs.length > CONFIGS_PER_WORKER) m.forget = slot.configs.shift();
    }
    const batch = { id: m.batchId, kind: first.kind, tasks };
    if (slot.batch) slot.next = batch;
    else {
      slot.batch = batch;
      slot.shared[SLOT_DOC] = -1;
    }
    slot.worker.ref();
    slot.worker.postMessage(m);
  }

  function dispatchJob(slot: Slot): void {
    const job = jobs.shift()!;
    const id = nextBatchId++;
    job.message.batchId = id;
    slot.batch = { id, kind: -1, tasks: [], job };
    slot.shared[SLOT_DOC] = -1;
    slot.worker.ref();
    slot.worker.postMessage(job.message);
  }

  const next = (slot: Slot) => (jobs.length > 0 ? dispatchJob(slot) : dispatch(slot));

  function pump(): void {
    for (const s of slots) if (!s.batch && !s.dead && (jobs.length > 0 || queue.length > 0)) next(s);
    while ((jobs.length > 0 || queue.length > 0) && slots.length < threads) next(spawn());
    // A worker reading files (the CLI) holds a second batch, so it never waits for this thread between two: with
    // one batch each, two workers scanning node_modules waited ~30% of the time for a main thread busy walking
    // directories (or descheduled on a loaded machine). Documents with text (the App) are not held back this way.
    for (const s of slots) if (s.batch?.kind === KIND_FILE && !s.next && !s.dead && queue.length > 0 && queue[0].kind === KIND_FILE) dispatch(s);
    if (busy() && !watchdog) {
      watchdog = setInterval(checkBudgets, Math.max(10, Math.min(1000, o.budgetMs / 4)));
      watchdog.unref();
    } else if (!busy()) {
      if (watchdog) clearInterval(watchdog);
      watchdog = undefined;
      for (const w of idleWaiters.splice(0)) w();
    }
  }

  function configId(config: SasGuardConfig): number {
    let id = configIds.get(config);
    if (id === undefined) configIds.set(config, (id = nextConfigId++));
    return id;
  }

  let pumpSoon = false;
  function submit<T>(doc: DocInput, ctx: ScanContext, done: (r: DocResult, tag: T) => void, tag: T): void {
    if (closing) throw new Error("scan pool is closed");
    const maxBytes = "file" in doc ? doc.maxBytes : 0;
    queue.push({
      doc,
      kind: kindOf(doc),
      maxBytes,
      configId: configId(ctx.config),
      config: ctx.config,
      nowMs: ctx.now.getTime(),
      tries: 0,
      done: done as Task["done"],
      tag,
    });
    // Documents gather into batches: a full batch goes out at once, the rest on the next turn of the event loop
    // (a burst of small files is one message per worker, not one per file; a lone document waits one turn).
    if (queue.length >= batchDocs) pump();
    else if (!pumpSoon) {
      pumpSoon = true;
      setImmediate(() => {
        pumpSoon = false;
        pump();
      });
    }
  }

  return {
    threads,
    submit,
    scan(docs, ctx) {
      if (closing) return Promise.reject(new Error("scan pool is closed"));
      return Promise.all(docs.map((doc) => new Promise<DocResult>((resolve) => submit(doc, ctx, resolve, undefined))));
    },
    run(task, input) {
      if (closing) return Promise.reject(new Error("scan pool is closed"));
      return new Promise<string[]>((resolve, reject) => {
        jobs.push({ message: { batchId: 0, task, input }, resolve, reject });
        pump();
      });
    },
    async close() {
      closing = true;
      if (busy()) await new Promise<void>((r) => idleWaiters.push(r));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
