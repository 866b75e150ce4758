// Runs a source's documents through the scan pool with read-ahead, and gives the results back in source order
// (so reports, dedupe "first read wins" and progress are the same as a one-thread scan). Without a pool, each
// document is scanned in process when it is read: the same function (scanOne) runs in both cases.
import type { ScanConfig } from "../scan-config.js";
import { DEFAULT_MAX_FINDINGS_PER_DOCUMENT, scanOne, type DocInput, type DocResult } from "./scan-one.js";
import type { ScanPool } from "./scan-pool.js";

/** A source item that is a document (not a skip), as runScan's SourceItem defines it. */
export type DocItem = { path: string } & ({ text: string; bytes: number } | { file: string; maxBytes: number });
export type Scanned<I> = { item: I; result: DocResult };

export interface InOrderOptions {
  pool?: ScanPool;
  sc: ScanConfig;
  now: Date;
  maxFindingsPerDocument?: number;
  /** Read-ahead: documents handed to the pool before the oldest one's result is waited for. */
  maxInFlightDocs?: number;
  maxInFlightBytes?: number;
}

// A document item already has a DocInput's fields (the pool reads only those): no copy per document.
const toInput = (item: DocItem): DocInput => item;

/** Yields `{ item }` for items that are not documents (passed through in place) and `{ item, result }` for documents. */
export async function* scanInOrder<S extends { path: string }>(
  source: AsyncIterable<S> | Iterable<S>,
  isDoc: (item: S) => item is S & DocItem,
  o: InOrderOptions,
): AsyncGenerator<{ item: S; result?: DocResult }> {
  const max = o.maxFindingsPerDocument ?? DEFAULT_MAX_FINDINGS_PER_DOCUMENT;
  if (!o.pool) {
    for await (const item of source) yield isDoc(item) ? { item, result: scanOne(toInput(item), o.sc, o.now, max) } : { item };
    return;
  }
  const pool = o.pool;
  const ctx = { config: o.sc.config, now: o.now };
  const maxDocs = o.maxInFlightDocs ?? 2048;
  const maxBytes = o.maxInFlightBytes ?? 64 * 1_048_576;
  type Entry = { item: S; result?: DocResult; pending: boolean; size: number };
  const window: Entry[] = [];
  let head = 0;
  let inFlightBytes = 0;
  let sinceYield = 0;
  let wake: (() => void) | undefined;
  const settle = (r: DocResult, entry: Entry) => {
    entry.result = r;
    entry.pending = false;
    wake?.();
  };
  async function* drainTo(limitDocs: number, limitBytes: number) {
    while (window.length - head > limitDocs || (inFlightBytes > limitBytes && head < window.length)) {
      const w = window[head];
      while (w.pending) await new Promise<void>((r) => (wake = r));
      window[head++] = undefined as never;
      inFlightBytes -= w.size;
      yield { item: w.item, result: w.result };
    }
    if (head > 1024 && head * 2 > window.length) {
      window.splice(0, head);
      head = 0;
    }
  }
  for await (const item of source) {
    if (!isDoc(item)) window.push({ item, pending: false, size: 0 });
    else if ("text" in item && item.text === "") {
      // Nothing the engine could match (the reader's prefilter): no message to a worker.
      window.push({ item, result: { path: item.path, findings: [], bytes: item.bytes, omitted: 0 }, pending: false, size: 0 });
    } else {
      const entry: Entry = { item, pending: true, size: "text" in item ? item.text.length : 0 };
      inFlightBytes += entry.size;
      window.push(entry);
      pool.submit(toInput(item), ctx, settle, entry);
    }
    yield* drainTo(maxDocs, maxBytes);
    // A synchronous source (the CLI's walk) never lets the event loop run: workers' results would wait, and the
    // workers sit idle, until the oldest document is needed. A turn of the loop now and then keeps them fed.
    if (++sinceYield >= 256) {
      sinceYield = 0;
      await new Promise((r) => setImmediate(r));
    }
  }
  yield* drainTo(0, -1);
}
