// The verifier must never become a way to make SAS Guard call arbitrary hosts. Every case below is refused before
// any connection: the DNS stub and the transport are spies, and loopback servers count the connections they get.
// All traffic stays on loopback; no real DNS lookup happens (every lookup is a stub).
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import { forbiddenAddress } from "../../src/verify/address-policy.js";
import type { LookupAll } from "../../src/verify/resolve-host.js";
import { sendProbe, type SendProbe } from "../../src/verify/send-probe.js";
import { verifyFinding } from "../../src/verify/verify-finding.js";
import { recordingServer, sasFinding, type RecordingServer } from "./helpers.js";

const SAS = "sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2099-01-01T00:00:00Z&sig=" + encodeURIComponent(Buffer.alloc(32, 9).toString("base64"));

const servers: RecordingServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const server = async (...args: Parameters<typeof recordingServer>) => {
  const s = await recordingServer(...args);
  servers.push(s);
  return s;
};

const spies = (answers: Record<string, string[]> = {}) => {
  const lookup = jest.fn<LookupAll>(async (host) => {
    const list = answers[host];
    if (!list) throw Object.assign(new Error(`no stub for ${host}`), { code: "ENOTFOUND" });
    return list.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  });
  const send = jest.fn<SendProbe>(async () => ({ statusCode: 200 }));
  return { lookup, send };
};

describe("refused before any connection", () => {
  it("a token pointing to the cloud metadata address http://169.254.169.254/", async () => {
    const { lookup, send } = spies();
    const v = await verifyFinding(sasFinding(`http://169.254.169.254/?${SAS}`), { allowEndpoints: [], timeoutMs: 1000, lookup, send });
    expect(v.status).toBe("refused");
    expect(v.detail).toMatch(/not asked: http:\/\/169\.254\.169\.254 is not an Azure Storage endpoint/);
    expect(lookup).not.toHaveBeenCalled();
    expect(send).not.toHaveBeenCalled();
  });

  it("https://localhost (a listening loopback server gets no connection)", async () => {
    const listener = await server();
    const v = await verifyFinding(sasFinding(`https://localhost:${listener.port}/devstoreaccount1/container?${SAS.replace("ss=b&srt=sco&", "sr=c&")}`), {
      allowEndpoints: [],
      timeoutMs: 1000,
    });
    expect(v.status).toBe("refused");
    expect(v.detail).toContain(`https://localhost:${listener.port} is not an Azure Storage endpoint`);
    await new Promise((r) => setTimeout(r, 50));
    expect(listener.connections).toBe(0);
  });

  it("a loopback IP that is not in verify.allowEndpoints (a server listens there: no connection)", async () => {
    const listener = await server();
    const v = await verifyFinding(sasFinding(`http://127.0.0.1:${listener.port}/devstoreaccount1/?${SAS}`), {
      allowEndpoints: [`127.0.0.1:${listener.port + 1}`],
      timeoutMs: 1000,
    });
    expect(v.status).toBe("refused");
    await new Promise((r) => setTimeout(r, 50));
    expect(listener.connections).toBe(0);
  });

  it.each([
    ["10.1.2.3", "a private address"],
    ["127.0.0.1", "a loopback address"],
    ["169.254.169.254", "a link-local address"],
    ["fd12::1", "a unique-local (private) address"],
    ["::ffff:192.168.1.1", "a private address"],
  ])("an Azure host name whose (stubbed) DNS answer is %s", async (address, why) => {
    const { lookup, send } = spies({ "evilacct.blob.core.windows.net": ["52.239.1.1", address] });
    const v = await verifyFinding(sasFinding(`https://evilacct.blob.core.windows.net/?${SAS}`), { allowEndpoints: [], timeoutMs: 1000, lookup, send });
    expect(v.status).toBe("refused");
    expect(v.detail).toContain(`evilacct.blob.core.windows.net resolves to ${address}, ${why}`);
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(send).not.toHaveBeenCalled();
  });

  it("an Azure host over plain HTTP is asked over HTTPS instead, never HTTP", async () => {
    const { lookup, send } = spies({ "acct.blob.core.windows.net": ["52.239.1.1"] });
    await verifyFinding(sasFinding(`http://acct.blob.core.windows.net/?${SAS}`), { allowEndpoints: [], timeoutMs: 1000, lookup, send });
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0][0].endpoint).toEqual({ scheme: "https", host: "acct.blob.core.windows.net", port: 443 });
    expect(send.mock.calls[0][0].pinned).toEqual({ address: "52.239.1.1", family: 4 });
  });

  it("a look-alike host (blob.core.windows.net.evil.example) is not Azure", async () => {
    const { lookup, send } = spies();
    const v = await verifyFinding(sasFinding(`https://acct.blob.core.windows.net.evil.example/?${SAS}`), { allowEndpoints: [], timeoutMs: 1000, lookup, send });
    expect(v.status).toBe("refused");
    expect(lookup).not.toHaveBeenCalled();
  });
});

