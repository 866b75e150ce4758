// A one-line progress indicator on stderr, only when stderr is a terminal; redrawn at most ten times a second.
import { formatMB } from "../scan/decode-blob.js";

export function createProgress(enabled: boolean, stream: NodeJS.WriteStream = process.stderr) {
  const on = enabled && stream.isTTY === true;
  let last = 0;
  return {
    update(files: number, bytes: number): void {
      if (!on) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      stream.write(`\r\x1b[Kscanning: ${files} ${files === 1 ? "file" : "files"}, ${formatMB(bytes)}`);
    },
    done(): void {
      if (on) stream.write("\r\x1b[K");
    },
  };
}
