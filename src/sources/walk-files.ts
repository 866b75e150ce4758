// Walks directories for `sas-guard scan`: yields files to read and, for everything it will not read, the reason.
import { readdirSync, statSync, type Dirent } from "node:fs";
import { relative, sep } from "node:path";
import type { PathFilter } from "../config/path-filter.js";
import type { SourceItem } from "../scan/source-item.js";

/** Trees that are vendored or generated: skipped by default (and listed), `--no-default-ignores` scans them. */
export const DEFAULT_SKIPPED_DIRS: Record<string, string> = {
  ".git": "git metadata (use --history to scan committed content)",
  node_modules: "vendored dependencies",
  bower_components: "vendored dependencies",
  vendor: "vendored dependencies",
  third_party: "vendored dependencies",
  ".venv": "Python virtual environment",
  venv: "Python virtual environment",
  __pycache__: "generated",
  ".tox": "generated",
  ".next": "generated",
  ".nuxt": "generated",
  ".terraform": "downloaded providers",
  coverage: "generated test coverage",
};

/** A file to read, as the scan takes it (read by whoever scans it: no stat here; its size is known once it is read),
 * or a skipped entry with the reason. The items are the scan's own (no second object per file: bench:cli walks 74k). */
export type WalkEntry = Extract<SourceItem, { file: string }> | Extract<SourceItem, { skipped: string }>;

export interface WalkOptions {
  root: string;
  filter: PathFilter;
  defaultIgnores: boolean;
  /** Handed to the reader with each file (`maxFileSizeMB` in bytes). */
  maxBytes: number;
}

const toPosix = (p: string): string => (sep === "/" ? p : p.split(sep).join("/"));

// Own keys only: a directory named "constructor" or "toString" is not vendored.
const skippedDirReason = (name: string): string | undefined => (Object.hasOwn(DEFAULT_SKIPPED_DIRS, name) ? DEFAULT_SKIPPED_DIRS[name] : undefined);

export function* walkFiles(start: string, options: WalkOptions): Generator<WalkEntry> {
  const rel = (abs: string): string => toPosix(relative(options.root, abs)) || abs;
  let rootStat;
  try {
    rootStat = statSync(start);
  } catch (error) {
    yield { path: start, skipped: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
    return;
  }
  if (rootStat.isFile()) {
    yield { path: rel(start), file: start, maxBytes: options.maxBytes };
    return;
  }
  // Paths are built by concatenation (relative() and join() per file cost more than reading small files).
  const startRel = toPosix(relative(options.root, start));
  // `scan infra` with paths.ignore "infra/**": the directory given is ignored as a whole, like any subdirectory
  const startDecision = startRel === "" ? undefined : options.filter(startRel);
  if (startDecision && !startDecision.included && startDecision.reason?.startsWith("ignored")) {
    yield { path: `${startRel}/`, skipped: startDecision.reason };
    return;
  }
  const stack: { abs: string; rel: string }[] = [{ abs: start, rel: startRel }];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir.abs, { withFileTypes: true });
    } catch (error) {
      yield { path: `${dir.rel || dir.abs}/`, skipped: `unreadable directory: ${(error as NodeJS.ErrnoException).code}` };
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)); // listed in name order
    const subdirs: { abs: string; rel: string }[] = [];
    const absPrefix = dir.abs.endsWith(sep) ? dir.abs : dir.abs + sep;
    const relPrefix = dir.rel === "" ? "" : `${dir.rel}/`;
    for (const e of entries) {
      const abs = absPrefix + e.name;
      const path = relPrefix + e.name;
      if (e.isDirectory()) {
        const why = skippedDirReason(e.name);
        if (why && (options.defaultIgnores || e.name === ".git")) {
          yield { path: `${path}/`, skipped: `${why}: skipped by default` };
          continue;
        }
        const decision = options.filter(path);
        if (!decision.included && decision.reason?.startsWith("ignored")) {
          yield { path: `${path}/`, skipped: decision.reason };
          continue;
        }
        subdirs.push({ abs, rel: path });
        continue;
      }
      if (e.isSymbolicLink()) {
        let target = "symbolic link (not followed)";
        try {
          statSync(abs);
        } catch {
          target = "broken symbolic link";
        }
        yield { path, skipped: target };
        continue;
      }
      if (!e.isFile()) {
        yield { path, skipped: "not a regular file" };
        continue;
      }
      const decision = options.filter(path);
      if (!decision.included) {
        yield { path, skipped: decision.reason ?? "excluded by config" };
        continue;
      }
      yield { path, file: abs, maxBytes: options.maxBytes };
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]); // popped in name order
  }
}
