import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_CONFIG, parseConfig, resolveConfig, toRiskPolicy } from "../../src/config/load-config.js";
import { DEFAULT_RISK_POLICY } from "../../src/detect/types.js";
import { fakeSig } from "../support/fake-secrets.js";

const valid = (name: string) => readFileSync(join(import.meta.dirname, "../fixtures/config/valid", name), "utf8");

describe("parseConfig", () => {
  test.each(["", "   \n", valid("comments-only.yml"), valid("empty-sections.yml")])("%j gives the defaults and no errors", (text) => {
    const result = parseConfig(text, ".github/sas-guard.yml");
    expect(result.errors).toEqual([]);
    expect(result.config).toEqual(DEFAULT_CONFIG);
    expect(result.source).toBe(".github/sas-guard.yml");
  });

  test("the defaults", () => {
    expect(DEFAULT_CONFIG).toEqual({
      paths: { ignore: [], include: [] },
      maxFileSizeMB: 10,
      failOn: "high",
      policy: {
        shortWindowDays: 7,
        longWindowDays: 365,
        forbidAccountSas: false,
        requireHttpsOnly: false,
        requireStoredPolicy: false,
        requireIpRange: false,
        violationSeverity: "high",
      },
      allowlist: [],
      inlineIgnore: "fail",
      checks: { name: "SAS Guard", annotations: true, conclusionBelowFailOn: "neutral" },
      onIncomplete: "failure",
      comments: { enabled: true, minSeverity: "medium", max: 25, event: "COMMENT", onDrafts: true },
      verify: { enabled: false, allowEndpoints: [], timeoutMs: 5000 },
      baseline: { enabled: true, issue: false, forks: false, history: false },
      inventory: { enabled: true, codeScanning: true, dashboard: true, reevaluateHours: 24 },
    });
  });

  test("a file setting every key is accepted as written", () => {
    const { config, errors } = parseConfig(valid("every-key.yml"), "every-key.yml");
    expect(errors).toEqual([]);
    expect(config.maxFileSizeMB).toBe(2.5);
    expect(config.policy).toMatchObject({ maxLifetimeDays: 30, violationSeverity: "critical" });
    expect(config.allowlist[0]).toEqual({
      fingerprint: "sg1:00112233445566778899aabb",
      reason: "read-only SAS for the public sample dataset",
      expires: "2030-01-31",
      path: "samples/**",
    });
    expect(config.verify.allowEndpoints).toEqual(["127.0.0.1:10000", "azurite", "[::1]:10000"]);
    expect(config.comments.event).toBe("REQUEST_CHANGES");
  });

  test("only the keys set change; the rest keep their defaults", () => {
    const { config } = parseConfig(valid("minimal.yml"), "minimal.yml");
    expect(config).toEqual({ ...DEFAULT_CONFIG, failOn: "critical" });
  });

  test("the result is deep-frozen, including on errors", () => {
    for (const text of [valid("every-key.yml"), "failOn: nope\npolicy: {maxLifetimeDays: 3}"]) {
      const { config } = parseConfig(text, "x.yml");
      expect(Object.isFrozen(config)).toBe(true);
      expect(Object.isFrozen(config.policy)).toBe(true);
      expect(Object.isFrozen(config.paths.ignore)).toBe(true);
      expect(() => (config.paths.ignore as string[]).push("x")).toThrow(TypeError);
    }
    const { config } = parseConfig(valid("every-key.yml"), "x.yml");
    expect(Object.isFrozen(config.allowlist[0])).toBe(true);
  });

  test("errors are listed in file order", () => {
    const { errors } = parseConfig("comments:\n  max: 0\nfailOn: nope\npolicy:\n  longWindowDays: x\n", "x.yml");
    expect(errors.map((e) => e.split(":")[0])).toEqual(["comments.max", "failOn", "policy.longWindowDays"]);
  });

  test("a value that looks like a secret is never echoed in an error", () => {
    const pasted = `https://acct.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=${encodeURIComponent(fakeSig("pasted"))}`;
    const { errors } = parseConfig(`allowlist:\n  - fingerprint: "${pasted}"\n    reason: oops\n`, "x.yml");
    expect(errors).toEqual([expect.stringContaining("(got a value that looks like a secret, not shown)")]);
    expect(errors.join("\n")).not.toContain(fakeSig("pasted").slice(0, 12));
  });

  test("an alias bomb is refused, not expanded", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      ..."bcdefg".split("").map((k, i) => `${k}: &${k} [${Array(10).fill(`*${"abcdefg"[i]}`).join(", ")}]`),
    ].join("\n");
    const { errors, config } = parseConfig(bomb, "bomb.yml");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\(top level\): cannot read the YAML/);
    expect(config).toEqual(DEFAULT_CONFIG);
  });
});

describe("resolveConfig", () => {
  test("validates an object the App already parsed, with the same messages", () => {
    const { config, errors } = resolveConfig({ failOn: "low", policy: { maxLifetimeDay: 30 } }, "org/.github:.github/sas-guard.yml");
    expect(errors).toEqual(['policy.maxLifetimeDay: unknown key — did you mean "maxLifetimeDays"?']);
    expect(config.failOn).toBe("low");
  });

  test("null and undefined (no config file) give the defaults", () => {
    expect(resolveConfig(null, "defaults")).toEqual({ config: DEFAULT_CONFIG, errors: [], source: "defaults" });
    expect(resolveConfig(undefined, "defaults").config).toEqual(DEFAULT_CONFIG);
  });

  test("the caller's object is not modified", () => {
    const raw = { failOn: "nope", allowlist: [{ fingerprint: "bad" }] };
    resolveConfig(raw, "x");
    expect(raw).toEqual({ failOn: "nope", allowlist: [{ fingerprint: "bad" }] });
  });
});

describe("toRiskPolicy", () => {
  test("the defaults give the engine's default policy", () => {
    expect(toRiskPolicy(DEFAULT_CONFIG)).toMatchObject(DEFAULT_RISK_POLICY);
    expect(toRiskPolicy(DEFAULT_CONFIG)).not.toHaveProperty("maxLifetimeDays");
  });

  test("every policy key is passed through", () => {
    const { config } = parseConfig(valid("every-key.yml"), "x.yml");
    expect(toRiskPolicy(config)).toEqual({
      shortWindowDays: 1,
      longWindowDays: 90,
      maxLifetimeDays: 30,
      forbidAccountSas: true,
      requireHttpsOnly: true,
      requireStoredPolicy: true,
      requireIpRange: true,
      violationSeverity: "critical",
    });
  });
});
