import { describeValue, looksLikeSecret } from "../../src/config/describe-value.js";
import { fakeAccountKey, fakeSig, fakeSigEncoded } from "../support/fake-secrets.js";

describe("describeValue", () => {
  test.each([
    [undefined, "nothing"],
    [null, "null"],
    [12, "12"],
    [false, "false"],
    ["ten", '"ten"'],
    [["a"], "a list"],
    [{ a: 1 }, "a mapping"],
    ["x".repeat(50), `"${"x".repeat(40)}…"`],
  ])("%j → %s", (value, expected) => expect(describeValue(value)).toBe(expected));

  test.each([
    ["a SAS query", `sv=2022-11-02&sig=${fakeSigEncoded()}`],
    ["a bare signature", fakeSig()],
    ["an account key", fakeAccountKey()],
    ["a connection string", `DefaultEndpointsProtocol=https;AccountName=a;AccountKey=${fakeAccountKey()}`],
  ])("%s is not shown", (_, value) => {
    expect(looksLikeSecret(value)).toBe(true);
    expect(describeValue(value)).toBe("a value that looks like a secret, not shown");
  });

  test.each(["sg1:00112233445566778899aabb", "src/components/generated/models/**", "abcdefghijklmnopqrstuvwxyzabcdefghij"])("%s is shown", (value) =>
    expect(looksLikeSecret(value)).toBe(false),
  );
});
