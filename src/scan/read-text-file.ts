// Reads one file for scanning, or says in plain words why it is skipped. Never throws. What the bytes hold is
// decided by the pipeline's decodeBlob (binary sniff, size, the engine's byte prefilter).
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { decodeBlob, tooLarge, type ReadResult } from "./decode-blob.js";

// PERF (bench:cli, 74k files): a Buffer per file and an fstat per file cost more than the reads themselves
// (open+fstat+alloc+read+close 1.10 s for the tree, open+read into one reused buffer+close 0.51 s). Files are read
// into one buffer per thread, reused: decodeBlob copies out the text it keeps (toString), never the buffer.
const SCRATCH_BYTES = 1_048_576;
let scratch: Buffer | undefined;

/** One open, reads until end of file, one close. The file's size is asked (fstat) only when it does not fit the
 * reused buffer or exceeds `maxBytes`: most files cost open, read, read (0: end of file), close. */
export function readTextFile(path: string, maxBytes: number): ReadResult {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY); // the number: "r" is parsed on every call
    const buf = (scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES));
    let got = readSync(fd, buf, 0, buf.length, null);
    // The common case in a few lines; the rest out of line (V8 re-optimized a longer version on each rare branch)
    if (got < buf.length && got <= maxBytes) {
      const n = readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) return decodeBlob(buf.subarray(0, got), maxBytes, path);
      got += n;
    }
    return readRest(fd, buf, got, maxBytes, path);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { skipped: `unreadable: ${e.code ?? e.message}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A file that filled the reused buffer, exceeds `maxBytes`, or grew while it was read: read on until end of file. */
function readRest(fd: number, buf: Buffer, got: number, maxBytes: number, path: string): ReadResult {
  for (;;) {
    if (got > maxBytes) return tooLarge(Math.max(got, fstatSync(fd).size), maxBytes);
    if (got === buf.length) {
      const size = fstatSync(fd).size;
      if (size > maxBytes) return tooLarge(size, maxBytes);
      // one byte more than the size: the read after it returns 0 (end of file) unless the file is growing
      const bigger = Buffer.allocUnsafe(Math.max(size + 1, got * 2));
      buf.copy(bigger, 0, 0, got);
      buf = bigger;
    }
    const n = readSync(fd, buf, got, buf.length - got, null);
    if (n === 0) return decodeBlob(buf.subarray(0, got), maxBytes, path);
    got += n;
  }
}
