import { closestMatch, levenshtein } from "../../src/config/did-you-mean.js";

describe("levenshtein", () => {
  test.each([
    ["", "", 0],
    ["abc", "", 3],
    ["kitten", "sitting", 3],
    ["maxLifetimeDay", "maxLifetimeDays", 1],
  ])("%j → %j = %d", (a, b, d) => expect(levenshtein(a, b)).toBe(d));
});

describe("closestMatch", () => {
  const keys = ["paths", "maxFileSizeMB", "failOn", "policy", "allowlist", "inlineIgnore"];
  test.each([
    ["failon", "failOn"],
    ["max_file_size_mb", "maxFileSizeMB"],
    ["allowList", "allowlist"],
    ["alowlist", "allowlist"],
    ["path", "paths"],
    ["polcy", "policy"],
  ])("%s → %s", (word, expected) => expect(closestMatch(word, keys)).toBe(expected));

  test.each(["verbose", "x", "severity"])("%s has no suggestion", (word) => expect(closestMatch(word, keys)).toBeUndefined());
});
