// Walks directories for `sas-guard scan`: yields files to read and, for everything it will not read, the reason.
import { readdirSync, statSync, type Dirent } from "node:fs";
import { relative, sep } from "node:path";
import type { PathFilter } from "../config/path-filter.js";

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

/** A file to read (its size is taken when it is opened: no separate stat per file) or a skipped entry. */
export type WalkEntry = { kind: "file"; path: string; abs: string } | { kind: "skipped"; path: string; reason: string };

export interface WalkOptions {
  root: string;
  filter: PathFilter;
  defaultIgnores: boolean;
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
    yield { kind: "skipped", path: start, reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
    return;
  }
  if (rootStat.isFile()) {
    yield { kind: "file", path: rel(start), abs: start };
    return;
  }
  // Paths are built by concatenation (relative() and join() per file cost more than reading small files).
  const startRel = toPosix(relative(options.root, start));
  // `scan infra` with paths.ignore "infra/**": the directory given is ignored as a whole, like any subdirectory
  const startDecision = startRel === "" ? undefined : options.filter(startRel);
  if (startDecision && !startDecision.included && startDecision.reason?.startsWith("ignored")) {
    yield { kind: "skipped", path: `${startRel}/`, reason: startDecision.reason };
    return;
  }
  const stack: { abs: string; rel: string }[] = [{ abs: start, rel: startRel }];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir.abs, { withFileTypes: true });
    } catch (error) {
      yield { kind: "skipped", path: `${dir.rel || dir.abs}/`, reason: `unreadable directory: ${(error as NodeJS.ErrnoException).code}` };
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
          yield { kind: "skipped", path: `${path}/`, reason: `${why}: skipped by default` };
          continue;
        }
        const decision = options.filter(path);
        if (!decision.included && decision.reason?.startsWith("ignored")) {
          yield { kind: "skipped", path: `${path}/`, reason: decision.reason };
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
        yield { kind: "skipped", path, reason: target };
        continue;
      }
      if (!e.isFile()) {
        yield { kind: "skipped", path, reason: "not a regular file" };
        continue;
      }
      const decision = options.filter(path);
      if (!decision.included) {
        yield { kind: "skipped", path, reason: decision.reason ?? "excluded by config" };
        continue;
      }
      yield { kind: "file", path, abs };
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]); // popped in name order
  }
}
