// Reads one file for scanning, or says in plain words why it is skipped. Never throws. What the bytes hold is
// decided by the pipeline's decodeBlob (binary sniff, size, the engine's byte prefilter).
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { decodeBlob, tooLarge, type ReadResult } from "./decode-blob.js";

/** One open, one fstat, the reads, one close: no separate stat of the path. */
export function readTextFile(path: string, maxBytes: number): ReadResult {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const size = fstatSync(fd).size;
    if (size > maxBytes) return tooLarge(size, maxBytes);
    const buf = Buffer.allocUnsafe(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, buf, got, size - got, null);
      if (n === 0) break; // the file shrank while we read it
      got += n;
    }
    return decodeBlob(got === size ? buf : buf.subarray(0, got), maxBytes, path);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { skipped: `unreadable: ${e.code ?? e.message}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
