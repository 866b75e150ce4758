// Entry point of a pool worker thread (compiled to dist/scan/pool/scan-worker.js). Scans batches of documents and
// posts the results back as plain data. Before each document it writes the document's index and start time to
// memory shared with the pool, which is how the pool knows which document overran its budget or crashed the worker.
import { readlinkSync } from "node:fs";
import { getPriority, setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { buildScanConfig, type ScanConfig } from "../scan-config.js";
import { scanOne, type DocInput } from "./scan-one.js";
import { renderCheckRunPages } from "./off-thread-render.js";
import {
  decodeDocs,
  pageFindings,
  SLOT_BATCH,
  SLOT_DOC,
  SLOT_STARTED,
  toWire,
  type BatchMessage,
  type DoneMessage,
  type TaskDoneMessage,
  type TaskMessage,
  type TaskName,
} from "./wire.js";

interface WorkerData {
  slots: SharedArrayBuffer;
  /** Test-only (honoured only when NODE_ENV=test): documents whose path contains these strings hang or crash the worker. */
  faults?: { hangOn?: string; crashOn?: string };
  niceness?: number;
}

const data = workerData as WorkerData;
const slots = new Float64Array(data.slots);
const faults = process.env.NODE_ENV === "test" ? data.faults : undefined;
// Built once per config id: the allowlist globs and the policy compiled here, as runScan does in process.
const configs = new Map<number, ScanConfig>();

/** This thread only (Linux: setpriority on the thread id, from /proc/thread-self); never raises a priority. Where
 * that is not available the thread runs at the process's priority, as before. */
function lowerThreadPriority(niceness: number): void {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (Number.isSafeInteger(tid) && tid > 0 && getPriority(tid) < niceness) setPriority(tid, niceness);
  } catch {
    // not Linux, or not allowed: keep the priority
  }
}
if (data.niceness) lowerThreadPriority(data.niceness);

function injectFault(doc: DocInput): void {
  if (faults?.hangOn && doc.path.includes(faults.hangOn)) for (;;);
  if (faults?.crashOn && doc.path.includes(faults.crashOn)) process.exit(70);
}

/** Tasks other than scanning (wire.ts TaskMessage): pure functions of their JSON pages. */
const TASKS: Record<TaskName, (input: string[]) => string[]> = { "check-run-output": renderCheckRunPages };

function runTask(m: TaskMessage): void {
  slots[SLOT_BATCH] = m.batchId;
  slots[SLOT_STARTED] = Date.now();
  slots[SLOT_DOC] = 0; // the pool's time budget covers tasks too
  let done: TaskDoneMessage;
  try {
    done = { batchId: m.batchId, output: TASKS[m.task](m.input) };
  } catch (error) {
    done = { batchId: m.batchId, failed: error instanceof Error ? error.name : "Error" };
  }
  slots[SLOT_DOC] = -1;
  parentPort!.postMessage(done);
}

parentPort!.on("message", (m: BatchMessage | TaskMessage) => {
  if ("task" in m) return runTask(m);
  if (m.config) configs.set(m.configId, buildScanConfig({ config: m.config, source: "", errors: [] }));
  if (m.forget !== undefined) configs.delete(m.forget);
  const config = configs.get(m.configId)!;
  const now = new Date(m.nowMs);
  const docs = decodeDocs(m);
  const done: DoneMessage = { batchId: m.batchId, bytes: new Float64Array(docs.length), special: [] };
  slots[SLOT_BATCH] = m.batchId;
  for (let i = 0; i < docs.length; i++) {
    slots[SLOT_STARTED] = Date.now();
    slots[SLOT_DOC] = i;
    if (faults) injectFault(docs[i]);
    try {
      const r = scanOne(docs[i], config, now, m.maxFindings);
      if ("notScanned" in r || r.findings.length > 0) {
        const { head, pages } = pageFindings(toWire(r));
        done.special.push([i, head]);
        if (pages) (done.pages ??= []).push([i, pages]);
      } else done.bytes[i] = r.bytes;
    } catch {
      // The error's message may quote the document: not passed on. The document is reported, the worker lives on.
      done.special.push([i, { notScanned: "scanner failed on this document", incomplete: true }]);
    }
  }
  slots[SLOT_DOC] = -1;
  parentPort!.postMessage(done, [done.bytes.buffer as ArrayBuffer]);
});
