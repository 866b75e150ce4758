// Verification against a real storage endpoint: Azurite, started on a free loopback port, with tokens minted by
// @azure/storage-blob for its development account. The endpoint is reached only because verify.allowEndpoints
// lists it, exactly as a repository would allow an emulator.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import http from "node:http";
import {
  AccountSASPermissions,
  BlobServiceClient,
  ContainerSASPermissions,
  StorageSharedKeyCredential,
  generateAccountSASQueryParameters,
  generateBlobSASQueryParameters,
  type ContainerClient,
} from "@azure/storage-blob";
import { verifyFinding, type VerifyOptions } from "../../src/verify/verify-finding.js";
import { DEV_ACCOUNT, DEV_KEY, startAzurite, type Azurite } from "./azurite.js";
import { freePort, keyFinding, recordingServer, sasFinding, type RecordingServer } from "./helpers.js";

const HOUR = 3_600_000;
const cred = new StorageSharedKeyCredential(DEV_ACCOUNT, DEV_KEY);
const later = () => new Date(Date.now() + HOUR);

let azurite: Azurite;
let container: ContainerClient;
let options: VerifyOptions;

const accountSas = (o: { expiresOn?: Date; startsOn?: Date; ipRange?: { start: string; end?: string } } = {}): string =>
  generateAccountSASQueryParameters(
    {
      expiresOn: o.expiresOn ?? later(),
      startsOn: o.startsOn,
      permissions: AccountSASPermissions.parse("rl"),
      resourceTypes: "sco",
      services: "b",
      ipRange: o.ipRange,
    },
    cred,
  ).toString();

const containerSas = (permissions: string, extra: { identifier?: string } = {}): string =>
  generateBlobSASQueryParameters(
    extra.identifier
      ? { containerName: "reports", identifier: extra.identifier }
      : { containerName: "reports", expiresOn: later(), permissions: ContainerSASPermissions.parse(permissions) },
    cred,
  ).toString();

beforeAll(async () => {
  azurite = await startAzurite();
  options = { allowEndpoints: [`127.0.0.1:${azurite.port}`], timeoutMs: 5000 };
  container = new BlobServiceClient(azurite.url, cred).getContainerClient("reports");
  await container.create();
  await container.setAccessPolicy(undefined, [{ id: "readers", accessPolicy: { permissions: "r", expiresOn: later() } }]);
}, 30_000);

afterAll(async () => {
  await azurite?.stop();
});

