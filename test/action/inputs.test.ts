// Inputs as the runner sends them: INPUT_ + the name upper-cased with spaces as underscores and hyphens KEPT
// (actions/runner: `input.Key.Replace(' ', '_').ToUpperInvariant()`), every declared input present, defaults filled.
import { InputError, readInputs } from "../../src/action/inputs.js";
import { actionYml } from "./action-harness.js";

/** What the runner puts in the environment for a step `with:` these values. */
function runnerInputs(given: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, spec] of Object.entries(actionYml().inputs)) {
    env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = given[name] ?? (spec.default === "${{ github.token }}" ? "ghs_faketoken" : (spec.default ?? ""));
  }
  return env;
}

describe("readInputs", () => {
  it("the defaults of action.yml", () => {
    expect(readInputs(runnerInputs())).toEqual({
      path: ".",
      format: "text",
      sarifFile: "sas-guard.sarif",
      history: false,
      comment: false,
      token: "ghs_faketoken",
    });
  });

  it("reads the hyphenated names exactly as the runner spells them", () => {
    const env = runnerInputs({
      "fail-on": "critical",
      "sarif-file": "out/x.sarif",
      "github-token": "ghs_other",
      history: "true",
      comment: "true",
      format: "sarif",
      path: "sub",
      config: "c.yml",
    });
    expect(Object.keys(env)).toEqual(expect.arrayContaining(["INPUT_FAIL-ON", "INPUT_SARIF-FILE", "INPUT_GITHUB-TOKEN"]));
    expect(readInputs(env)).toEqual({
      path: "sub",
      config: "c.yml",
      failOn: "critical",
      format: "sarif",
      sarifFile: "out/x.sarif",
      history: true,
      comment: true,
      token: "ghs_other",
    });
  });

  it("trims values and accepts the YAML 1.2 core booleans in any case (True, FALSE)", () => {
    expect(readInputs(runnerInputs({ "fail-on": " medium\n", history: "True", comment: "FALSE" }))).toMatchObject({
      failOn: "medium",
      history: true,
      comment: false,
    });
    expect(readInputs(runnerInputs({ "fail-on": "High", format: "SARIF" }))).toMatchObject({ failOn: "high", format: "sarif" });
  });

  it("an empty github-token falls back to GITHUB_TOKEN from the environment", () => {
    expect(readInputs({ ...runnerInputs({ "github-token": "" }), GITHUB_TOKEN: "ghs_env" }).token).toBe("ghs_env");
    expect(readInputs(runnerInputs({ "github-token": "" })).token).toBeUndefined();
  });

  it.each([
    ["fail-on", "urgent", 'input fail-on must be one of critical, high, medium, low, info (got "urgent")'],
    ["format", "html", 'input format must be text, json or sarif (got "html")'],
    ["history", "sometimes", 'input history must be true or false (got "sometimes")'],
    ["comment", "2", 'input comment must be true or false (got "2")'],
  ])("rejects %s: %s with a message saying what is allowed", (name, value, message) => {
    expect(() => readInputs(runnerInputs({ [name]: value }))).toThrow(new InputError(message));
  });
});
