// looksRandom runs at every key-shaped run of a file, so it is a one-pass scan with an early exit: it must give the
// same answer as its definition (two of lower / upper / digit-or-+/, and min(12, length/3) distinct characters).
import fc from "fast-check";
import { looksRandom } from "../../src/detect/placeholder.js";

const definition = (value: string): boolean =>
  [/[a-z]/, /[A-Z]/, /[0-9+/]/].filter((r) => r.test(value)).length >= 2 && new Set(value).size >= Math.min(12, value.length / 3);

describe("looksRandom", () => {
  test.each([
    ["", false],
    ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=", false],
    ["abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq=", false], // one class only
    ["Ab1Ab1Ab1Ab1Ab1Ab1Ab1Ab1Ab1Ab1Ab1Ab1Ab1Ab1", false], // 3 distinct characters
    ["q3Zx9LmP0aB7cD2eF4gH6iJ8kL1mN5oP7qR9sT1uV3w=", true],
    ["ÄÖÜäöüßÄÖÜäöüß1234567890abcdefghijklm", true], // non-ASCII: counted as a Set counts code points
  ])("%j → %s", (value, expected) => {
    expect(looksRandom(value)).toBe(expected);
    expect(definition(value)).toBe(expected);
  });

  test("equals its definition on random strings (base64 alphabet, any text)", () => {
    const base64 = fc.stringMatching(/^[A-Za-z0-9+/=]{0,100}$/);
    fc.assert(
      fc.property(fc.oneof(base64, fc.string({ maxLength: 100 }), fc.string({ unit: "grapheme", maxLength: 60 })), (v) => looksRandom(v) === definition(v)),
      { numRuns: 5000 },
    );
  });
});
