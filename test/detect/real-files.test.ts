// Shapes seen in real repositories (issue 17), recreated with fake values built at run time: one named row each.
import { fakeAccountKey, fakeServiceBusKey, fakeSig, fakeSigEncoded } from "../support/fake-secrets.js";
import { expectSafeFindings, inDays, reasonIds, scan, scanOne, unixInDays } from "./scan-helpers.js";

const sig = fakeSigEncoded("real");
const rawSig = fakeSig("real");
const key = fakeAccountKey("real");
const sbKey = fakeServiceBusKey("real-iot");

describe("real files: IoT Hub / DPS tokens and strings are not storage or Service Bus", () => {
  it("IoT Hub device SAS with no skn, expired 2021: iot-sas, info, device identity", () => {
    const f = scanOne(`Authorization: SharedAccessSignature sr=myhub.azure-devices.net%2Fdevices%2Fdev1&sig=${sig}&se=1617837820\n`, [rawSig]);
    expect(f.kind).toBe("iot-sas");
    expect(f.severity).toBe("info");
    expect(f.token).toMatchObject({ account: "myhub", azureService: "iot-hub", deviceId: "dev1", expiry: "2021-04-07T23:23:40Z" });
    expect(reasonIds(f)).toEqual(["device-identity", "expired", "object-scope"]);
    expect(f.summary).not.toMatch(/stored access policy|storage/i);
  });

  it("IoT Hub connection string with registryReadWrite: iot-connection-string, not Service Bus", () => {
    const f = scanOne(`"HostName=myhub.azure-devices.net;SharedAccessKeyName=registryReadWrite;SharedAccessKey=${sbKey}"\n`, [sbKey]);
    expect(f.kind).toBe("iot-connection-string");
    expect(f.severity).toBe("high");
    expect(f.summary).not.toMatch(/Service Bus/);
    expect(f.remediation.join(" ")).toMatch(/az iot hub policy renew-key/);
  });

  it("device connection string: DeviceId, high, device identity", () => {
    const f = scanOne(`HostName=myhub.azure-devices.net;DeviceId=sensor-7;SharedAccessKey=${sbKey}\n`, [sbKey]);
    expect(f.token).toMatchObject({ deviceId: "sensor-7", azureService: "iot-hub" });
    expect(reasonIds(f)).toContain("device-identity");
  });

  it("DPS connection string: iot-dps", () => {
    const f = scanOne(`HostName=mydps.azure-devices-provisioning.net;SharedAccessKeyName=provisioningserviceowner;SharedAccessKey=${sbKey}\n`, [sbKey]);
    expect(f.token.azureService).toBe("iot-dps");
    expect(f.severity).toBe("critical");
  });
});

describe("real files: dates, duplicates, wrapping", () => {
  const q = (se: string) => `sv=2022-11-02&sr=c&sp=rl&se=${se}&spr=https&sig=${sig}`;

  it("lower-case ISO date (azcopy log) is parsed: no 'stored access policy' wording", () => {
    const f = scanOne(`INFO: https://acct.blob.core.windows.net/c?${q("2026-01-02t23:42:28z")}\n`, [rawSig]);
    expect(f.token.expiry).toBe("2026-01-02T23:42:28Z");
    expect(f.severity).toBe("info");
    expect(f.summary).not.toMatch(/stored access policy/);
  });

  it("a lower-cased copy in a Markdown link title is not a second finding", () => {
    const url = `https://acct.blob.core.windows.net/c?${q(inDays(30))}`;
    const f = scanOne(`[download](${url} "${url.toLowerCase()}")\n`, [rawSig]);
    expect(f.line).toBe(1);
  });

  it("signature wrapped at a fixed console width continues on the next line", () => {
    const line = `https://acct.blob.core.windows.net/c?${q(inDays(30))}`;
    const cut = line.length - 10;
    const f = scanOne(`${line.slice(0, cut)}\n${line.slice(cut)}\n`, [rawSig]);
    expect(f.kind).toBe("service-sas");
    expect(f.confidence).toBe("high");
  });

  it("<br> inside a Markdown table cell", () => {
    const line = `https://acct.blob.core.windows.net/c?${q(inDays(30))}`;
    const cut = line.length - 12;
    const f = scanOne(`| link | ${line.slice(0, cut)}<br>${line.slice(cut)} |\n`, [rawSig]);
    expect(f.confidence).toBe("high");
  });

  it("skoid/sktid on the line above (terminal wrap): still a user delegation SAS", () => {
    const head = `https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&sr=b&sp=r&skoid=11111111-2222-3333-4444-555555555555&sktid=66666666-7777`;
    const tail = `-8888-9999-000000000000&skt=${inDays(0)}&ske=${inDays(1)}&sks=b&skv=2022-11-02&se=${inDays(1)}&sig=${sig}`;
    const f = scanOne(`${head}\n${tail}\n`, [rawSig]);
    expect(f.kind).toBe("user-delegation-sas");
    expect(f.line).toBe(2);
  });

  it("two complete tokens on consecutive lines stay two findings", () => {
    const a = `https://acct.blob.core.windows.net/c?${q(inDays(30))}`;
    const b = `https://acct.blob.core.windows.net/d?sv=2022-11-02&sr=c&sp=r&se=${inDays(30)}&sig=${fakeSigEncoded("other")}`;
    expect(scan(`${a}\n${b}\n`)).toHaveLength(2);
  });
});

