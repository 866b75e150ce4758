// True/false-positive tables for the family kinds (issue 17): IoT Hub / DPS, Event Grid, Cosmos DB, identifiable keys.
// Every secret is built at run time; every positive row also runs the no-leak invariants (scanOne).
import { fakeAccountKey, fakeIdentifiableKey, fakeServiceBusKey, fakeSigEncoded, flipOneChar } from "../support/fake-secrets.js";
import type { FindingKind, TokenFields } from "../../src/detect/index.js";
import { reasonIds, scan, scanOne, unixInDays, type ReasonId, type Severity } from "./scan-helpers.js";

const sbKey = fakeServiceBusKey("fam");
const key64 = fakeAccountKey("fam-cosmos");
const sig = fakeSigEncoded("fam");
const COSMOS_EMULATOR = ["C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw", "/Jw=="].join("");

const ident = {
  storage: fakeIdentifiableKey("f-st", "+ASt", 64, 0x44656661756c7430n),
  cosmosRw: fakeIdentifiableKey("f-cdb", "ACDb", 64, 0x4d61737452573030n),
  cosmosRo: fakeIdentifiableKey("f-cdb-ro", "ACDb", 64, 0x4d617374524f3030n),
  serviceBusManage: fakeIdentifiableKey("f-sb", "+ASb", 32, 0x4d616e6167653030n),
  eventHubsSend: fakeIdentifiableKey("f-eh", "+AEh", 32, 0x53656e6430303030n),
  relayListen: fakeIdentifiableKey("f-rm", "+ARm", 32, 0x4c697374656e3030n),
  registry: fakeIdentifiableKey("f-acr", "+ACR", 39, 0x41435244666c7430n),
  apim: fakeIdentifiableKey("f-apim", "APIM", 64, 0x4761746577793030n),
  functions: fakeIdentifiableKey("f-fn", "AzFu", 40, 0x4d61737465723030n, true),
  eventGrid: fakeIdentifiableKey("f-eg", "AZEG", 32, 0x53656e6452656376n),
  iot: fakeIdentifiableKey("f-iot", "AIoT", 32, 0x496f544875623030n),
};

interface Row {
  name: string;
  text: string;
  secret: string;
  kind: FindingKind;
  severity: Severity;
  token?: Partial<TokenFields>;
  reasons?: ReasonId[];
  path?: string;
}

