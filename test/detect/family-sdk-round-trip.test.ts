// SDK round-trips for the family kinds: tokens minted by Microsoft's own SDKs (azure-iot-common
// SharedAccessSignature.create, @azure/eventgrid generateSharedAccessSignature) with fake keys built at run time,
// scanned, and every field parsed back.
import * as IotCommon from "azure-iot-common";
import { AzureKeyCredential, generateSharedAccessSignature } from "@azure/eventgrid";
import { fakeServiceBusKey } from "../support/fake-secrets.js";
import { NOW, reasonIds, scanOne, unixInDays } from "./scan-helpers.js";

const { SharedAccessSignature } = IotCommon;
const key = fakeServiceBusKey("sdk-iot");
const sigOf = (token: string): string => decodeURIComponent(/[?&\s]sig=([^&]+)/.exec(token)![1]);
const sOf = (token: string): string => decodeURIComponent(/&s=([^&]+)/.exec(token)![1]);

describe("azure-iot-common SharedAccessSignature.create → iot-sas, every field back", () => {
  it.each([
    {
      name: "hub-level, iothubowner",
      uri: "myhub.azure-devices.net",
      skn: "iothubowner",
      days: 400,
      severity: "critical",
      device: undefined,
      scope: "container-scope",
      rights: "manage-rights",
    },
    {
      name: "hub-level, service policy, 3 days",
      uri: "myhub.azure-devices.net",
      skn: "service",
      days: 3,
      severity: "medium",
      device: undefined,
      scope: "container-scope",
      rights: "write",
    },
    {
      name: "hub-level, registryRead, 30 days",
      uri: "myhub.azure-devices.net",
      skn: "registryRead",
      days: 30,
      severity: "medium",
      device: undefined,
      scope: "container-scope",
      rights: "read-only",
    },
    {
      name: "device-scoped, no skn (device key)",
      uri: "myhub.azure-devices.net/devices/thermo-1",
      skn: "",
      days: 30,
      severity: "high",
      device: "thermo-1",
      scope: "object-scope",
      rights: "device-identity",
    },
    {
      name: "module-scoped, no skn",
      uri: "myhub.azure-devices.net/devices/thermo-1/modules/edge-a",
      skn: "",
      days: 1,
      severity: "medium",
      device: "thermo-1",
      scope: "object-scope",
      rights: "device-identity",
    },
    {
      name: "DPS, provisioningserviceowner",
      uri: "mydps.azure-devices-provisioning.net",
      skn: "provisioningserviceowner",
      days: 30,
      severity: "high",
      device: undefined,
      scope: "container-scope",
      rights: "manage-rights",
    },
    {
      name: "device-scoped, expired",
      uri: "myhub.azure-devices.net/devices/thermo-1",
      skn: "",
      days: -30,
      severity: "info",
      device: "thermo-1",
      scope: "object-scope",
      rights: "device-identity",
    },
  ])("$name", ({ uri, skn, days, severity, device, scope, rights }) => {
    const se = unixInDays(days);
    const token = SharedAccessSignature.create(encodeURIComponent(uri), skn, key, se).toString();
    const f = scanOne(`Authorization: ${token}\n`, [key, sigOf(token)]);
    expect(f.kind).toBe("iot-sas");
    expect(f.severity).toBe(severity);
    expect(f.confidence).toBe("high");
    expect(f.token.resourceUri).toBe(uri);
    expect(f.token.account).toBe(uri.split(".")[0]);
    expect(f.token.azureService).toBe(uri.includes("provisioning") ? "iot-dps" : "iot-hub");
    expect(f.token.expiry).toBe(new Date(se * 1000).toISOString().replace(/\.000Z$/, "Z"));
    expect(f.token.keyName).toBe(skn || undefined);
    expect(f.token.deviceId).toBe(device);
    if (uri.includes("/modules/")) expect(f.token.moduleId).toBe("edge-a");
    expect(reasonIds(f)).toEqual(expect.arrayContaining([scope, rights]));
    expect(f.secret.reveal()).toBe(sigOf(token));
  });
});

describe("@azure/eventgrid generateSharedAccessSignature → event-grid-sas, every field back", () => {
  const endpoint = "https://orders-topic.westus2-1.eventgrid.azure.net/api/events";
  it.each([
    { name: "one year", days: 365, severity: "high" },
    { name: "two days", days: 2, severity: "medium" },
    { name: "expired", days: -2, severity: "info" },
  ])("$name", async ({ days, severity }) => {
    const expires = new Date(Math.floor((NOW.getTime() + days * 86_400_000) / 1000) * 1000);
    const token = await generateSharedAccessSignature(endpoint, new AzureKeyCredential(key), expires);
    const f = scanOne(`aeg-sas-token: ${token}\n`, [key, sOf(token)], { path: "publish.http" });
    expect(f.kind).toBe("event-grid-sas");
    expect(f.severity).toBe(severity);
    expect(f.confidence).toBe("high");
    expect(f.token.account).toBe("orders-topic");
    expect(f.token.host).toBe("orders-topic.westus2-1.eventgrid.azure.net");
    expect(f.token.resourceUri).toMatch(/^https:\/\/orders-topic\.westus2-1\.eventgrid\.azure\.net\/api\/events\?apiVersion=/);
    expect(f.token.expiry).toBe(expires.toISOString().replace(/\.000Z$/, "Z"));
    expect(f.secret.reveal()).toBe(sOf(token));
  });
});
