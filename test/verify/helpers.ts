// Findings built by hand for the verifier (the engine deliberately drops emulator tokens and keys), and a loopback
// server that records every connection, to prove that a refused request never connected.
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Secret } from "../../src/detect/secret.js";
import type { Finding, FindingKind } from "../../src/detect/types.js";

const FIELD: Record<string, keyof Finding["token"]> = {
  ss: "services",
  srt: "resourceTypes",
  sr: "resource",
  sp: "permissions",
  st: "start",
  se: "expiry",
  spr: "protocol",
  sip: "ipRange",
  si: "storedPolicy",
  sv: "version",
};

const fingerprintOf = (secret: string): string => `sg1:${createHash("sha256").update(secret).digest("hex").slice(0, 24)}`;

function base(kind: FindingKind, token: Finding["token"], redacted: string, secret: string, overrides: Partial<Finding>): Finding {
  return {
    kind,
    path: "config/app.env",
    line: 1,
    column: 1,
    endColumn: 2,
    severity: "high",
    baseSeverity: "high",
    confidence: "high",
    reasons: [{ id: "write", message: "It can change data." }],
    remediation: ["Rotate the key."],
    violations: [],
    token,
    fingerprint: fingerprintOf(secret),
    redacted,
    secret: new Secret(secret, redacted),
    summary: `${kind} for a test`,
    ...overrides,
  };
}

/** A finding for a SAS URL as the engine would build it: fields parsed, signature only in the Secret. */
export function sasFinding(url: string, overrides: Partial<Finding> = {}): Finding {
  const u = new URL(url);
  const sig = u.searchParams.get("sig") ?? "";
  const params = [...u.searchParams].map(([k, v]) => `${k}=${k === "sig" ? "<redacted>" : v}`).join("&");
  const redacted = `${u.origin}${u.pathname}?${params}`;
  const kind: FindingKind = u.searchParams.has("skoid") ? "user-delegation-sas" : u.searchParams.has("ss") ? "account-sas" : "service-sas";
  const segments = u.pathname.split("/").filter(Boolean);
  const token: Finding["token"] = { host: u.host, resourcePath: u.pathname === "/" ? undefined : u.pathname, service: "blob" };
  // Path-style (emulator) URLs carry the account first; Azure hosts carry it in the host name.
  token.account = /\.core\./.test(u.hostname) ? u.hostname.split(".")[0] : segments[0];
  for (const [k, v] of u.searchParams) if (FIELD[k]) (token as Record<string, string>)[FIELD[k]] = v;
  return base(kind, token, redacted, sig, overrides);
}

/** A storage connection string finding (account key) for an endpoint such as Azurite's `http://127.0.0.1:port/devstoreaccount1`. */
export function keyFinding(endpoint: string, account: string, key: string, overrides: Partial<Finding> = {}): Finding {
  const u = new URL(endpoint);
  const redacted = `DefaultEndpointsProtocol=${u.protocol.slice(0, -1)};AccountName=${account};AccountKey=<redacted>;BlobEndpoint=${endpoint}`;
  const token: Finding["token"] = {
    account,
    host: u.host,
    resourcePath: u.pathname === "/" ? undefined : u.pathname,
    defaultProtocol: u.protocol.slice(0, -1),
  };
  return base("connection-string", token, redacted, key, overrides);
}

export interface RecordingServer {
  port: number;
  connections: number;
  requests: { method?: string; url?: string; headers: http.IncomingHttpHeaders }[];
  close: () => Promise<void>;
}

/** A loopback HTTP server counting connections and requests; `handler` answers (default: 200, empty). */
export async function recordingServer(handler?: http.RequestListener): Promise<RecordingServer> {
  const rec: RecordingServer = { port: 0, connections: 0, requests: [], close: async () => undefined };
  const server = http.createServer((req, res) => {
    rec.requests.push({ method: req.method, url: req.url, headers: req.headers });
    if (handler) handler(req, res);
    else res.end();
  });
  server.on("connection", () => rec.connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  rec.port = (server.address() as AddressInfo).port;
  rec.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return rec;
}

/** A free loopback port (listen on 0, read it, close). */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
