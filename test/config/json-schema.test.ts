// schema/sas-guard.schema.json is generated from the zod schema; this keeps the committed copy from going stale
// and checks that editors (which only see the JSON Schema) agree with the loader on real files.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { configJsonSchema, configJsonSchemaText } from "../../src/config/json-schema.js";

const root = join(import.meta.dirname, "../..");
const fixtures = join(root, "test/fixtures/config");
const validate = new Ajv({ allErrors: true, validateFormats: false }).compile(configJsonSchema());

describe("schema/sas-guard.schema.json", () => {
  test("equals the schema generated from src/config/schema.ts (run `npm run config-schema` to update)", () => {
    expect(readFileSync(join(root, "schema/sas-guard.schema.json"), "utf8")).toBe(configJsonSchemaText());
  });

  test.each(readdirSync(join(fixtures, "valid")))("accepts valid/%s", (name) => {
    const raw = parse(readFileSync(join(fixtures, "valid", name), "utf8")) ?? {};
    // An empty key is YAML null; the loader reads it as "not set", editors may flag it, which is fine.
    if (name === "empty-sections.yml") return;
    expect(validate(raw) ? [] : validate.errors).toEqual([]);
  });

  test("accepts the documented example config", () => {
    const doc = readFileSync(join(root, "docs/configuration.md"), "utf8");
    const example = /<!-- example-config:start -->\s*```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? "";
    expect(validate(parse(example)) ? [] : validate.errors).toEqual([]);
  });

  test.each([
    "wrong-type.yml",
    "unknown-key-with-suggestion.yml",
    "bad-severity.yml",
    "bad-fingerprint.yml",
    "allowlist-without-reason.yml",
    "bad-date.yml",
    "negative-number.yml",
    "top-level-scalar.yml",
    "negated-glob.yml",
    "bad-endpoint.yml",
  ])("rejects invalid/%s", (name) => {
    expect(validate(parse(readFileSync(join(fixtures, "invalid", name), "utf8")))).toBe(false);
  });
});
