// The docs are runnable: the example config in docs/configuration.md (and in the README, once pasted there)
// must load without a single error, and every key of the schema must be in the reference.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseConfig } from "../../src/config/load-config.js";
import { configSchema } from "../../src/config/schema.js";
import { allKeyPaths } from "../../src/config/schema-keys.js";

const root = join(import.meta.dirname, "../..");
const read = (file: string): string => (existsSync(join(root, file)) ? readFileSync(join(root, file), "utf8") : "");

const EXAMPLE = /<!-- example-config:start -->\s*```yaml\n([\s\S]*?)```\s*<!-- example-config:end -->/;
const exampleIn = (text: string): string | undefined => EXAMPLE.exec(text)?.[1];

describe("documentation", () => {
  test("docs/configuration.md has an example config that loads with no errors", () => {
    const example = exampleIn(read("docs/configuration.md"));
    expect(example).toBeDefined();
    expect(parseConfig(example!, "docs/configuration.md").errors).toEqual([]);
  });

  test("the README example, when present, is the same and loads with no errors", () => {
    const readme = read("README.md");
    if (!readme.includes("<!-- example-config:start -->")) return;
    const example = exampleIn(readme);
    expect(example).toBeDefined();
    expect(parseConfig(example!, "README.md").errors).toEqual([]);
    expect(example).toBe(exampleIn(read("docs/configuration.md")));
  });

  // Sections (`policy`, `checks`, …) are headings; their keys are what the reference tables must list.
  const keys = allKeyPaths(configSchema);
  const leaves = keys.filter((key) => !keys.some((other) => other.startsWith(`${key}.`)));
  test.each(leaves)("docs/configuration.md documents `%s`", (key) => {
    expect(read("docs/configuration.md")).toContain(`\`${key}\``);
  });
});
