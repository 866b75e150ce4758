// One fixture per failure mode (test/fixtures/config/invalid/*.yml). Each fixture lists the exact error lines
// it must produce in `# expect:` comments, so the CLI tests can reuse the same files and expectations.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseConfig } from "../../src/config/load-config.js";

const dir = join(import.meta.dirname, "../fixtures/config/invalid");
const fixtures = readdirSync(dir)
  .filter((name) => name.endsWith(".yml"))
  .sort();

const expectedErrors = (text: string): string[] => text.split("\n").flatMap((line) => (line.startsWith("# expect: ") ? [line.slice("# expect: ".length)] : []));

describe("invalid config fixtures", () => {
  test("there is a fixture for every failure mode the schema knows", () => {
    expect(fixtures).toEqual(
      expect.arrayContaining([
        "wrong-type.yml",
        "unknown-key-with-suggestion.yml",
        "bad-severity.yml",
        "bad-fingerprint.yml",
        "allowlist-without-reason.yml",
        "bad-date.yml",
        "yaml-syntax-error.yml",
        "negative-number.yml",
        "top-level-scalar.yml",
      ]),
    );
  });

  test.each(fixtures)("%s reports exactly its expected errors", (name) => {
    const text = readFileSync(join(dir, name), "utf8");
    const expected = expectedErrors(text);
    expect(expected.length).toBeGreaterThan(0);
    const { errors, config } = parseConfig(text, `invalid/${name}`);
    expect(errors).toEqual(expected);
    expect(Object.isFrozen(config)).toBe(true);
  });
});
