// Docs that must stay equal to the code they describe: the App's permissions and events in the README (app.yml),
// every key documented in docs/configuration.md (the config schema), the supported Node versions (package.json
// engines, and what every runtime dependency declares), and no pin to a release tag that does not exist.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { configSchema } from "../../src/config/schema.js";
import { allKeyPaths } from "../../src/config/schema-keys.js";

const root = join(import.meta.dirname, "../..");
const read = (file: string): string => readFileSync(join(root, file), "utf8");
const between = (text: string, marker: string): string => {
  const m = new RegExp(`<!-- ${marker}:start -->([\\s\\S]*?)<!-- ${marker}:end -->`).exec(text);
  if (!m) throw new Error(`README.md has no <!-- ${marker}:start --> … <!-- ${marker}:end --> block`);
  return m[1];
};

describe("README and app.yml", () => {
  const app = parse(read("app.yml")) as { default_permissions: Record<string, string>; default_events: string[] };
  const readme = read("README.md");

  it("the README lists exactly app.yml's permissions", () => {
    const listed = Object.fromEntries([...between(readme, "app-permissions").matchAll(/`(\w+): (read|write)`/g)].map((m) => [m[1], m[2]]));
    expect(listed).toEqual(app.default_permissions);
  });

  it("the README lists exactly app.yml's events", () => {
    const listed = [...between(readme, "app-events").matchAll(/`(\w+)`/g)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...app.default_events].sort());
  });
});

describe("docs/configuration.md and the schema", () => {
  it("every key in the reference tables is a key of the schema (and the reverse is test/config/docs.test.ts)", () => {
    const keys = new Set(allKeyPaths(configSchema));
    const documented = [...read("docs/configuration.md").matchAll(/^\| `([\w.[\]]+)` \|/gm)].map((m) => m[1]);
    expect(documented.length).toBeGreaterThan(20);
    expect(documented.filter((k) => !keys.has(k))).toEqual([]);
  });
});

/** Does Node `version` satisfy an engines range of the forms npm packages use (>=, >, <, <=, ^, ~, x, ||)? */
export function satisfies(version: string, range: string): boolean {
  const v = version.split(".").map(Number);
  const cmp = (a: number[], b: number[]): number => {
    for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
    return 0;
  };
  const one = (c: string): boolean => {
    const m = /^(>=|<=|>|<|\^|~|=)?\s*v?(\d+|x|\*)?(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?$/.exec(c.trim());
    if (!m) throw new Error(`unsupported engines comparator "${c}"`);
    const [, op = "", ...parts] = m;
    if (parts[0] === undefined || parts[0] === "x" || parts[0] === "*") return true;
    const defined = parts.filter((p) => p !== undefined && p !== "x" && p !== "*").length;
    const b = parts.map((p) => (p === undefined || p === "x" || p === "*" ? 0 : Number(p)));
    const c0 = cmp(v, b);
    if (op === ">=") return c0 >= 0;
    if (op === ">") return c0 > 0;
    if (op === "<=") return c0 <= 0;
    if (op === "<") return c0 < 0;
    if (op === "^") return c0 >= 0 && v[0] === b[0];
    if (op === "~") return c0 >= 0 && v[0] === b[0] && (defined < 2 || v[1] === b[1]);
    // bare "20" or "20.1": that major (and minor)
    return v.slice(0, defined).every((x, i) => x === b[i]) && c0 >= 0;
  };
  return range.split("||").some((alt) =>
    (
      alt
        .trim()
        .replace(/([<>=^~]+)\s+/g, "$1")
        .split(/\s+/)
        .filter(Boolean) || []
    ).every(one),
  );
}

describe("supported Node versions: 20 (20.18.1+) and 22+", () => {
  const supported = ["20.18.1", "20.20.0", "22.0.0", "24.0.0"];

  it("package.json engines says so", () => {
    const engines = JSON.parse(read("package.json")).engines.node as string;
    for (const v of supported) expect([v, satisfies(v, engines)]).toEqual([v, true]);
    expect(satisfies("18.20.0", engines)).toBe(false);
  });

  it("every runtime dependency installed by `npm ci --omit=dev` accepts them (no EBADENGINE for users)", () => {
    const lock = JSON.parse(read("package-lock.json")) as { packages: Record<string, { dev?: boolean; engines?: { node?: string } | string[] }> };
    const refusing: string[] = [];
    for (const [path, meta] of Object.entries(lock.packages)) {
      if (path === "" || meta.dev) continue;
      const range = !Array.isArray(meta.engines) ? meta.engines?.node : undefined;
      if (range) for (const v of supported) if (!satisfies(v, range)) refusing.push(`${path} (node ${range}) refuses ${v}`);
    }
    expect(refusing).toEqual([]);
  });

  it("the range checker itself", () => {
    expect(satisfies("20.18.1", "^20.18.1 || >=22")).toBe(true);
    expect(satisfies("21.0.0", "^20.18.1 || >=22")).toBe(false);
    expect(satisfies("20.0.0", ">=22")).toBe(false);
    expect(satisfies("20.5.0", "18 || 20 || >=22")).toBe(true);
    expect(satisfies("20.5.0", ">= 14.17")).toBe(true);
    expect(satisfies("20.5.0", "~20.4")).toBe(false);
  });
});

describe("no pin to a tag that does not exist", () => {
  const tags = spawnSync("git", ["tag", "--list"], { cwd: root, encoding: "utf8" }).stdout.split("\n").filter(Boolean);
  it.each(["README.md", "docs/action.md", "docs/configuration.md", "docs/production.md"].filter((f) => existsSync(join(root, f))))("%s", (file) => {
    const pins = [...read(file).matchAll(/(?:uses: sas-guard\/sas-guard@|rev: )(v[\w.-]+)/g)].map((m) => m[1]);
    expect(pins.filter((t) => !tags.includes(t))).toEqual([]);
  });
});
