// A config value that is a percent-encoded signature whose base64 runs are all under 32 characters used to pass
// looksLikeSecret (issue 15.7) and be quoted back in config errors.
import { describeValue, looksLikeSecret } from "../../src/config/describe-value.js";
import { parseConfig } from "../../src/config/load-config.js";
import { fakeSig } from "../support/fake-secrets.js";

/** A fake signature whose percent-encoded form has no base64 run of 32+ characters (found by seed search). */
function shortRunSig(): string {
  for (let i = 0; ; i++) {
    const sig = fakeSig(`short-runs-${i}`);
    if (
      encodeURIComponent(sig)
        .split(/%[0-9A-F]{2}/)
        .every((run) => run.length < 32)
    )
      return sig;
  }
}

describe("a percent-encoded signature with short base64 runs is a secret", () => {
  const sig = shortRunSig();
  const encoded = encodeURIComponent(sig);
  it("looksLikeSecret and describeValue", () => {
    expect(looksLikeSecret(encoded)).toBe(true);
    expect(describeValue(encoded)).toBe("a value that looks like a secret, not shown");
  });
  it("a config error about it does not quote it", () => {
    const { errors } = parseConfig(`failOn: "${encoded}"\n`, "test.yml");
    expect(errors).toHaveLength(1);
    expect(errors.join("\n")).not.toContain(encoded);
    expect(errors.join("\n")).not.toContain(encoded.slice(0, 20));
  });
});
