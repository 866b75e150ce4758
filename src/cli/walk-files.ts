// Walks directories for `sas-guard scan`: yields files to read and, for everything it will not read, the reason.
import { readdirSync, statSync, type Dirent } from "node:fs";
import { join, relative, sep } from "node:path";
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

export type WalkEntry = { kind: "file"; path: string; abs: string; size: number } | { kind: "skipped"; path: string; reason: string };

export interface WalkOptions {
  root: string;
  filter: PathFilter;
  defaultIgnores: boolean;
}

const toPosix = (p: string): string => (sep === "/" ? p : p.split(sep).join("/"));

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
    yield { kind: "file", path: rel(start), abs: start, size: rootStat.size };
    return;
  }
  const stack = [start];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      yield { kind: "skipped", path: `${rel(dir)}/`, reason: `unreadable directory: ${(error as NodeJS.ErrnoException).code}` };
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0)); // popped in name order
    for (const e of entries) {
      const abs = join(dir, e.name);
      const path = rel(abs);
      if (e.isDirectory()) {
        const why = DEFAULT_SKIPPED_DIRS[e.name];
        if (why && (options.defaultIgnores || e.name === ".git")) {
          yield { kind: "skipped", path: `${path}/`, reason: `${why}: skipped by default` };
          continue;
        }
        const decision = options.filter(path);
        if (!decision.included && decision.reason?.startsWith("ignored")) {
          yield { kind: "skipped", path: `${path}/`, reason: decision.reason };
          continue;
        }
        stack.push(abs);
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
      let size = 0;
      try {
        size = statSync(abs).size;
      } catch (error) {
        yield { kind: "skipped", path, reason: `unreadable: ${(error as NodeJS.ErrnoException).code}` };
        continue;
      }
      yield { kind: "file", path, abs, size };
    }
  }
}
