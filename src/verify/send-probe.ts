// Sends the one request: pinned to the address resolve-host.ts checked, no connection reuse, no redirects followed
// (node:http never follows them), one deadline for the whole exchange, and at most a few KiB of the answer read.
// Errors carry only a code: the request line holds the SAS, so neither it nor the URL appears in any message.
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import type { Endpoint } from "./endpoint-policy.js";
import type { ResolvedAddress } from "./resolve-host.js";

export interface ProbeRequest {
  endpoint: Endpoint;
  pinned: ResolvedAddress;
  /** Path and query, holding the secret for a SAS. */
  target: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

export interface ProbeAnswer {
  statusCode: number;
  errorCode?: string;
  /** The error body's <Message> and <AuthenticationErrorDetail>, first lines only (they never echo the signature). */
  message?: string;
  authenticationDetail?: string;
  /** Host a redirect pointed to (never followed). */
  redirectHost?: string;
}

export class ProbeError extends Error {
  constructor(
    readonly code: "timeout" | "network",
    message: string,
  ) {
    super(message);
  }
}

export type SendProbe = (request: ProbeRequest) => Promise<ProbeAnswer>;

const MAX_BODY_BYTES = 8192;

const tag = (xml: string, name: string): string | undefined => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]?.split("\n")[0]?.trim() || undefined;

function redirectHost(location: string | undefined): string | undefined {
  if (!location) return undefined;
  try {
    return new URL(location, "https://invalid.invalid/").host;
  } catch {
    return "an unreadable location";
  }
}

export const sendProbe: SendProbe = (r) =>
  new Promise((resolve, reject) => {
    // Whatever name the socket layer asks about, it gets the checked address: no second DNS lookup happens.
    const pinnedLookup = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
      if (options?.all) callback(null, [{ address: r.pinned.address, family: r.pinned.family }]);
      else callback(null, r.pinned.address, r.pinned.family);
    }) as unknown as LookupFunction;
    const transport = r.endpoint.scheme === "https" ? https : http;
    const req = transport.request({
      protocol: `${r.endpoint.scheme}:`,
      hostname: r.endpoint.host,
      port: r.endpoint.port,
      path: r.target,
      method: "GET",
      headers: r.headers,
      lookup: pinnedLookup,
      agent: false,
      // TLS checks the certificate against the host name, not the pinned address.
      ...(r.endpoint.scheme === "https" && isIP(r.endpoint.host) === 0 ? { servername: r.endpoint.host } : {}),
    });
    const timer = setTimeout(() => {
      req.destroy(new ProbeError("timeout", `no answer within ${r.timeoutMs} ms`));
    }, r.timeoutMs);
    req.on("error", (error) => {
      clearTimeout(timer);
      reject(error instanceof ProbeError ? error : new ProbeError("network", `network error (${(error as NodeJS.ErrnoException).code ?? "unknown"})`));
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let finished = false;
      const done = () => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        const body = Buffer.concat(chunks).toString("utf8");
        const header = res.headers["x-ms-error-code"];
        resolve({
          statusCode: res.statusCode ?? 0,
          errorCode: (Array.isArray(header) ? header[0] : header) ?? tag(body, "Code"),
          message: tag(body, "Message"),
          authenticationDetail: tag(body, "AuthenticationErrorDetail"),
          redirectHost: res.statusCode && res.statusCode >= 300 && res.statusCode < 400 ? redirectHost(res.headers.location) : undefined,
        });
        res.destroy();
      };
      res.on("data", (chunk: Buffer) => {
        if (size >= MAX_BODY_BYTES) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_BODY_BYTES) done();
      });
      res.on("end", done);
      res.on("error", () => done());
    });
    req.end();
  });
