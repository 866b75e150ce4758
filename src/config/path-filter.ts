// Which files a scan reads, from `paths.ignore` and `paths.include`. Shared by the CLI walker and the App, so a
// file skipped in one is skipped in the other, with the same reason in the report.
import { compileGlob, type PathMatcher } from "./glob.js";
import type { SasGuardConfig } from "./schema.js";

export interface PathDecision {
  included: boolean;
  /** Why the path is not scanned: `ignored by paths.ignore ("dist/**")`. Absent when included. */
  reason?: string;
}

export type PathFilter = (path: string) => PathDecision;

const compileAll = (patterns: readonly string[]): { pattern: string; matches: PathMatcher }[] =>
  patterns.map((pattern) => ({ pattern, matches: compileGlob(pattern) }));

/** Compiles the globs once; the returned function is called for every file. `paths.ignore` wins over `paths.include`. */
export function compilePathFilter(config: Pick<SasGuardConfig, "paths">): PathFilter {
  const ignore = compileAll(config.paths.ignore);
  const include = compileAll(config.paths.include);
  const notIncludedReason = `not matched by paths.include (${config.paths.include.map((p) => JSON.stringify(p)).join(", ")})`;
  return (path) => {
    const ignoredBy = ignore.find((glob) => glob.matches(path));
    if (ignoredBy) return { included: false, reason: `ignored by paths.ignore (${JSON.stringify(ignoredBy.pattern)})` };
    if (include.length > 0 && !include.some((glob) => glob.matches(path))) return { included: false, reason: notIncludedReason };
    return { included: true };
  };
}
