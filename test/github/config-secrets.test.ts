// Secrets in the App's config (issue 15.7): `_extends: "<SAS URL>"` or an `_extends` mapping holding an
// AccountKey made the config plugin's error quote the value, and the check-run summary printed it. The harness
// fails any request that carries a planted secret in any form; the summary is also searched here directly.
import { fakeAccountKey, fakeSig, fakeSigEncoded } from "../support/fake-secrets.js";
import { leakForms as engineLeakForms } from "../detect/scan-helpers.js";
import * as h from "./helpers.js";

const harness = h.useHarness();
const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const RUN = 6262;

function nockCleanPrScan(): void {
  h.nockNoCheckRun(HEAD);
  h.nockCreateCheckRun(RUN);
  h.api()
    .get(`${h.R}/pulls/2/files`)
    .query({ per_page: "100" })
    .reply(200, [h.prFile({ filename: "a.txt", patch: h.patchAdding(["ok"]) })]);
  h.nockUpdateCheckRun(RUN);
  h.api().get(`${h.R}/pulls/2/comments`).query({ per_page: "100" }).reply(200, []);
}

const summaries = () => h.calls.filter((c) => c.method === "PATCH").map((c) => JSON.stringify(c.body));

describe("secrets in the App config never reach the check run", () => {
  const sig = fakeSig("cfg-extends");
  const key = fakeAccountKey("cfg-extends");
  const b64url = (s: string) => s.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  const cases: [string, string, string][] = [
    [
      "_extends: a SAS URL",
      `_extends: "https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&se=2030-01-01&sig=${fakeSigEncoded("cfg-extends")}"\n`,
      sig,
    ],
    ["_extends: a mapping with an AccountKey", `_extends:\n  AccountKey: "${key}"\n`, key],
    ["_extends: a bare percent-encoded signature (every base64 run under 32 chars)", `_extends: "x:${fakeSigEncoded("cfg-extends")}"\n`, sig],
  ];
  it.each(cases)("%s", async (_name, yaml, secret) => {
    h.planted.add(secret);
    h.nockToken();
    h.nockConfig(yaml);
    nockCleanPrScan();
    await h.deliver(harness.probot(), "pull_request", h.fixture("pull_request.opened.json"));
    const shown = summaries().join("\n");
    expect(shown).toContain("could not be read");
    for (const form of [...engineLeakForms(secret), b64url(secret)]) expect(shown).not.toContain(form);
  });
});
