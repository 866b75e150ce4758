// The import graph of src/, read from the source text: every `import … from "…"`, `export … from "…"`, side-effect
// `import "…"` and dynamic `import("…")`. Relative specifiers are resolved to files under src/ (".js" → ".ts");
// anything else (a package, `node:fs`) is kept as written. Not a test file.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve, dirname, sep } from "node:path";

export interface SourceFile {
  /** Path under src/, forward slashes: "scan/run-scan.ts". */
  path: string;
  text: string;
  /** Resolved imports: "detect/types.ts" for files under src/, the specifier itself for packages. */
  imports: string[];
}

const STATIC = /(?:^|[\n;])\s*(?:import|export)\b[^;"'`]*?\bfrom\s*["']([^"']+)["']/g;
const BARE = /(?:^|[\n;])\s*import\s*["']([^"']+)["']/g;
const DYNAMIC = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

export function specifiers(text: string): string[] {
  const code = text.replace(/\/\*[^]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  return [...code.matchAll(STATIC), ...code.matchAll(BARE), ...code.matchAll(DYNAMIC)].map((m) => m[1]);
}

function* walk(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.name.endsWith(".ts")) yield p;
  }
}

export function readGraph(srcRoot: string): SourceFile[] {
  return [...walk(srcRoot)].map((abs) => {
    const text = readFileSync(abs, "utf8");
    const imports = specifiers(text).map((s) =>
      s.startsWith(".")
        ? relative(srcRoot, resolve(dirname(abs), s.replace(/\.js$/, ".ts")))
            .split(sep)
            .join("/")
        : s,
    );
    return { path: relative(srcRoot, abs).split(sep).join("/"), text, imports };
  });
}

/** "detect" for "detect/types.ts"; a file at the top of src/ is its own unit ("index.ts"). */
export const unitOf = (path: string): string => path.split("/")[0];

export const isInternal = (specifier: string): boolean => !specifier.startsWith("node:") && specifier.endsWith(".ts") && !specifier.startsWith("..");

/** Edges between units: "cli → sources" for each import that crosses from one to another. */
export function unitEdges(files: readonly SourceFile[]): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const f of files) {
    for (const i of f.imports.filter(isInternal)) {
      const [from, to] = [unitOf(f.path), unitOf(i)];
      if (from === to) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
    }
  }
  return edges;
}

/** Every cycle between units, each as "a → b → a" (from a depth-first search; each cycle reported once per start). */
export function cycles(edges: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  const visit = (node: string, path: string[]): void => {
    for (const next of edges.get(node) ?? []) {
      const at = path.indexOf(next);
      if (at !== -1) {
        const loop = path.slice(at);
        const start = loop.indexOf([...loop].sort()[0]); // one spelling per cycle
        found.add([...loop.slice(start), ...loop.slice(0, start), loop[start]].join(" → "));
      } else visit(next, [...path, next]);
    }
  };
  for (const node of edges.keys()) visit(node, [node]);
  return [...found].sort();
}
