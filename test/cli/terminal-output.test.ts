// Terminal output helpers: colour decisions (flag, FORCE_COLOR, NO_COLOR, terminal) and wrapping at word
// boundaries so a terminal never breaks a line mid-word.
import { useColor } from "../../src/cli/color.js";
import { wrapForTerminal } from "../../src/cli/wrap-lines.js";

describe("useColor", () => {
  it.each([
    [undefined, {}, true, true],
    [undefined, {}, false, false],
    [undefined, { NO_COLOR: "1" }, true, false],
    [undefined, { NO_COLOR: "" }, true, true], // no-color.org: present and not empty
    [undefined, { FORCE_COLOR: "1" }, false, true],
    [undefined, { FORCE_COLOR: "" }, false, true], // Node: an empty FORCE_COLOR still forces colour
    [undefined, { FORCE_COLOR: "0" }, true, false],
    [undefined, { FORCE_COLOR: "false" }, true, false],
    [undefined, { FORCE_COLOR: "1", NO_COLOR: "1" }, false, true], // as in Node, FORCE_COLOR wins
    [true, { NO_COLOR: "1" }, false, true],
    [false, { FORCE_COLOR: "1" }, true, false],
  ])("flag %p, env %j, terminal %p → %p", (flag, env, tty, expected) => {
    expect(useColor(flag, env, tty)).toBe(expected);
  });
});

describe("wrapForTerminal", () => {
  const text = "    It can read, write and delete every blob of the account until 2099, from any address, over HTTP too.";

  it("wraps at spaces, continuing under the line's indentation plus two", () => {
    const wrapped = wrapForTerminal(text, 40).split("\n");
    expect(wrapped.every((l) => l.length <= 40)).toBe(true);
    expect(wrapped.slice(1).every((l) => l.startsWith("      ") && l[6] !== " ")).toBe(true);
    // no word was split: joining the pieces gives the words back
    expect(wrapped.map((l) => l.trim()).join(" ")).toBe(text.trim());
  });

  it("keeps a word longer than the width whole on its own line", () => {
    const long = `    token ${"x".repeat(60)} end`;
    expect(wrapForTerminal(long, 30).split("\n")).toEqual(["    token", `      ${"x".repeat(60)}`, "      end"]);
  });

  it("does not count colour codes as columns", () => {
    const painted = `\x1b[1;31m${"word ".repeat(7).trim()}\x1b[0m`; // 34 visible columns
    expect(wrapForTerminal(painted, 34)).toBe(painted);
  });

  it("leaves text alone when the width is unknown (not a terminal)", () => {
    expect(wrapForTerminal(text, undefined)).toBe(text);
  });
});