const positives: Row[] = [
  // IoT Hub / DPS
  {
    name: "IoT: iothubowner connection string (appsettings.json)",
    text: `{"IoTHub": "HostName=plant.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${sbKey}"}\n`,
    secret: sbKey,
    kind: "iot-connection-string",
    severity: "critical",
    token: { account: "plant", keyName: "iothubowner", azureService: "iot-hub" },
    reasons: ["manage-rights"],
  },
  {
    name: "IoT: registryRead policy",
    text: `HostName=plant.azure-devices.net;SharedAccessKeyName=registryRead;SharedAccessKey=${sbKey}\n`,
    secret: sbKey,
    kind: "iot-connection-string",
    severity: "medium",
    reasons: ["read-only"],
  },
  {
    name: "IoT: custom policy name",
    text: `HostName=plant.azure-devices.net;SharedAccessKeyName=ops-tool;SharedAccessKey=${sbKey}\n`,
    secret: sbKey,
    kind: "iot-connection-string",
    severity: "high",
    reasons: ["rights-from-policy"],
  },
  {
    name: "IoT: module connection string",
    text: `HostName=plant.azure-devices.net;DeviceId=gw1;ModuleId=filter;SharedAccessKey=${sbKey}\n`,
    secret: sbKey,
    kind: "iot-connection-string",
    severity: "high",
    token: { deviceId: "gw1", moduleId: "filter" },
  },
  {
    name: "IoT: hub SAS with skn (long)",
    text: `SharedAccessSignature sr=plant.azure-devices.net&sig=${sig}&se=${unixInDays(800)}&skn=iothubowner\n`,
    secret: decodeURIComponent(sig),
    kind: "iot-sas",
    severity: "critical",
  },
  {
    name: "IoT: DPS device registration token by ID scope",
    text: `SharedAccessSignature sr=0ne00ABCDEF%2Fregistrations%2Fsensor-9&sig=${sig}&se=${unixInDays(30)}&skn=registration\n`,
    secret: decodeURIComponent(sig),
    kind: "iot-sas",
    severity: "high",
    token: { azureService: "iot-dps", deviceId: "sensor-9" },
  },
  {
    name: "IoT: DPS enrollment symmetric key in an IoT Edge config.toml",
    text: `[provisioning]\nsource = "dps"\nglobal_endpoint = "https://global.azure-devices-provisioning.net"\nid_scope = "0ne00ABCDEF"\n[provisioning.attestation]\nmethod = "symmetric_key"\nregistration_id = "edge-01"\nsymmetric_key = { value = "${key64}" }\n`,
    secret: key64,
    kind: "iot-connection-string",
    severity: "high",
    token: { azureService: "iot-dps", deviceId: "edge-01" },
    path: "config.toml",
  },
  {
    name: "IoT: DPS enrollment JSON primaryKey (not a storage key)",
    text: `{"attestation": {"type": "symmetricKey", "symmetricKey": {\n  "primaryKey": "${key64}"}}}\n`,
    secret: key64,
    kind: "iot-connection-string",
    severity: "high",
    token: { azureService: "iot-dps" },
    path: "enrollment.json",
  },
  // Event Grid
  {
    name: "Event Grid: aeg-sas-key header (HTTP file) with the topic endpoint above",
    text: `POST https://orders.westus2-1.eventgrid.azure.net/api/events\naeg-sas-key: ${sbKey}\n`,
    secret: sbKey,
    kind: "event-grid-key",
    severity: "high",
    token: { account: "orders" },
    path: "publish.http",
  },
  {
    name: "Event Grid: C# header add",
    text: `client.DefaultRequestHeaders.Add("aeg-sas-key", "${sbKey}");\n`,
    secret: sbKey,
    kind: "event-grid-key",
    severity: "high",
  },
  {
    name: "Event Grid: curl -H",
    text: `curl -X POST -H "aeg-sas-key: ${sbKey}" https://topic1.eastus-1.eventgrid.azure.net/api/events\n`,
    secret: sbKey,
    kind: "event-grid-key",
    severity: "high",
    token: { account: "topic1" },
  },
  {
    name: "Event Grid: identifiable AZEG key, checksum valid",
    text: `"aeg-sas-key": "${ident.eventGrid}"\n`,
    secret: ident.eventGrid,
    kind: "event-grid-key",
    severity: "high",
    reasons: ["checksum-valid"],
  },
  // Cosmos DB
  {
    name: "Cosmos: connection string",
    text: `"Cosmos": "AccountEndpoint=https://shop-db.documents.azure.com:443/;AccountKey=${key64};"\n`,
    secret: key64,
    kind: "cosmos-db-key",
    severity: "critical",
    token: { account: "shop-db", keyAccess: "read-write" },
  },
  {
    name: "Cosmos: az cosmosdb keys list, read-only key",
    text: `{\n  "primaryReadonlyMasterKey": "${key64}"\n}\n`.replace("{\n", '{\n  "documentEndpoint": "https://shop-db.documents.azure.com:443/",\n'),
    secret: key64,
    kind: "cosmos-db-key",
    severity: "high",
    token: { keyAccess: "read-only", account: "shop-db" },
  },
  {
    name: "Cosmos: COSMOS_KEY in .env",
    text: `COSMOS_ENDPOINT=https://shop-db.documents.azure.com:443/\nCOSMOS_KEY=${key64}\n`,
    secret: key64,
    kind: "cosmos-db-key",
    severity: "critical",
    path: ".env",
  },
  {
    name: "Cosmos: bare identifiable ACDb key (read-write seed)",
    text: `${ident.cosmosRw}\n`,
    secret: ident.cosmosRw,
    kind: "cosmos-db-key",
    severity: "critical",
    reasons: ["checksum-valid"],
  },
  {
    name: "Cosmos: bare identifiable ACDb key (read-only seed)",
    text: `value: ${ident.cosmosRo}\n`,
    secret: ident.cosmosRo,
    kind: "cosmos-db-key",
    severity: "high",
    token: { keyAccess: "read-only" },
  },
  // Identifiable keys with no context
  {
    name: "identifiable: bare storage +ASt key",
    text: `${ident.storage}\n`,
    secret: ident.storage,
    kind: "storage-account-key",
    severity: "critical",
    token: { keySignature: "+ASt" },
  },
  {
    name: "identifiable: bare Service Bus +ASb manage key",
    text: `x ${ident.serviceBusManage} y\n`,
    secret: ident.serviceBusManage,
    kind: "identifiable-key",
    severity: "critical",
    token: { azureService: "service-bus", keyName: "manage" },
  },
  {
    name: "identifiable: bare Event Hubs +AEh send key",
    text: `"${ident.eventHubsSend}"\n`,
    secret: ident.eventHubsSend,
    kind: "identifiable-key",
    severity: "high",
    token: { azureService: "event-hubs" },
  },
  {
    name: "identifiable: bare Relay +ARm listen key",
    text: `'${ident.relayListen}'\n`,
    secret: ident.relayListen,
    kind: "identifiable-key",
    severity: "medium",
    token: { azureService: "relay" },
  },
  {
    name: "identifiable: bare Container Registry +ACR key",
    text: `${ident.registry}\n`,
    secret: ident.registry,
    kind: "identifiable-key",
    severity: "high",
    token: { azureService: "container-registry" },
  },
  {
    name: "identifiable: bare API Management gateway key",
    text: `${ident.apim}\n`,
    secret: ident.apim,
    kind: "identifiable-key",
    severity: "high",
    token: { azureService: "api-management" },
  },
  {
    name: "identifiable: bare Functions master key (URL-safe)",
    text: `code=${ident.functions}\n`,
    secret: ident.functions,
    kind: "identifiable-key",
    severity: "critical",
    token: { azureService: "functions" },
  },
  {
    name: "identifiable: Service Bus key in a connection string names the service",
    text: `Endpoint=sb://ns1x.servicebus.windows.net/;SharedAccessKeyName=app;SharedAccessKey=${ident.eventHubsSend}\n`,
    secret: ident.eventHubsSend,
    kind: "connection-string",
    severity: "high",
    token: { azureService: "event-hubs", keySignature: "+AEh" },
  },
  {
    name: "identifiable: AIoT key in an IoT connection string",
    text: `HostName=plant.azure-devices.net;SharedAccessKeyName=service;SharedAccessKey=${ident.iot}\n`,
    secret: ident.iot,
    kind: "iot-connection-string",
    severity: "high",
  },
];

