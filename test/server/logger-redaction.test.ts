// Every log line passes through the free-text redaction (issue 15.7): a secret in a message, in a logged object
// under any key, or in an error's message never reaches the log, at any level.
import { Writable } from "node:stream";
import { secretForms } from "../../src/detect/redact-text.js";
import { createLogger } from "../../src/server/logger.js";
import { fakeAccountKey, fakeSig } from "../support/fake-secrets.js";

const SIG = fakeSig("log");
const KEY = fakeAccountKey("log");
const url = `https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sr=b&sp=r&se=2030-01-01&sig=${encodeURIComponent(SIG)}`;

function capture(): { lines: string[]; log: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, log: createLogger({ LOG_LEVEL: "trace" }, destination as never) };
}

describe("log lines are redacted", () => {
  it.each([
    ["a message quoting a SAS URL", (log: ReturnType<typeof createLogger>) => log.info(`ignored with reason="tested ${url}"`)],
    ["an object field not in the redact paths", (log: ReturnType<typeof createLogger>) => log.debug({ reason: `see ${url}` }, "suppression")],
    ["a nested field", (log: ReturnType<typeof createLogger>) => log.trace({ config: { _extends: url } }, "config")],
    ["an error whose message carries a key", (log: ReturnType<typeof createLogger>) => log.error(new Error(`bad AccountKey=${KEY};`), "failed")],
    ["a percent-encoded signature alone", (log: ReturnType<typeof createLogger>) => log.warn(`value ${encodeURIComponent(SIG)}`)],
  ])("%s", (_name, write) => {
    const { lines, log } = capture();
    write(log);
    expect(lines).toHaveLength(1);
    for (const secret of [SIG, KEY]) for (const form of secretForms(secret)) expect(lines[0]).not.toContain(form);
    expect(lines[0]).toContain("<redacted>");
  });

  it("clean lines are written as they are", () => {
    const { lines, log } = capture();
    log.info({ repo: "octo/hello", sha: "0123456789abcdef0123456789abcdef01234567" }, "scan finished");
    expect(JSON.parse(lines[0]!)).toMatchObject({ repo: "octo/hello", sha: "0123456789abcdef0123456789abcdef01234567", msg: "scan finished" });
  });
});
