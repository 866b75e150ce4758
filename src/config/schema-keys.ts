// Reads the key names out of the zod schema, so that suggestions and the docs test never keep their own list.
import type { z } from "zod";

type Path = readonly (string | number)[];

// zod 4 keeps a schema's structure in `_zod.def`; these wrappers change presence or defaults, not the shape.
const WRAPPERS = new Set(["default", "prefault", "optional", "nullable", "readonly", "catch"]);

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === "pipe" && def.in) current = def.in;
    else return current;
  }
}

function shapeOf(schema: z.core.$ZodType): Record<string, z.core.$ZodType> | undefined {
  const def = unwrap(schema)._zod.def as { type: string; shape?: Record<string, z.core.$ZodType> };
  return def.type === "object" ? def.shape : undefined;
}

/** The schema found by following `path` (keys and list indices) from `root`, if the path exists in the schema. */
export function schemaAt(root: z.core.$ZodType, path: Path): z.core.$ZodType | undefined {
  let current: z.core.$ZodType | undefined = root;
  for (const segment of path) {
    if (current === undefined) return undefined;
    const def = unwrap(current)._zod.def as { type: string; element?: z.core.$ZodType };
    if (typeof segment === "number") current = def.type === "array" ? def.element : undefined;
    else current = shapeOf(current)?.[segment];
  }
  return current;
}

/** Keys allowed in the mapping at `path` ([] for the top level). */
export function keysAt(root: z.core.$ZodType, path: Path): string[] {
  const schema = schemaAt(root, path);
  return schema ? Object.keys(shapeOf(schema) ?? {}) : [];
}

/** Every key path in the schema, dotted, list items written `[]`: `policy.maxLifetimeDays`, `allowlist[].reason`. */
export function allKeyPaths(root: z.core.$ZodType, prefix = ""): string[] {
  const out: string[] = [];
  for (const [key, child] of Object.entries(shapeOf(root) ?? {})) {
    const here = prefix ? `${prefix}.${key}` : key;
    out.push(here);
    const def = unwrap(child)._zod.def as { type: string; element?: z.core.$ZodType };
    out.push(...allKeyPaths(def.type === "array" && def.element ? def.element : child, def.type === "array" ? `${here}[]` : here));
  }
  return out;
}
