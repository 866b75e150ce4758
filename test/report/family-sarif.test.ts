// The family kinds (issue 17) reach every output: a SARIF rule each (schema-valid), the JSON contract's azureService,
// and verification says "not verifiable". Findings come from the engine itself, with fake secrets built at run time.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import ajvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { scanText, type Finding } from "../../src/detect/index.js";
import { toJsonOutput } from "../../src/report/render-json.js";
import { renderSarif } from "../../src/report/render-sarif.js";
import { planProbe } from "../../src/verify/plan-probe.js";
import { fakeAccountKey, fakeIdentifiableKey, fakeServiceBusKey, fakeSigEncoded } from "../support/fake-secrets.js";
import { report } from "./fixtures.js";

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
const { default: Ajv04 } = ajvDraft04;
const { default: addFormats } = ajvFormats;
const ajv = new Ajv04({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const k32 = fakeServiceBusKey("fam-out");
const text = [
  `SharedAccessSignature sr=plant.azure-devices.net%2Fdevices%2Fd1&sig=${fakeSigEncoded("fam-out")}&se=1893456000`,
  `HostName=plant.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${k32}`,
  `aeg-sas-key: ${fakeServiceBusKey("fam-eg")}`,
  `aeg-sas-token: r=${encodeURIComponent("https://orders.westus2-1.eventgrid.azure.net/api/events")}&e=${encodeURIComponent("1/1/2030 12:00:00 AM")}&s=${fakeSigEncoded("fam-eg")}`,
  `AccountEndpoint=https://shop-db.documents.azure.com:443/;AccountKey=${fakeAccountKey("fam-out")};`,
  `${fakeIdentifiableKey("fam-out", "+ASb", 32, 0x53656e6430303030n)}`,
].join("\n");
const findings: Finding[] = scanText(`${text}\n`, { path: "family.txt", now: new Date("2026-11-25T00:00:00Z") });
const KINDS = ["iot-sas", "iot-connection-string", "event-grid-key", "event-grid-sas", "cosmos-db-key", "identifiable-key"];

it("the sample yields one finding of each family kind", () => {
  expect(findings.map((f) => f.kind).sort()).toEqual([...KINDS].sort());
});

it("SARIF: schema-valid, one rule per family kind with its description", () => {
  const sarif = JSON.parse(renderSarif(report({ findings }), { version: "1.2.3", informationUri: "https://github.com/sas-guard/sas-guard" }));
  expect(validate(sarif)).toBe(true);
  const rules = sarif.runs[0].tool.driver.rules as { id: string; fullDescription: { text: string } }[];
  expect(rules.map((r) => r.id).sort()).toEqual(KINDS.map((k) => `sas-guard/${k}`).sort());
  for (const r of rules) expect(r.fullDescription.text.length).toBeGreaterThan(20);
  for (const f of findings) expect(renderSarif(report({ findings }), { version: "1", informationUri: "https://x" })).not.toContain(f.secret.reveal());
});

it("JSON: the service is named in token.azureService", () => {
  const out = toJsonOutput(report({ findings }));
  expect(out.findings.map((f) => f.token.azureService).sort()).toEqual(["cosmos-db", "event-grid", "event-grid", "iot-hub", "iot-hub", "service-bus"]);
});

it("verification: every family kind is skipped as not verifiable", () => {
  for (const f of findings) expect(planProbe(f)).toEqual({ skip: expect.stringMatching(/^not verifiable: /) });
});
