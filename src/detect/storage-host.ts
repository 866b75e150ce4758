// What a host name says about the credential: storage account and service, Service Bus namespace, emulator.
import type { StorageService } from "./types.js";

// Public cloud, China, US Government (and the retired German cloud, still found in old repos).
const SUFFIX = String.raw`core\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net|cloudapi\.de)`;
const STORAGE_HOST = new RegExp(String.raw`\b([a-z0-9]{3,24})(?:-secondary)?\.(blob|file|queue|table|dfs|z\d{1,2}\.web)\.${SUFFIX}\b`, "i");
const SERVICEBUS_HOST = /\b([a-z][a-z0-9-]{4,49})\.(?:servicebus\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)|eventhub\.windows\.net)\b/i;

export interface HostInfo {
  host: string;
  account?: string;
  service?: StorageService;
  /** The path after the host, e.g. `/container/blob.txt`. */
  path?: string;
  emulator: boolean;
}

// Azurite and the old storage emulator: signed with a published key, they open only a local emulator (SEVERITY.md §4).
const EMULATOR = /^(?:127\.0\.0\.1|localhost|\[::1\]|[a-z0-9-]*azurite[a-z0-9-]*)(?::\d+)?$/i;

/** Reads a URL's host and path; `null` when it is not a URL. */
export function parseUrl(url: string): HostInfo | null {
  const m = /^[a-z]+:\/\/([^/?#\s]+)([^?#\s]*)/i.exec(url);
  if (!m) return null;
  const host = m[1].toLowerCase();
  const path = m[2] || undefined;
  const storage = STORAGE_HOST.exec(host);
  const emulatorPath = path?.startsWith("/devstoreaccount1") ?? false;
  if (storage && storage[0].length === host.length) {
    const svc = storage[2].toLowerCase();
    return { host, account: storage[1].toLowerCase(), service: (svc.endsWith(".web") ? "web" : svc) as StorageService, path, emulator: false };
  }
  const sb = SERVICEBUS_HOST.exec(host);
  if (sb) return { host, account: sb[1].toLowerCase(), path, emulator: false };
  if (EMULATOR.test(host) || emulatorPath) {
    return { host, account: emulatorPath ? "devstoreaccount1" : undefined, path, emulator: true };
  }
  return { host, path, emulator: false };
}

/** Finds a storage host anywhere in `text` (a line, a connection string). */
export function findStorageHost(text: string): HostInfo | null {
  const m = STORAGE_HOST.exec(text);
  if (!m) return null;
  const svc = m[2].toLowerCase();
  return { host: m[0].toLowerCase(), account: m[1].toLowerCase(), service: (svc.endsWith(".web") ? "web" : svc) as StorageService, emulator: false };
}

export function findServiceBusHost(text: string): HostInfo | null {
  const m = SERVICEBUS_HOST.exec(text);
  return m ? { host: m[0].toLowerCase(), account: m[1].toLowerCase(), emulator: false } : null;
}