describe("family kinds: true positives", () => {
  it.each(positives)("$name", ({ text, secret, kind, severity, token, reasons, path }) => {
    const f = scanOne(text, [secret], { path });
    expect(f.kind).toBe(kind);
    expect(f.severity).toBe(severity);
    if (token) expect(f.token).toMatchObject(token);
    if (reasons) expect(reasonIds(f)).toEqual(expect.arrayContaining(reasons));
    expect(f.fingerprint).toMatch(/^sg1:/);
    expect(f.secret.reveal()).toBe(secret);
    expect(f.redacted).toContain("redacted");
  });
});

const negatives: [name: string, text: string, path?: string][] = [
  ["IoT: placeholder key", "HostName=plant.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=<your-key>\n"],
  ["IoT: redacted SAS", "SharedAccessSignature sr=plant.azure-devices.net&sig=REDACTED&se=1893456000\n"],
  ["IoT: SAS without se", `SharedAccessSignature sr=plant.azure-devices.net&sig=${sig}&skn=iothubowner\n`],
  ["Event Grid: key from a variable", 'curl -H "aeg-sas-key: $TOPIC_KEY" https://t1.eastus-1.eventgrid.azure.net/api/events\n'],
  ["Event Grid: placeholder", "aeg-sas-key: <topic key>\n"],
  ["Event Grid: header name in prose", "Send the key in the aeg-sas-key header.\n"],
  ["Event Grid: token placeholder", "aeg-sas-token: r=...&e=...&s=...\n"],
  ["Cosmos: the emulator key", `AccountEndpoint=https://localhost:8081/;AccountKey=${COSMOS_EMULATOR}\n`],
  ["Cosmos: any key on the emulator endpoint", `AccountEndpoint=https://127.0.0.1:8081/;AccountKey=${key64}\n`],
  ["identifiable: +ASb key with one changed character (no context)", `x ${flipOneChar(ident.serviceBusManage)} y\n`],
  ["identifiable: +ASt key with one changed character (no context)", `${flipOneChar(ident.storage)}\n`],
  ["identifiable: APIM key with a changed character", `${flipOneChar(ident.apim)}\n`],
  ["identifiable: Functions key with a changed character", `code=${flipOneChar(ident.functions)}\n`],
  ["identifiable: +A in ordinary code", 'const s = a +A + "+ASb" + b;\n'],
];

describe("family kinds: false positives", () => {
  it.each(negatives.map(([name, text, path]) => ({ name, text, path })))("$name", ({ text, path }) => {
    expect(scan(text, { path })).toEqual([]);
  });

  it("a flipped +ASt key WITH key context is still a storage key, without the signature", () => {
    const bad = flipOneChar(ident.storage);
    const f = scanOne(`STORAGE_ACCOUNT_KEY=${bad}\n`, [bad]);
    expect(f.kind).toBe("storage-account-key");
    expect(f.token.keySignature).toBeUndefined();
  });

  it("an identifiable key found by two detectors is one finding", () => {
    expect(scan(`Endpoint=sb://ns1x.servicebus.windows.net/;SharedAccessKeyName=a;SharedAccessKey=${ident.serviceBusManage}\n`)).toHaveLength(1);
  });
});

it("a device id with a stray % does not throw (the engine never throws)", () => {
  const text = `SharedAccessSignature sr=plant.azure-devices.net%2Fdevices%2Fd%25E0%25A4%25A&sig=${sig}&se=${unixInDays(30)}\n`;
  const f = scanOne(text, [decodeURIComponent(sig)]);
  expect(f.kind).toBe("iot-sas");
  expect(f.token.deviceId).toMatch(/^d.*%A$/);
});

// docs/json-output.md: which spellings of the Event Grid header names are read (a pass per spelling costs ~4 ms / 56 MB).
describe("Event Grid header spellings (the documented reach of the -sas- anchor)", () => {
  it("`AEG-sas-KEY` (prefix and suffix in any case) is read", () => {
    expect(scanOne(`AEG-sas-KEY: ${sbKey}\n`, [sbKey]).kind).toBe("event-grid-key");
  });

  it.each(["Aeg-Sas-Key", "AEG-SAS-KEY"])("`%s` (upper-case SAS) is not read: a documented limit, not a silent one", (header) => {
    expect(scan(`${header}: ${sbKey}\n`)).toEqual([]);
  });
});
