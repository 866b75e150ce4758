// Runs a source's documents through the scan pool with read-ahead, and gives the results back in source order
// (so reports, dedupe "first read wins" and progress are the same as a one-thread scan). Without a pool, each
// document is scanned in process when it is read: the same function (scanOne) runs in both cases.
import type { ScanConfig } from "../scan-config.js";
import { DONE, ReadAhead, type DocItem, type Puller } from "./read-ahead.js";
import { DEFAULT_MAX_FINDINGS_PER_DOCUMENT, scanOne, type DocResult } from "./scan-one.js";
import type { ScanPool } from "./scan-pool.js";

export type { DocItem };
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

/** Pulls items one at a time; a synchronous source (the CLI's walk) without a promise per item, which `for await`
 * makes of every item of a sync iterable (~74k files of node_modules: measurable on the main thread). */
function puller<S>(source: AsyncIterable<S> | Iterable<S>): Puller<S> {
  if (Symbol.iterator in source) {
    const it = source[Symbol.iterator]();
    return { next: () => it.next(), close: () => it.return?.() };
  }
  const it = source[Symbol.asyncIterator]();
  return { next: () => it.next(), close: () => it.return?.() };
}

/** Yields `{ item }` for items that are not documents (passed through in place) and `{ item, result }` for documents. */
export function scanInOrder<S extends { path: string }>(
  source: AsyncIterable<S> | Iterable<S>,
  isDoc: (item: S) => item is S & DocItem,
  o: InOrderOptions,
): AsyncGenerator<{ item: S; result?: DocResult }> {
  const items = puller(source);
  if (!o.pool) return inThisThread(items, isDoc, o);
  // Files cost the window nothing but an entry (their text lives in the worker): thousands in flight keep two
  // workers fed while the main thread walks (2,048 with 256-file batches left them waiting on each other).
  const ctx = { config: o.sc.config, now: o.now };
  return inPool(items, new ReadAhead(items, o.pool, ctx, isDoc, o.maxInFlightDocs ?? 4096, o.maxInFlightBytes ?? 64 * 1_048_576));
}

async function* inPool<S extends { path: string }>(items: Puller<S>, ahead: ReadAhead<S>): AsyncGenerator<{ item: S; result?: DocResult }> {
  try {
    // Results leave in source order as soon as they are in (progress stays current); the read-ahead waits only
    // when the window is full, and at the end for everything. One yield and one await: see read-ahead.ts.
    for (;;) {
      const e = ahead.take();
      if (e) {
        yield e;
        continue;
      }
      const wait = ahead.step();
      if (wait === DONE) return;
      if (wait) await wait;
    }
  } finally {
    if (!ahead.sourceEnded) await items.close();
  }
}

async function* inThisThread<S extends { path: string }>(items: Puller<S>, isDoc: (item: S) => item is S & DocItem, o: InOrderOptions) {
  const max = o.maxFindingsPerDocument ?? DEFAULT_MAX_FINDINGS_PER_DOCUMENT;
  let ended = false;
  try {
    for (;;) {
      const r = items.next();
      const next = r instanceof Promise ? await r : r;
      if (next.done) {
        ended = true;
        return;
      }
      const item = next.value;
      yield isDoc(item) ? { item, result: scanOne(item, o.sc, o.now, max) } : { item };
    }
  } finally {
    if (!ended) await items.close();
  }
}
