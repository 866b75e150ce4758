// What a source yields: one document to scan, or one file it could not (or chose not to) read, with why.
// Sources (src/sources/, and the App's in src/github/) produce these; runScan consumes them.
import type { Origin } from "../detect/types.js";

export type SourceItem =
  | {
      path: string;
      text: string;
      bytes: number;
      origin?: Origin;
      /** Only findings on these 1-based lines count (the lines a change adds); all lines when absent. */
      lines?: ReadonlySet<number>;
      /** The blob is part of the branch head (history scans): its tokens are still present. */
      atHead?: boolean;
    }
  /** A file on disk, read by whoever scans it (a pool worker, or runScan's thread): the working tree. */
  | { path: string; file: string; maxBytes: number }
  | {
      path: string;
      skipped: string;
      /** True when the file should have been scanned but could not be (an API error): the scan is incomplete. */
      incomplete?: boolean;
    };

export type Source = AsyncIterable<SourceItem> | Iterable<SourceItem>;
