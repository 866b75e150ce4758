// The Action's side of issue 14: it verifies when the repository's config says verify.enabled (it used to ignore
// it), and a token the storage service refused is info in a public repository, as in the CLI and the App. runAction
// runs in-process (the verifier's probe goes to a loopback endpoint started here), with the runner's environment.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runAction } from "../../src/action/run-action.js";
import { fakeSig } from "../support/fake-secrets.js";
import { startFakeStorage, verifyConfig, type FakeStorage } from "../support/fake-storage.js";
import { cleanup, commit, newRepo, planted, pullRequestPayload, runnerEnv, tempDir } from "./action-harness.js";

let storage: FakeStorage;
beforeAll(async () => {
  storage = await startFakeStorage();
});
afterAll(async () => {
  await storage.close();
  cleanup();
});

interface SarifResult {
  properties: { severity: string; reasons: string[]; verification?: { status: string }; severityTrail?: { step: string; from: string; to: string }[] };
}

/** A pull request adding `line`, with `.github/sas-guard.yml` (read from the base commit) as given. */
async function runOnPullRequest(line: string, configYaml: string): Promise<{ status: number; results: SarifResult[]; stdout: string }> {
  const repo = newRepo();
  const base = commit(repo, { "README.md": "# Demo\n", ".github/sas-guard.yml": configYaml }, "base");
  const head = commit(repo, { "config/reports.env": `${line}\n` }, "adds a token");
  const home = tempDir("sas-guard-runner-");
  const files = { eventPath: join(home, "event.json"), summary: join(home, "step_summary"), output: join(home, "output") };
  const payload = pullRequestPayload(base, head, 9); // the recorded fixture's repository is public
  writeFileSync(files.eventPath, JSON.stringify(payload));
  writeFileSync(files.summary, "");
  const out: string[] = [];
  const io = {
    env: runnerEnv({ event: "pull_request", payload, workspace: repo }, files),
    stdout: (s: string) => void out.push(s),
    now: () => new Date(),
    version: "0.0.0-test",
  };
  const status = await runAction(io);
  const sarif = JSON.parse(readFileSync(join(repo, "sas-guard.sarif"), "utf8"));
  return { status, results: sarif.runs[0].results, stdout: out.join("") };
}

const token = (seed: string, o: { revoked?: boolean } = {}): string => {
  planted.add(fakeSig(seed));
  return storage.token(seed, o);
};

describe("Action: verification and one risk outcome", () => {
  it("verify.enabled in the base config: the Action asks the service (a live token is verified-live)", async () => {
    const before = storage.requests;
    const r = await runOnPullRequest(`REPORTS=${token("action-live")}`, verifyConfig(storage));
    expect(storage.requests).toBe(before + 1);
    expect(r.results).toHaveLength(1);
    expect(r.results[0].properties.verification?.status).toBe("live");
    expect(r.results[0].properties.reasons).toContain("verified-live");
    expect(r.results[0].properties.severityTrail?.map((s) => s.step)).toEqual(["base", "verification", "exposure"]);
    expect(r.status).toBe(1);
  });

  it("a revoked token in a public repository is info: exit 0, no 'anyone on the internet' reason", async () => {
    const r = await runOnPullRequest(`REPORTS=${token("action-revoked", { revoked: true })}`, verifyConfig(storage));
    expect(r.results[0].properties.verification?.status).toBe("revoked");
    expect(r.results[0].properties.severity).toBe("info");
    expect(r.results[0].properties.reasons).not.toContain("public-repository");
    expect(r.results[0].properties.severityTrail?.map((s) => `${s.step} ${s.to}`)).toEqual(["base medium", "verification info"]);
    expect(r.stdout).not.toContain("anyone on the internet could read this token");
    expect(r.status).toBe(0);
  });

  it("without verify.enabled nothing is sent, and the public repository raises the token one level", async () => {
    const before = storage.requests;
    const r = await runOnPullRequest(`REPORTS=${token("action-unverified")}`, "failOn: critical\n");
    expect(storage.requests).toBe(before);
    expect(r.results[0].properties.verification).toBeUndefined();
    expect(r.results[0].properties.severityTrail?.map((s) => `${s.step} ${s.to}`)).toEqual(["base medium", "exposure high"]);
  });
});
