// The read-ahead of scanInOrder (scan-in-order.ts): source items pulled and handed to the scan pool, held until
// their results are in, given back oldest first. Plain methods around one small generator loop: V8 optimized the
// earlier single large generator 9 times over (deopts on paths taken late, such as the final drain) — 377 ms of
// compiling on a 2-core machine whose cores the workers need (bench:cli, --trace-opt).
import type { DocInput, DocResult } from "./scan-one.js";
import type { ScanContext, ScanPool } from "./scan-pool.js";
import { setImmediate as turn } from "node:timers/promises";

/** A source item that is a document (not a skip), as runScan's SourceItem defines it. */
export type DocItem = { path: string } & ({ text: string; bytes: number } | { file: string; maxBytes: number });

export type Entry<S> = { item: S; result?: DocResult; pending: boolean; size: number };

export interface Puller<S> {
  next: () => IteratorResult<S> | Promise<IteratorResult<S>>;
  close: () => unknown;
}

/** step() found the source ended and every result given back. */
export const DONE = Symbol("done");

// A document item already has a DocInput's fields (the pool reads only those): no copy per document.
const toInput = (item: DocItem): DocInput => item;

export class ReadAhead<S extends { path: string }> {
  private readonly window: Entry<S>[] = [];
  private head = 0;
  private inFlightBytes = 0;
  private sinceTurn = 0;
  private ended = false;
  private wake: (() => void) | undefined;
  private readonly settle = (r: DocResult, entry: Entry<S>): void => {
    entry.result = r;
    entry.pending = false;
    this.wake?.();
  };
  private readonly onNext = (r: IteratorResult<S>): void => this.admit(r);

  constructor(
    private readonly items: Puller<S>,
    private readonly pool: ScanPool,
    private readonly ctx: ScanContext,
    private readonly isDoc: (item: S) => item is S & DocItem,
    private readonly maxDocs: number,
    private readonly maxBytes: number,
  ) {}

  /** The oldest entry when its result is in (it leaves the window), else undefined. */
  take(): Entry<S> | undefined {
    const w = this.window[this.head];
    if (w === undefined || w.pending) return undefined;
    this.window[this.head++] = undefined as never;
    this.inFlightBytes -= w.size;
    if (this.head > 1024 && this.head * 2 > this.window.length) {
      this.window.splice(0, this.head);
      this.head = 0;
    }
    return w;
  }

  /** Makes progress when take() has nothing: pulls the next item (undefined: done at once), or returns what to
   * wait for — a result (the window is full, or the source ended), the source (async), or a turn of the event loop. */
  step(): Promise<unknown> | undefined | typeof DONE {
    if (this.ended || this.full()) {
      if (this.head === this.window.length) return DONE; // only when ended: a full window is never empty
      return new Promise<void>((resolve) => (this.wake = resolve));
    }
    // A synchronous source (the CLI's walk) never lets the event loop run: workers' results would wait, and the
    // workers sit idle, until the oldest document is needed. A turn of the loop now and then keeps them fed.
    if (++this.sinceTurn >= 256) {
      this.sinceTurn = 0;
      return turn();
    }
    const r = this.items.next();
    if (r instanceof Promise) return r.then(this.onNext);
    this.admit(r);
    return undefined;
  }

  private full(): boolean {
    const held = this.window.length - this.head;
    return held > this.maxDocs || (this.inFlightBytes > this.maxBytes && held > 0);
  }

  private admit(r: IteratorResult<S>): void {
    if (r.done) {
      this.ended = true;
      return;
    }
    const item = r.value;
    if (!this.isDoc(item)) this.window.push({ item, pending: false, size: 0 });
    else if ("text" in item && item.text === "") {
      // Nothing the engine could match (the reader's prefilter): no message to a worker.
      this.window.push({ item, result: { path: item.path, findings: [], bytes: item.bytes, omitted: 0 }, pending: false, size: 0 });
    } else {
      const entry: Entry<S> = { item, pending: true, size: "text" in item ? item.text.length : 0 };
      this.inFlightBytes += entry.size;
      this.window.push(entry);
      this.pool.submit(toInput(item), this.ctx, this.settle, entry);
    }
  }

  /** True once the source has ended (nothing left to close). */
  get sourceEnded(): boolean {
    return this.ended;
  }
}
