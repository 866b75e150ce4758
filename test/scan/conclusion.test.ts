// The one conclusion rule (src/scan/conclusion.ts) that the App, the Action and the CLI's exit code use.
import { decideConclusion } from "../../src/scan/conclusion.js";
import type { Finding } from "../../src/detect/types.js";

const finding = (severity: Finding["severity"], suppressed = false) =>
  ({ severity, ...(suppressed ? { suppression: { kind: "allowlist" } } : {}) }) as unknown as Finding;
const report = (findings: Finding[], incomplete: string[] = []) => ({ findings, incomplete, failOn: "high" as const });

describe("decideConclusion", () => {
  test.each([
    // [case, findings, incomplete, policy, conclusion]
    ["clean", [], [], {}, "success"],
    ["a failing finding", [finding("critical")], [], {}, "failure"],
    ["a failing finding and an unscanned file, onIncomplete neutral: never neutral", [finding("high")], ["x: 502"], { onIncomplete: "neutral" }, "failure"],
    ["an unscanned file, nothing failing (default)", [], ["x: 502"], {}, "failure"],
    ["an unscanned file, nothing failing, onIncomplete neutral", [], ["x: 502"], { onIncomplete: "neutral" }, "neutral"],
    [
      "an unscanned file and findings below failOn, belowFailOn success: still the incomplete rule",
      [finding("low")],
      ["x"],
      { belowFailOn: "success" },
      "failure",
    ],
    ["findings below failOn", [finding("medium")], [], {}, "neutral"],
    ["findings below failOn, belowFailOn success", [finding("medium")], [], { belowFailOn: "success" }, "success"],
    ["only suppressed findings", [finding("critical", true)], [], {}, "success"],
  ] as const)("%s", (_name, findings, incomplete, policy, expected) => {
    expect(decideConclusion(report([...findings], [...incomplete]), policy).conclusion).toBe(expected);
  });

  test("a job that stopped (no report) is incomplete: failure by default, neutral only when configured", () => {
    expect(decideConclusion(undefined, {}, true)).toEqual({ conclusion: "failure", reason: "incomplete", failing: 0, incomplete: true });
    expect(decideConclusion(undefined, { onIncomplete: "neutral" }, true).conclusion).toBe("neutral");
  });

  test("a job that stopped after finding a failing token still fails", () => {
    expect(decideConclusion(report([finding("critical")]), { onIncomplete: "neutral" }, true).conclusion).toBe("failure");
  });
});
