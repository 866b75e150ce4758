import { describe, expect, it } from "@jest/globals";
import { parseCliArgs, USAGE } from "../../src/cli/args.js";

describe("sas-guard scan --verify", () => {
  it("is off unless asked for", () => {
    expect(parseCliArgs(["scan"])).toMatchObject({ command: "scan", verify: false });
    expect(parseCliArgs(["scan", "--verify"])).toMatchObject({ command: "scan", verify: true });
  });

  it("is documented in the usage text", () => {
    expect(USAGE).toContain("--verify");
  });
});
