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

/** Pulls items one at a time; a synchronous source (the CLI's walk) without a promise per item, which `for await`
 * makes of every item of a sync iterable (~74k files of node_modules: measurable on the main thread). */
function puller<S>(source: AsyncIterable<S> | Iterable<S>): { next: () => IteratorResult<S> | Promise<IteratorResult<S>>; close: () => unknown } {
  if (Symbol.iterator in source) {
    const it = source[Symbol.iterator]();
    return { next: () => it.next(), close: () => it.return?.() };
  }
  const it = source[Symbol.asyncIterator]();
  return { next: () => it.next(), close: () => it.return?.() };
}

/** Yields `{ item }` for items that are not documents (passed through in place) and `{ item, result }` for documents. */
export async function* scanInOrder<S extends { path: string }>(
  source: AsyncIterable<S> | Iterable<S>,
  isDoc: (item: S) => item is S & DocItem,
  o: InOrderOptions,
): AsyncGenerator<{ item: S; result?: DocResult }> {
  const max = o.maxFindingsPerDocument ?? DEFAULT_MAX_FINDINGS_PER_DOCUMENT;
  const items = puller(source);
  let done = false; // the source ended: nothing to close
  try {
    if (!o.pool) {
      for (;;) {
        const r = items.next();
        const next = r instanceof Promise ? await r : r;
        if (next.done) break;
        const item = next.value;
        yield isDoc(item) ? { item, result: scanOne(toInput(item), o.sc, o.now, max) } : { item };
      }
      done = true;
      return;
    }
    const pool = o.pool;
    const ctx = { config: o.sc.config, now: o.now };
    // Files cost the window nothing but an entry (their text lives in the worker): thousands in flight keep two
    // workers fed while the main thread walks (2,048 with 256-file batches left them waiting on each other).
    const maxDocs = o.maxInFlightDocs ?? 4096;
    const maxBytes = o.maxInFlightBytes ?? 64 * 1_048_576;
    type Entry = { item: S; result?: DocResult; pending: boolean; size: number };
    const window: Entry[] = [];
    let head = 0;
    let inFlightBytes = 0;
    let sinceTurn = 0;
    let wake: (() => void) | undefined;
    const settle = (r: DocResult, entry: Entry) => {
      entry.result = r;
      entry.pending = false;
      wake?.();
    };
    const over = (limitDocs: number, limitBytes: number) => window.length - head > limitDocs || (inFlightBytes > limitBytes && head < window.length);
    for (;;) {
      const r = items.next();
      const next = r instanceof Promise ? await r : r;
      if (next.done) done = true;
      else {
        const item = next.value;
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
      }
      // Results leave in source order as soon as they are in (progress stays current); the read-ahead waits only
      // when the window is full, and at the end for everything.
      while (head < window.length) {
        const w = window[head];
        if (w.pending) {
          if (!done && !over(maxDocs, maxBytes)) break;
          await new Promise<void>((resolve) => (wake = resolve));
          continue;
        }
        window[head++] = undefined as never;
        inFlightBytes -= w.size;
        yield { item: w.item, result: w.result };
      }
      if (done) return;
      if (head > 1024 && head * 2 > window.length) {
        window.splice(0, head);
        head = 0;
      }
      // A synchronous source (the CLI's walk) never lets the event loop run: workers' results would wait, and the
      // workers sit idle, until the oldest document is needed. A turn of the loop now and then keeps them fed.
      if (++sinceTurn >= 256) {
        sinceTurn = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  } finally {
    if (!done) await items.close();
  }
}
