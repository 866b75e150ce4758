// readTextFile reads every file into one buffer it reuses (src/scan/read-text-file.ts): what it returns must be
// exactly the file, whatever was read before it; files larger than that buffer are read whole; the size limit,
// binary files and unreadable paths are reported as before, never thrown.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readTextFile } from "../../src/scan/read-text-file.js";
import { fakeSig } from "../support/fake-secrets.js";

const MB = 1_048_576;
const dir = mkdtempSync(join(tmpdir(), "sas-guard-read-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
// A line the engine's prefilter passes (so the text is decoded, not left empty as for files it cannot match).
const sasLine = (seed: string) => `u=https://a.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=r&se=2030-01-01&sig=${encodeURIComponent(fakeSig(seed))}\n`;

test("a small file after a large one: exactly its own bytes (nothing left over from the reused buffer)", () => {
  const large = sasLine("large") + "x".repeat(3 * MB) + "\nEND-OF-LARGE\n";
  const small = sasLine("small");
  const a = readTextFile(file("large.txt", large), 10 * MB);
  const b = readTextFile(file("small.txt", small), 10 * MB);
  expect(a).toEqual({ text: large, bytes: Buffer.byteLength(large) });
  expect(b).toEqual({ text: small, bytes: Buffer.byteLength(small) });
  const c = readTextFile(file("medium.txt", sasLine("medium").repeat(2000)), 10 * MB); // < 1 MB, into the reused buffer
  expect(c).toEqual({ text: sasLine("medium").repeat(2000), bytes: Buffer.byteLength(sasLine("medium")) * 2000 });
  expect(readTextFile(file("small-again.txt", small), 10 * MB)).toEqual(b);
});

test("files of exactly the reused buffer's size, and one byte more, are read whole", () => {
  for (const size of [MB - 1, MB, MB + 1]) {
    const text = sasLine(`s${size}`).padEnd(size, "y");
    expect(readTextFile(file(`edge-${size}.txt`, text), 10 * MB)).toEqual({ text, bytes: size });
  }
});

test("an empty file is scanned (0 bytes); a file the prefilter rules out keeps its size with no text", () => {
  expect(readTextFile(file("empty.txt", ""), MB)).toEqual({ text: "", bytes: 0 });
  expect(readTextFile(file("plain.js", "export const n = 1;\n"), MB)).toEqual({ text: "", bytes: 20 });
});

test("over maxFileSizeMB: skipped with its real size, under and over the reused buffer's size", () => {
  expect(readTextFile(file("over-small.txt", "z".repeat(5000)), 1000)).toEqual({ skipped: "larger than maxFileSizeMB (1.0 KB): 4.9 KB" });
  expect(readTextFile(file("over-large.txt", "z".repeat(3 * MB)), 2 * MB)).toEqual({ skipped: "larger than maxFileSizeMB (2.0 MB): 3.0 MB" });
  expect(readTextFile(file("at-limit.txt", "z".repeat(2 * MB)), 2 * MB)).toEqual({ text: "", bytes: 2 * MB });
});

test("binary and unreadable files are skipped with the reason, never thrown", () => {
  expect(readTextFile(file("tool.exe", Buffer.from([0x4d, 0x5a, 0, 1, 2])), MB)).toEqual({ skipped: "binary file" });
  expect(readTextFile(join(dir, "missing.txt"), MB)).toEqual({ skipped: "unreadable: ENOENT" });
  expect(readTextFile(dir, MB)).toEqual({ skipped: "unreadable: EISDIR" });
});
