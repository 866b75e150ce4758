// Path globs as people expect them from .gitignore: `*.min.js` and `fixtures/` match at any depth, a pattern
// with a slash is anchored at the repository root, and a pattern that matches a directory matches everything in it.
import picomatch from "picomatch";

export type PathMatcher = (path: string) => boolean;

/** Repository-relative, forward slashes, no leading `./` or `/`: the form every matcher is given. */
export function normalizePath(path: string): string {
  return path
    .replace(/\\/g, "/")
    .replace(/^(?:\.\/)+/, "")
    .replace(/^\/+/, "");
}

/** The path itself, then each directory above it, nearest first: `a/b/c.txt`, `a/b`, `a`. */
function selfAndAncestors(path: string): string[] {
  const out = [path];
  for (let slash = path.lastIndexOf("/"); slash > 0; slash = path.lastIndexOf("/", slash - 1)) out.push(path.slice(0, slash));
  return out;
}

export function compileGlob(pattern: string): PathMatcher {
  const trimmed = pattern.trim().replace(/\/+$/, "");
  const anchored = trimmed.startsWith("/") || trimmed.includes("/");
  const source = anchored ? normalizePath(trimmed) : `**/${trimmed}`;
  // dot: true so that `.github/**` and `*.env` match dotfiles; a scanner must not skip hidden files by accident.
  // nonegate: the schema rejects "!" patterns; this keeps a leading "!" literal should one get through.
  const test = picomatch(source, { dot: true, nonegate: true });
  return (path) => selfAndAncestors(normalizePath(path)).some((candidate) => test(candidate));
}
