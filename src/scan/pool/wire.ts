// Messages between the pool and its workers (structured clone: plain data only, compact because a CLI scan sends
// tens of thousands of small files). A Finding's `secret` is a class whose value is private, so it crosses as
// `secretValue` inside the finding record and becomes a Secret again on the main side. Nothing in the pool logs
// a record; the raw value only ever lives in these records in transit.
import type { SasGuardConfig } from "../../config/schema.js";
import { Secret } from "../../detect/secret.js";
import type { Finding, Severity } from "../../detect/types.js";
import type { DocInput, DocResult } from "./scan-one.js";

export type WireFinding = Omit<Finding, "secret"> & { secretValue: string; secretRedacted: string };
export type WireResult =
  { findings: WireFinding[]; bytes: number; omitted: number; omittedMaxSeverity?: Severity } | { notScanned: string; incomplete: boolean };

/** One batch: documents of one kind, one config, one `now`. Paths (and files) are joined with NUL, which no path holds. */
export interface BatchMessage {
  batchId: number;
  configId: number;
  /** Sent the first time a worker sees this config id. */
  config?: SasGuardConfig;
  /** A config id the worker may forget (the pool keeps a few per worker). */
  forget?: number;
  nowMs: number;
  maxFindings: number;
  paths: string;
  docs: { files: string; maxBytes: number } | { texts: string[] } | { bytes: Uint8Array[] };
}

/** `bytes[i]` for every document; `special` only for those with findings, or not scanned. `pages` (optional, so
 * a message without it reads as before): for a document with more than FINDINGS_PAGE findings, its findings as
 * JSON pages, its `special` entry then carrying none itself. */
export interface DoneMessage {
  batchId: number;
  bytes: Float64Array;
  special: [number, WireResult][];
  pages?: [number, string[]][];
}

/** Findings per page. A page is a string (copied as one block, no object graph to clone) that the pool parses one
 * per turn of its event loop: 1,000 detailed findings are ~5 MB of objects, and cloning them in one message kept
 * the App's main thread from its webhooks for ~40 ms (bench:webhooks). */
export const FINDINGS_PAGE = 100;

/** Splits a result's findings into JSON pages when there are more than FINDINGS_PAGE (the worker side). */
export function pageFindings(r: WireResult): { head: WireResult; pages?: string[] } {
  if ("notScanned" in r || r.findings.length <= FINDINGS_PAGE) return { head: r };
  const pages: string[] = [];
  for (let i = 0; i < r.findings.length; i += FINDINGS_PAGE) pages.push(JSON.stringify(r.findings.slice(i, i + FINDINGS_PAGE)));
  return { head: { ...r, findings: [] }, pages };
}

/** A task other than scanning that a worker runs for the main thread (the App's check-run output: off-thread-render.ts).
 * Input and output are JSON pages, parsed and built one page per turn of the main thread's event loop. A worker
 * tells a TaskMessage from a BatchMessage by `task`, so batches are unchanged. */
export type TaskName = "check-run-output";
export interface TaskMessage {
  batchId: number;
  task: TaskName;
  input: string[];
}
/** `failed`: the error's name only (its message could quote the input). */
export type TaskDoneMessage = { batchId: number; output: string[] } | { batchId: number; failed: string };

/** Shared memory a worker writes before each document: which one it is on, and since when (Date.now()). */
export const SLOT_DOC = 0; // index in the batch, -1 when idle
export const SLOT_STARTED = 1;
/** The batch the worker is on (its batchId): a worker may hold two batches of files (scan-pool.ts pump). */
export const SLOT_BATCH = 2;

export const SEP = "\0";

/** Documents of one kind (and, for files, one size limit) share a batch: 0 file, 1 text, 2 bytes. */
export const KIND_FILE = 0;
export const kindOf = (d: DocInput): number => ("file" in d ? KIND_FILE : "text" in d ? 1 : 2);

export function encodeDocs(docs: DocInput[]): Pick<BatchMessage, "paths" | "docs"> {
  const paths = docs.map((d) => d.path).join(SEP);
  const d0 = docs[0];
  if ("file" in d0) return { paths, docs: { files: docs.map((d) => (d as { file: string }).file).join(SEP), maxBytes: d0.maxBytes } };
  if ("text" in d0) return { paths, docs: { texts: docs.map((d) => (d as { text: string }).text) } };
  return { paths, docs: { bytes: docs.map((d) => (d as { bytes: Uint8Array }).bytes) } };
}

export function decodeDocs(m: Pick<BatchMessage, "paths" | "docs">): DocInput[] {
  const paths = m.paths.split(SEP);
  const d = m.docs;
  if ("files" in d) {
    const files = d.files.split(SEP);
    return paths.map((path, i) => ({ path, file: files[i], maxBytes: d.maxBytes }));
  }
  if ("texts" in d) return paths.map((path, i) => ({ path, text: d.texts[i] }));
  return paths.map((path, i) => ({ path, bytes: d.bytes[i] }));
}

export function toWire(r: DocResult): WireResult {
  if ("notScanned" in r) return { notScanned: r.notScanned, incomplete: r.incomplete };
  return {
    bytes: r.bytes,
    omitted: r.omitted,
    ...(r.omittedMaxSeverity ? { omittedMaxSeverity: r.omittedMaxSeverity } : {}),
    findings: r.findings.map(({ secret, ...rest }) => ({ ...rest, secretValue: secret.reveal(), secretRedacted: secret.redacted })),
  };
}

export function fromWire(path: string, r: WireResult): DocResult {
  if ("notScanned" in r) return { path, notScanned: r.notScanned, incomplete: r.incomplete };
  return {
    path,
    bytes: r.bytes,
    omitted: r.omitted,
    ...(r.omittedMaxSeverity ? { omittedMaxSeverity: r.omittedMaxSeverity } : {}),
    findings: r.findings.map(fromWireFinding),
  };
}

export const fromWireFinding = ({ secretValue, secretRedacted, ...rest }: WireFinding): Finding => ({
  ...rest,
  secret: new Secret(secretValue, secretRedacted),
});
