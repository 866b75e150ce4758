// One risk outcome (issue 14): after detection the adjusters run in one fixed order (policy → suppression →
// verification → exposure), each recorded on the finding's severityTrail. A token the service refused is info
// whatever the repository's visibility; a live one in a public repository goes up twice, and says why.
import { parseConfig } from "../../src/config/load-config.js";
import type { Finding } from "../../src/detect/types.js";
import { runScan, type ExposureLookup } from "../../src/scan/run-scan.js";
import { buildScanConfig } from "../../src/scan/scan-config.js";
import { startFakeStorage, verifyConfig, type FakeStorage } from "../support/fake-storage.js";

const NOW = new Date("2026-11-25T00:00:00Z");
const PUBLIC: ExposureLookup = async () => () => ({ visibility: "public", forks: 2 });
const NO_EXPOSURE: ExposureLookup = async () => () => undefined;
let storage: FakeStorage;

beforeAll(async () => {
  storage = await startFakeStorage();
});
afterAll(() => storage.close());

const config = (yaml: string) => {
  const loaded = parseConfig(yaml, "test.yml");
  expect(loaded.errors).toEqual([]);
  return buildScanConfig(loaded);
};
const scanOne = async (text: string, yaml: string, exposure: ExposureLookup = PUBLIC): Promise<Finding> => {
  const report = await runScan([{ path: "app.env", text, bytes: text.length }], config(yaml), { now: NOW, exposure });
  expect(report.findings).toHaveLength(1);
  return report.findings[0];
};
const steps = (f: Finding) => f.severityTrail?.map((s) => `${s.step} ${s.from}→${s.to}`);

describe("the adjusters, in order", () => {
  it("a revoked token in a public repository is info, without the 'anyone on the internet' reason", async () => {
    const f = await scanOne(`URL=${storage.token("risk-revoked", { revoked: true })}\n`, verifyConfig(storage));
    expect(f.verification?.status).toBe("revoked");
    expect(f.severity).toBe("info");
    expect(f.reasons.map((r) => r.id)).not.toContain("public-repository");
    expect(f.exposure).toMatchObject({ visibility: "public", forks: 2 }); // the facts are kept, the rating is not raised
    expect(steps(f)).toEqual(["base medium→medium", "verification medium→info"]);
  });

  it("a live token in a public repository: verification one level up, then exposure one more", async () => {
    const f = await scanOne(`URL=${storage.token("risk-live")}\n`, verifyConfig(storage));
    expect(f.verification?.status).toBe("live");
    expect(steps(f)).toEqual(["base medium→medium", "verification medium→high", "exposure high→critical"]);
    expect(f.severityTrail?.map((s) => s.reason).slice(1)).toEqual(["verified-live", "public-repository"]);
  });

  it("policy first (a rule of the repository raises it), suppression keeps the severity and records itself", async () => {
    const token = storage.token("risk-policy");
    const policy = await scanOne(`URL=${token}\n`, "policy:\n  requireHttpsOnly: true\n", NO_EXPOSURE);
    expect(steps(policy)).toEqual(["base medium→medium", "policy medium→high"]);
    const yaml = `policy:\n  requireHttpsOnly: true\nallowlist:\n  - fingerprint: ${policy.fingerprint}\n    reason: test data\n`;
    const suppressed = await scanOne(`URL=${token}\n`, yaml, NO_EXPOSURE);
    expect(suppressed.suppression?.by).toBe("allowlist");
    expect(steps(suppressed)).toEqual(["base medium→medium", "policy medium→high", "suppression high→high"]);
  });

  it("an expired token stays info in a public repository (no trail step after base)", async () => {
    const expired = storage.token("risk-expired").replace("se=2030-01-01", "se=2025-01-01");
    const f = await scanOne(`URL=${expired}\n`, "", PUBLIC);
    expect(f.severity).toBe("info");
    expect(steps(f)).toEqual(["base info→info"]);
  });

  it("the last step of the trail is the finding's severity", async () => {
    const f = await scanOne(`URL=${storage.token("risk-last")}\n`, verifyConfig(storage));
    expect(f.severityTrail?.at(-1)?.to).toBe(f.severity);
  });
});
