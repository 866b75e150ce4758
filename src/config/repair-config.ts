// After the errors are reported, the scan still runs: every invalid part is removed so that its default applies,
// and everything valid is kept. A typo must never switch the scanner off, and must never widen a suppression:
// an allowlist entry with any problem is dropped whole (dropping only a bad `expires` or `path` would make it
// apply forever or everywhere).
import type { z } from "zod";
import { valueAt, type ConfigPath } from "./format-issues.js";

type Container = Record<string, unknown> | unknown[];

const isContainer = (v: unknown): v is Container => v !== null && typeof v === "object";

/** What to remove for one issue: a key of a mapping, or an item of a list. */
function removalTarget(issue: z.core.$ZodIssue): { parent: ConfigPath; key: string | number; also?: string[] } | "everything" {
  const path = issue.path as ConfigPath;
  // An issue anywhere inside a list item removes the whole item (the first list index on the path).
  const listIndex = path.findIndex((seg) => typeof seg === "number");
  if (listIndex >= 0) return { parent: path.slice(0, listIndex), key: path[listIndex] };
  if (path.length === 0) return "everything";
  const reset = (issue as { params?: { reset?: string[] } }).params?.reset;
  return { parent: path.slice(0, -1), key: path[path.length - 1], also: reset };
}

/**
 * Removes, in place, every part of `raw` that an issue points at (unknown keys included).
 * Returns false when the whole document is unusable (not a mapping), meaning: use the defaults.
 */
export function removeInvalidParts(raw: unknown, issues: readonly z.core.$ZodIssue[]): boolean {
  const listItems = new Map<unknown[], Set<number>>();
  for (const issue of issues) {
    const targets =
      issue.code === "unrecognized_keys" ? issue.keys.map((key) => removalTarget({ ...issue, path: [...issue.path, key] })) : [removalTarget(issue)];
    for (const target of targets) {
      if (target === "everything") return false;
      const parent = valueAt(raw, target.parent);
      if (!isContainer(parent)) continue;
      if (Array.isArray(parent) && typeof target.key === "number") {
        listItems.set(parent, (listItems.get(parent) ?? new Set()).add(target.key));
      } else if (!Array.isArray(parent)) {
        for (const key of [target.key, ...(target.also ?? [])]) delete parent[String(key)];
      }
    }
  }
  // Remove list items from the end so earlier indices stay valid.
  for (const [list, indices] of listItems) {
    for (const index of [...indices].sort((a, b) => b - a)) list.splice(index, 1);
  }
  return true;
}
