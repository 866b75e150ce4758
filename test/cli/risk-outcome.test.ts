// The CLI's side of issue 14: with verify.enabled, a token the storage service refused is info, and the JSON and
// SARIF outputs carry how the severity came to be (severityTrail). Offline, the CLI does not know the repository's
// visibility, so no public-repository step can apply here; test/scan/risk-outcome.test.ts runs the same pipeline
// with a public repository, and test/github and test/action through the App and the Action.
import { startFakeStorage, verifyConfig, type FakeStorage } from "../support/fake-storage.js";
import { cleanup, ensureBuilt, makeTree, sasGuardAsync } from "./cli-harness.js";

let storage: FakeStorage;
beforeAll(async () => {
  ensureBuilt();
  storage = await startFakeStorage();
});
afterAll(async () => {
  await storage.close();
  cleanup();
});

describe("sas-guard scan with verify.enabled", () => {
  it("a revoked token is info, and the JSON says base medium → verification info", async () => {
    const dir = makeTree({
      ".github/sas-guard.yml": verifyConfig(storage),
      "config/reports.env": `REPORTS=${storage.token("cli-revoked", { revoked: true })}\n`,
    });
    const r = await sasGuardAsync(["scan", dir, "--format", "json", "--no-progress"]);
    expect(r.status).toBe(0);
    const [f] = JSON.parse(r.stdout).findings;
    expect(f.severity).toBe("info");
    expect(f.verification.status).toBe("revoked");
    expect(f.severityTrail).toEqual([
      { step: "base", from: "medium", to: "medium", reason: expect.stringContaining("container-scope") },
      { step: "verification", from: "medium", to: "info", reason: "verified-revoked" },
    ]);
  });

  it("SARIF carries the same trail in the result's properties", async () => {
    const dir = makeTree({ ".github/sas-guard.yml": verifyConfig(storage), "config/reports.env": `REPORTS=${storage.token("cli-live")}\n` });
    const r = await sasGuardAsync(["scan", dir, "--format", "sarif", "--no-progress"]);
    expect(r.status).toBe(1); // verified live: medium → high, at the default failOn
    const [result] = JSON.parse(r.stdout).runs[0].results;
    expect(result.properties.severityTrail.map((s: { step: string; to: string }) => `${s.step} ${s.to}`)).toEqual(["base medium", "verification high"]);
  });
});