describe("verification against Azurite", () => {
  it("live account SAS: live, HTTP 200", async () => {
    const v = await verifyFinding(sasFinding(`${azurite.url}/?${accountSas()}`), options);
    expect(v).toMatchObject({ status: "live", statusCode: 200, endpoint: `http://127.0.0.1:${azurite.port}` });
    expect(v.detail).toMatch(/^Get Account Information: the service accepted it/);
  });

  it("live container SAS (read): live, HTTP 200", async () => {
    const v = await verifyFinding(sasFinding(`${azurite.url}/reports?${containerSas("r")}`), options);
    expect(v).toMatchObject({ status: "live", statusCode: 200 });
  });

  it("live container SAS without read: live (signature accepted, probe not permitted: AuthorizationPermissionMismatch)", async () => {
    const v = await verifyFinding(sasFinding(`${azurite.url}/reports?${containerSas("l")}`), options);
    expect(v).toMatchObject({ status: "live", statusCode: 403, errorCode: "AuthorizationPermissionMismatch" });
  });

  it("expired SAS: expired", async () => {
    const sas = accountSas({ startsOn: new Date(Date.now() - 3 * HOUR), expiresOn: new Date(Date.now() - HOUR) });
    const v = await verifyFinding(sasFinding(`${azurite.url}/?${sas}`), options);
    expect(v).toMatchObject({ status: "expired", statusCode: 403 });
  });

  it("SAS bound to a stored access policy: live while the policy exists, revoked once it is deleted", async () => {
    const finding = sasFinding(`${azurite.url}/reports?${containerSas("", { identifier: "readers" })}`);
    expect(finding.token.storedPolicy).toBe("readers");
    expect(await verifyFinding(finding, options)).toMatchObject({ status: "live", statusCode: 200 });
    await container.setAccessPolicy(undefined, []);
    const v = await verifyFinding(finding, options);
    expect(v).toMatchObject({ status: "revoked", statusCode: 403 });
    expect(v.detail).toContain('stored access policy "readers"');
  });

  it("SAS with a tampered signature: revoked (revoked or invalid signature)", async () => {
    const sas = accountSas();
    const sig = new URLSearchParams(sas).get("sig")!;
    const tampered = sas.replace(encodeURIComponent(sig), encodeURIComponent(`${sig[0] === "A" ? "B" : "A"}${sig.slice(1)}`));
    expect(tampered).not.toBe(sas);
    const v = await verifyFinding(sasFinding(`${azurite.url}/?${tampered}`), options);
    expect(v).toMatchObject({ status: "revoked", statusCode: 403 });
  });

  it("live connection string (account key, Shared Key-signed request): live; a wrong key: revoked", async () => {
    expect(await verifyFinding(keyFinding(azurite.url, DEV_ACCOUNT, DEV_KEY), options)).toMatchObject({ status: "live", statusCode: 200 });
    const otherKey = Buffer.alloc(64, 7).toString("base64");
    expect(await verifyFinding(keyFinding(azurite.url, DEV_ACCOUNT, otherKey), options)).toMatchObject({ status: "revoked", statusCode: 403 });
  });

  it("unreachable account (no such account on the endpoint): account-not-found", async () => {
    const other = new StorageSharedKeyCredential("goneaccount", DEV_KEY);
    const sas = generateAccountSASQueryParameters(
      { expiresOn: later(), permissions: AccountSASPermissions.parse("r"), resourceTypes: "s", services: "b" },
      other,
    ).toString();
    const v = await verifyFinding(sasFinding(`http://127.0.0.1:${azurite.port}/goneaccount/?${sas}`), options);
    expect(v).toMatchObject({ status: "account-not-found", statusCode: 404, errorCode: "ResourceNotFound" });
  });

  it("unreachable endpoint (nothing listens): unknown, network error", async () => {
    const port = await freePort();
    const v = await verifyFinding(sasFinding(`http://127.0.0.1:${port}/${DEV_ACCOUNT}/?${accountSas()}`), {
      ...options,
      allowEndpoints: [`127.0.0.1:${port}`],
    });
    expect(v.status).toBe("unknown");
    expect(v.detail).toMatch(/network error \(ECONNREFUSED\)/);
  });

  it("never puts the signature in the result", async () => {
    const finding = sasFinding(`${azurite.url}/?${accountSas()}`);
    const v = await verifyFinding(finding, options);
    expect(JSON.stringify(v)).not.toContain(finding.secret.reveal());
    expect(JSON.stringify(v)).not.toContain(encodeURIComponent(finding.secret.reveal()));
  });
});

// Azurite accepts any caller IP (its SAS authenticators' validateIPRange() is a TODO that returns true), so this
// loopback front enforces `sip` the way Azure does (403 AuthorizationSourceIPMismatch) and passes everything else
// to Azurite untouched.
describe("SAS with an IP range that excludes the caller", () => {
  let front: RecordingServer;
  const ipv4 = (a: string): number => a.split(".").reduce((n, o) => n * 256 + Number(o), 0);
  beforeAll(async () => {
    front = await recordingServer((req, res) => {
      const sip = new URL(req.url ?? "/", "http://front").searchParams.get("sip");
      const caller = (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
      const [lo, hi = lo] = (sip ?? "").split("-");
      if (sip && (ipv4(caller) < ipv4(lo) || ipv4(caller) > ipv4(hi))) {
        res.writeHead(403, { "x-ms-error-code": "AuthorizationSourceIPMismatch", "content-type": "application/xml" });
        res.end(
          `<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthorizationSourceIPMismatch</Code><Message>This request is not authorized to perform this operation using this source IP ${caller}.</Message></Error>`,
        );
        return;
      }
      const upstream = http.request(
        { host: "127.0.0.1", port: azurite.port, path: req.url, method: req.method, headers: { ...req.headers, host: `127.0.0.1:${azurite.port}` } },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      req.pipe(upstream);
    });
  });
  afterAll(() => front.close());

  it("ip-restricted, with the service's error code as evidence", async () => {
    const sas = accountSas({ ipRange: { start: "203.0.113.0", end: "203.0.113.255" } });
    const v = await verifyFinding(sasFinding(`http://127.0.0.1:${front.port}/${DEV_ACCOUNT}/?${sas}`), {
      ...options,
      allowEndpoints: [`127.0.0.1:${front.port}`],
    });
    expect(v).toMatchObject({ status: "ip-restricted", statusCode: 403, errorCode: "AuthorizationSourceIPMismatch" });
  });

  it("the same front passes a token whose range includes the caller through to Azurite: live", async () => {
    const sas = accountSas({ ipRange: { start: "127.0.0.1" } });
    const v = await verifyFinding(sasFinding(`http://127.0.0.1:${front.port}/${DEV_ACCOUNT}/?${sas}`), {
      ...options,
      allowEndpoints: [`127.0.0.1:${front.port}`],
    });
    expect(v).toMatchObject({ status: "live", statusCode: 200 });
  });
});