describe("a redirect to another host", () => {
  it("is never followed: the other host gets no connection and the result says why", async () => {
    const target = await server();
    const redirector = await server((_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${target.port}/steal?x=1` });
      res.end();
    });
    const v = await verifyFinding(sasFinding(`http://127.0.0.1:${redirector.port}/devstoreaccount1/?${SAS}`), {
      allowEndpoints: [`127.0.0.1:${redirector.port}`],
      timeoutMs: 2000,
    });
    expect(v).toMatchObject({ status: "unknown", statusCode: 302 });
    expect(v.detail).toContain(`redirect to 127.0.0.1:${target.port}, which is never followed`);
    expect(redirector.requests).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(target.connections).toBe(0);
  });
});

describe("DNS rebinding", () => {
  it("resolves once and connects to the address it checked", async () => {
    const listener = await server();
    let calls = 0;
    // First answer: loopback (allowed, the endpoint is allowlisted); any second lookup would get a private address.
    const lookup: LookupAll = async () => (calls++ === 0 ? [{ address: "127.0.0.1", family: 4 }] : [{ address: "10.9.9.9", family: 4 }]);
    const v = await verifyFinding(sasFinding(`http://storage.test:${listener.port}/devstoreaccount1/?${SAS}`), {
      allowEndpoints: [`storage.test:${listener.port}`],
      timeoutMs: 2000,
      lookup,
    });
    expect(v).toMatchObject({ status: "live", statusCode: 200 });
    expect(calls).toBe(1);
    expect(listener.requests).toHaveLength(1);
    expect(listener.requests[0].headers.host).toBe(`storage.test:${listener.port}`);
  });
});

describe("bounded", () => {
  it("one attempt, cut off at timeoutMs: unknown", async () => {
    const silent = await server(() => undefined); // never answers
    const started = Date.now();
    const v = await verifyFinding(sasFinding(`http://127.0.0.1:${silent.port}/devstoreaccount1/?${SAS}`), {
      allowEndpoints: [`127.0.0.1:${silent.port}`],
      timeoutMs: 200,
    });
    expect(v.status).toBe("unknown");
    expect(v.detail).toContain("no answer within 200 ms");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(silent.requests).toHaveLength(1);
  });

  it("sends one GET with the SAS in its request line, after the probe's own parameters", async () => {
    const listener = await server();
    const v = await verifyFinding(sasFinding(`http://127.0.0.1:${listener.port}/devstoreaccount1/?${SAS}`), {
      allowEndpoints: [`127.0.0.1:${listener.port}`],
      timeoutMs: 1000,
      send: sendProbe,
    });
    expect(v.status).toBe("live");
    expect(listener.requests[0].url).toMatch(
      /^\/devstoreaccount1\/\?restype=account&comp=properties&sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2099-01-01T00%3A00%3A00Z&sig=/,
    );
    expect(listener.requests[0].method).toBe("GET");
  });
});

describe("forbiddenAddress", () => {
  it.each([
    ["0.0.0.0", true],
    ["10.0.0.1", true],
    ["100.64.0.1", true],
    ["127.0.0.53", true],
    ["169.254.169.254", true],
    ["172.16.5.4", true],
    ["192.168.0.1", true],
    ["::1", true],
    ["fe80::1", true],
    ["fc00::1", true],
    ["::", true],
    ["52.239.1.1", false],
    ["20.60.0.1", false],
    ["2603:1030::1", false],
    ["not-an-ip", true],
  ])("%s forbidden: %s", (address, forbidden) => {
    expect(forbiddenAddress(address) !== undefined).toBe(forbidden);
  });
});