describe("real files: storage keys", () => {
  it("SQL SECRET = '<key>' with a wasbs:// location nearby", () => {
    const text = `CREATE DATABASE SCOPED CREDENTIAL AzureStorageCredential\nWITH IDENTITY = 'user', SECRET = '${key}';\nCREATE EXTERNAL DATA SOURCE ds WITH (LOCATION = 'wasbs://data@storagetest123.blob.core.windows.net/');\n`;
    const f = scanOne(text, [key], { path: "setup.sql" });
    expect(f.kind).toBe("storage-account-key");
    expect(f.token.account).toBe("storagetest123");
  });

  it.each([
    ["blob host on the same line", `storagetest123.blob.core.windows.net STORAGE_KEY=${key}\n`, "storagetest123"],
    ["-AzureDefaultAccountName on the line above", `-AzureDefaultAccountName="acctps1"\n-AzureDefaultAccountKey="${key}"\n`, "acctps1"],
    ["azurestorageaccountname: in a k8s secret (decoded)", `azurestorageaccountname: acctk8s\nazurestorageaccountkey: ${key}\n`, "acctk8s"],
    ["--account-name on the same line", `az storage blob list --account-name acctcli --account-key ${key}\n`, "acctcli"],
    ['"storageAccountName" on the next line', `"storageAccountKey": "${key}",\n"storageAccountName": "acctjson"\n`, "acctjson"],
  ])("account of a bare key: %s", (_n, text, account) => {
    const f = scanOne(text, [key]);
    expect(f.token.account).toBe(account);
    expect(f.remediation[0]).toContain(`\`${account}\``);
  });
});

