// Kubernetes Secrets carry values base64-encoded under `data:` (SEVERITY.md §1). Only manifests that declare
// `kind: Secret` are decoded, so ordinary base64 elsewhere costs nothing.
import { K8S_SECRET_ANCHOR, MANIFEST_PATH } from "./anchors.js";
import type { LineIndex } from "./line-index.js";

export interface Base64Value {
  offset: number;
  length: number;
  /** `name: <decoded>`, so key-name context (`azurestorageaccountkey`) survives decoding. */
  decoded: string;
}

const KIND_SECRET = /["']?kind["']?\s*:\s*["']?Secret\b/;
const ENTRY = /^(\s*["']?([A-Za-z0-9_.-]+)["']?\s*:\s*["']?)([A-Za-z0-9+/]{16,}={0,2})["']?\s*,?\s*$/;

export function findBase64Secrets(text: string, path: string, lines: LineIndex): Base64Value[] {
  if (!MANIFEST_PATH.test(path) || text.indexOf(K8S_SECRET_ANCHOR) === -1 || !KIND_SECRET.test(text)) return [];
  const out: Base64Value[] = [];
  for (let l = 0, offset = 0; offset < text.length; l++) {
    const line = lines.lineText(l);
    const m = ENTRY.exec(line);
    if (m) {
      const decoded = Buffer.from(m[3], "base64").toString("utf8");
      // Only printable text can hold a SAS URL or a base64 key.
      if (/^[\x20-\x7e\s]+$/.test(decoded)) out.push({ offset: offset + m[1].length, length: m[3].length, decoded: `${m[2]}: ${decoded}` });
    }
    const next = text.indexOf("\n", offset);
    if (next === -1) break;
    offset = next + 1;
  }
  return out;
}
