// A loopback HTTP endpoint that answers Azure Storage's verification probe the way the service does: 200 for a
// token it accepts, 403 AuthenticationFailed for one it does not (revoked, or signed with a rotated key). It listens
// on 127.0.0.2, a loopback address the engine does not treat as an emulator (127.0.0.1 and Azurite hosts carry only
// published, non-secret tokens and are dropped), so tokens for it travel the whole pipeline: detection, then the
// real verifier (address policy, request, classification), then exposure. Not a test file.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fakeSig, fakeSigEncoded } from "./fake-secrets.js";

export interface FakeStorage {
  /** `127.0.0.2:port`, for verify.allowEndpoints. */
  endpoint: string;
  /** A read-only container SAS valid until 2030 (medium on its own); `revoked`: the endpoint refuses it. */
  token(seed: string, o?: { revoked?: boolean }): string;
  /** Probes received. */
  requests: number;
  close(): Promise<void>;
}

export const FAKE_STORAGE_HOST = "127.0.0.2";

export async function startFakeStorage(): Promise<FakeStorage> {
  const revoked = new Set<string>();
  const storage: FakeStorage = { endpoint: "", requests: 0, token: () => "", close: async () => undefined };
  const server = http.createServer((req, res) => {
    storage.requests++;
    const sig = new URL(req.url ?? "/", "http://x").searchParams.get("sig") ?? "";
    if (revoked.has(sig)) {
      res.writeHead(403, { "x-ms-error-code": "AuthenticationFailed", "content-type": "application/xml" });
      res.end(
        '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request.</Message></Error>',
      );
      return;
    }
    res.writeHead(200, { "x-ms-sku-name": "Standard_LRS", "x-ms-account-kind": "StorageV2" });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, FAKE_STORAGE_HOST, resolve));
  const { port } = server.address() as AddressInfo;
  storage.endpoint = `${FAKE_STORAGE_HOST}:${port}`;
  storage.token = (seed, o = {}) => {
    if (o.revoked) revoked.add(fakeSig(seed));
    return `http://${storage.endpoint}/data?sv=2022-11-02&sr=c&sp=rl&se=2030-01-01T00:00:00Z&spr=https,http&sig=${fakeSigEncoded(seed)}`;
  };
  storage.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return storage;
}

/** `.github/sas-guard.yml` that turns verification on for the fake endpoint. */
export const verifyConfig = (storage: FakeStorage): string => `verify:\n  enabled: true\n  allowEndpoints:\n    - "${storage.endpoint}"\n`;