it("account of a bare key: the AKS Azure Files Kubernetes Secret (base64 entries)", () => {
  const b64 = (v: string) => Buffer.from(v).toString("base64");
  const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: azure-secret\ntype: Opaque\ndata:\n  azurestorageaccountname: ${b64("acctaks")}\n  azurestorageaccountkey: ${b64(key)}\n`;
  const f = scanOne(text, [key, b64(key)], { path: "k8s/azure-secret.yaml" });
  expect(f.kind).toBe("storage-account-key");
  expect(f.token.account).toBe("acctaks");
});

describe("real files: false positives", () => {
  it("an emulator key variant next to accountName = 'devstoreaccount1' (floci)", () => {
    expect(scan(`accountName = 'devstoreaccount1'\naccountKey = '${key}'\n`)).toEqual([]);
  });

  it("AccountKey made of an alphabet run", () => {
    const run = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890abcdefghijklmnopqrstuvwx==";
    expect(run).toHaveLength(88);
    expect(scan(`DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${run};EndpointSuffix=core.windows.net\n`)).toEqual([]);
  });

  it("a 17-byte fake signature that reads as words (sanitizer test): not reported", () => {
    const fake = encodeURIComponent(["Some", "Masked", "Value7Q2xYwAb="].join(""));
    expect(Buffer.from(decodeURIComponent(fake), "base64")).toHaveLength(17);
    expect(scan(`url = "https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sr=b&sp=r&se=2030-01-01&sig=${fake}"\n`, { path: "test_sanitizer.py" })).toEqual(
      [],
    );
  });
});

describe("real files: risk model gaps", () => {
  const base = `https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c&se=${inDays(30)}&spr=https&sig=${sig}`;

  it("sip=0.0.0.0-255.255.255.255 restricts nothing: no IP discount", () => {
    const open = scanOne(`${base}&sp=rl&sip=0.0.0.0-255.255.255.255\n`, [rawSig]);
    const none = scanOne(`${base}&sp=rl\n`, [rawSig]);
    expect(open.severity).toBe(none.severity);
    expect(reasonIds(open)).toContain("ip-range-open");
    expect(reasonIds(open)).not.toContain("ip-restricted");
  });

  it("st in year 9999: info, not-yet-valid", () => {
    const f = scanOne(`${base}&sp=rwdl&st=9999-01-01T00:00:00Z\n`.replace(`se=${inDays(30)}`, "se=9999-12-31T00:00:00Z"), [rawSig]);
    expect(f.severity).toBe("info");
    expect(reasonIds(f)).toContain("not-yet-valid");
  });

  it.each([
    ["sp=rqx", "&sp=rqx", /`q`.*not a permission letter/],
    ["sip=168.1.6", "&sp=r&sip=168.1.6", /sip=168\.1\.6 is not an IPv4 address/],
  ])("%s is said to be malformed", (_n, extra, words) => {
    const f = scanOne(`${base}${extra}\n`, [rawSig]);
    const r = f.reasons.find((x) => x.id === "malformed-field");
    expect(r?.message).toMatch(words);
  });
});

describe("real files: double encodings", () => {
  it("a SAS URL doubly encoded inside another URL (%2526sig%253D)", () => {
    const inner = `https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&se=${inDays(30)}&sig=${sig}`;
    const f = scanOne(`https://portal.example.com/open?u=${encodeURIComponent(encodeURIComponent(inner))}\n`, [rawSig]);
    expect(f.kind).toBe("service-sas");
    expect(f.confidence).toBe("high");
  });

  it("a query whose sig value alone is double-encoded", () => {
    const f = scanOne(`https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=rl&se=${inDays(30)}&sig=${encodeURIComponent(sig)}\n`, [rawSig]);
    expect(f.confidence).toBe("high");
  });
});

describe("real files: Service Bus family named by service", () => {
  it("Notification Hubs DefaultFullSharedAccessSignature: full control, critical", () => {
    const f = scanOne(`Endpoint=sb://hubs-ns.servicebus.windows.net/;SharedAccessKeyName=DefaultFullSharedAccessSignature;SharedAccessKey=${sbKey}\n`, [sbKey]);
    expect(f.kind).toBe("connection-string");
    expect(f.token.azureService).toBe("notification-hubs");
    expect(f.severity).toBe("critical");
    expect(f.summary).toMatch(/^Notification Hubs connection string/);
  });

  it("Notification Hubs DefaultListenSharedAccessSignature: high", () => {
    expect(
      scanOne(`Endpoint=sb://hubs-ns.servicebus.windows.net/;SharedAccessKeyName=DefaultListenSharedAccessSignature;SharedAccessKey=${sbKey}\n`, [sbKey])
        .severity,
    ).toBe("high");
  });

  it("Relay hybrid connection string: named Relay", () => {
    const f = scanOne(
      `RELAY_CONNECTION="Endpoint=sb://relay-ns.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=${sbKey};EntityPath=hc1"\n`,
      [sbKey],
    );
    expect(f.token.azureService).toBe("relay");
    expect(f.summary).toMatch(/^Relay connection string/);
  });

  it("a Service Bus SAS still works as before (skn, servicebus host, Unix se)", () => {
    const f = scanOne(`SharedAccessSignature sr=https%3A%2F%2Fns.servicebus.windows.net%2F&sig=${sig}&se=${unixInDays(400)}&skn=RootManageSharedAccessKey\n`, [
      rawSig,
    ]);
    expect(f.kind).toBe("servicebus-sas");
    expect(f.severity).toBe("critical");
  });
});

it("every row above stays safe (no leak) when scanned together", () => {
  const text = `HostName=myhub.azure-devices.net;DeviceId=d;SharedAccessKey=${sbKey}\nACCOUNT_KEY="${key}"\n`;
  expectSafeFindings(scan(text), [sbKey, key]);
});
