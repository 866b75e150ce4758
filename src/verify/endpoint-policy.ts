// Where verification may send its one request. Only Azure Storage's own public endpoints, over HTTPS on 443, plus
// what the repository's default-branch config lists in `verify.allowEndpoints` (an emulator, a test server). A token
// decides nothing here: its host is checked against these rules before any name is resolved.
import { isIP } from "node:net";

export interface Endpoint {
  scheme: "https" | "http";
  /** Lower-case host name or IP literal, without brackets. */
  host: string;
  port: number;
}

// Azure public cloud, Azure China and Azure US Government (https://learn.microsoft.com/azure/storage/common/storage-account-overview#standard-endpoints).
// The retired German cloud (core.cloudapi.de) no longer answers: not allowed.
const AZURE_STORAGE_HOST = /^[a-z0-9]{3,24}(?:-secondary)?\.(?:blob|file|queue|table|dfs)\.core\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)$/;

export const isAzureStorageHost = (host: string): boolean => AZURE_STORAGE_HOST.test(host);

export const defaultPort = (scheme: Endpoint["scheme"]): number => (scheme === "https" ? 443 : 80);

/** `https://host[:port]`: how an endpoint is shown (IPv6 in brackets, default port left out). */
export function origin(e: Endpoint): string {
  const host = isIP(e.host) === 6 ? `[${e.host}]` : e.host;
  return `${e.scheme}://${host}${e.port === defaultPort(e.scheme) ? "" : `:${e.port}`}`;
}

/**
 * True when `verify.allowEndpoints` names this endpoint: `host:port` exactly, or `host` alone for the scheme's
 * default port. An allowed endpoint may be plain HTTP and may resolve to a private or loopback address.
 */
export function isAllowlisted(e: Endpoint, allowEndpoints: readonly string[]): boolean {
  return allowEndpoints.some((entry) => {
    const m = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d+))?$/.exec(entry.trim().toLowerCase());
    if (!m) return false;
    const host = m[1] ?? m[2];
    const port = m[3] === undefined ? defaultPort(e.scheme) : Number(m[3]);
    return host === e.host && port === e.port;
  });
}

export type EndpointDecision = { allowed: true; allowlisted: boolean } | { allowed: false; why: string };

export function decideEndpoint(e: Endpoint, allowEndpoints: readonly string[]): EndpointDecision {
  if (isAllowlisted(e, allowEndpoints)) return { allowed: true, allowlisted: true };
  if (!isAzureStorageHost(e.host)) {
    return {
      allowed: false,
      why: `${origin(e)} is not an Azure Storage endpoint (*.blob|file|queue|table|dfs.core.windows.net or a sovereign cloud) and is not listed in verify.allowEndpoints`,
    };
  }
  if (e.scheme !== "https" || e.port !== 443) {
    return { allowed: false, why: `${origin(e)}: Azure Storage is only asked over HTTPS on port 443` };
  }
  return { allowed: true, allowlisted: false };
}
