// On errors the config is still usable: valid parts kept, invalid parts back to their defaults, so a typo never
// switches the scanner off and never widens a suppression.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_CONFIG, parseConfig } from "../../src/config/load-config.js";

const load = (name: string) => parseConfig(readFileSync(join(import.meta.dirname, "../fixtures/config/invalid", name), "utf8"), name);

describe("fallback to defaults", () => {
  test("a wrong type resets only that key", () => {
    const { config } = load("wrong-type.yml");
    expect(config.failOn).toBe("critical");
    expect(config.maxFileSizeMB).toBe(10);
    expect(config.inlineIgnore).toBe("fail");
    expect(config.paths.ignore).toEqual([]);
  });

  test("an unknown key is dropped and its siblings keep their values", () => {
    const { config } = load("unknown-key-with-suggestion.yml");
    expect(config.failOn).toBe("high");
    expect(config.policy).toEqual(DEFAULT_CONFIG.policy);
    expect(config.comments.max).toBe(25);
  });

  test("an allowlist entry with any problem is dropped whole; valid entries stay", () => {
    expect(load("bad-fingerprint.yml").config.allowlist.map((e) => e.fingerprint)).toEqual(["sg1:00112233445566778899aabb"]);
    expect(load("allowlist-without-reason.yml").config.allowlist).toEqual([]);
    expect(load("bad-date.yml").config.allowlist).toEqual([]);
    expect(load("allowlist-unknown-key.yml").config.allowlist).toEqual([]);
  });

  test("a negative number resets that number, other policy rules stay", () => {
    const { config } = load("negative-number.yml");
    expect(config.maxFileSizeMB).toBe(10);
    expect(config.policy.maxLifetimeDays).toBeUndefined();
    expect(config.policy.forbidAccountSas).toBe(true);
  });

  test("inconsistent policy windows reset both windows and keep the other rules", () => {
    const { config } = load("policy-windows.yml");
    expect(config.policy).toMatchObject({ shortWindowDays: 7, longWindowDays: 365, requireHttpsOnly: true });
  });

  test("an invalid list item is dropped from the list", () => {
    expect(load("negated-glob.yml").config.paths.ignore).toEqual(["dist/**"]);
    expect(load("bad-endpoint.yml").config.verify).toMatchObject({ enabled: true, allowEndpoints: ["127.0.0.1:10001"] });
  });

  test.each(["yaml-syntax-error.yml", "duplicate-key.yml", "top-level-scalar.yml"])(
    "%s: a file that cannot be read as a mapping gives the defaults",
    (name) => {
      expect(load(name).config).toEqual(DEFAULT_CONFIG);
    },
  );
});
