// The literals the engine searches first, in one list. Each detector's first pass is an indexOf over one of these
// (every anchor and the characters checked at it are ASCII, so bytes and decoded characters agree), and the byte
// prefilter (prefilter.ts) is derived from this same list. A new detector adds its anchor here, once.

import { PROVIDERS } from "./identifiable-key.js";

/** Bytes with a native sub-array search (Node's Buffer is one): the engine itself imports nothing from Node. */
export interface Bytes {
  readonly length: number;
  readonly [index: number]: number;
  indexOf(needle: Uint8Array, from?: number): number;
}

export interface Anchor {
  /** The literal the engine searches with indexOf. */
  literal: string;
  /** The engine pass that searches it (where to look when changing either side). */
  usedBy: string;
  /** A byte check at a hit: may only be looser than what the engine checks there. Absent: the literal is enough. */
  confirm?: (bytes: Bytes, at: number) => boolean;
  /**
   * How far the search moves on after a hit the confirm rejects. Default: the literal's period (its length unless it
   * overlaps itself, as "-sas-sas-" does), so no occurrence is skipped.
   */
  step?: number;
  /** Only files whose path passes can hold such a finding (any file when the path is unknown). */
  paths?: (path: string) => boolean;
}

export const SIG_ANCHOR = "sig";
export const KEY_PADDING_ANCHOR = "==";
export const JSON_ESCAPED_EQ_ANCHOR = "\\u003";
export const SERVICE_BUS_KEY_ANCHOR = "Key=";
export const K8S_SECRET_ANCHOR = "Secret";
export const EVENT_GRID_ANCHOR = "-sas-";
export const IDENTIFIABLE_KEY_ANCHOR = "+A";
/** YAML and JSON (`kubectl get secret -o json` output): the only files where a Secret manifest can sit. */
const MANIFEST_EXTENSIONS = new Set(["yaml", "yml", "json", "tpl"]);
// PERF: a suffix regex on every path cost ~0.3 µs a file (it is tried at each "."): as much as a whole anchor pass.
export const isManifestPath = (path: string): boolean => MANIFEST_EXTENSIONS.has(path.slice(path.lastIndexOf(".") + 1).toLowerCase());

const KEY_RUN = new Uint8Array(256); // base64 characters, and the backslash of a JSON escape ("\/", "\u002f")
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/\\") KEY_RUN[c.charCodeAt(0)] = 1;
const SHARED_ACCESS = [..."SharedAccess"].map((c) => c.charCodeAt(0));
// The last two characters of the "+A…" signatures the "+A" pass reads (+ASb, +AEh, +ARm, +ACR, +ABa, +AMC).
const PLUS_A_TAILS = PROVIDERS.filter((p) => p.signature.startsWith("+A")).map((p) => [p.signature.charCodeAt(2), p.signature.charCodeAt(3)]);

export const ANCHORS: readonly Anchor[] = [
  // sig=, sig%3D, sig\u003d: the name of a SAS signature parameter (token-region.ts isSigAnchor)
  { literal: SIG_ANCHOR, usedBy: "scan-text.ts findSasTokens", confirm: (b, at) => b[at + 3] === 0x3d || b[at + 3] === 0x25 || b[at + 3] === 0x5c },
  // the padding of a 64-byte account key after 86 base64 characters, not "===" (find-keys.ts keyStartAt)
  {
    literal: KEY_PADDING_ANCHOR,
    usedBy: "find-keys.ts findAccountKeys",
    // "===" holds "==" twice; the second (after a "=", not base64) can never confirm: skip it (most hits in code are "===").
    step: 2,
    confirm: (b, at) => {
      if (at < 86 || b[at + 2] === 0x3d) return false;
      let j = at - 1;
      while (j >= at - 86 && KEY_RUN[b[j]] === 1) j--;
      return j < at - 86;
    },
  },
  // "=" written "\u003d" by JSON writers hides the two anchors above (scan-text.ts jsonEscapedKeys)
  { literal: JSON_ESCAPED_EQ_ANCHOR, usedBy: "scan-text.ts jsonEscapedKeys" },
  // SharedAccessKey= of a Service Bus / Event Hubs connection string
  {
    literal: SERVICE_BUS_KEY_ANCHOR,
    usedBy: "find-keys.ts findServiceBusKeys",
    confirm: (b, at) => at >= 12 && SHARED_ACCESS.every((c, k) => b[at - 12 + k] === c),
  },
  // a Kubernetes Secret manifest, whose base64 values are decoded and scanned
  { literal: K8S_SECRET_ANCHOR, usedBy: "kubernetes-secret.ts findBase64Secrets", paths: isManifestPath },
  // aeg-sas-key / aeg-sas-token of an Event Grid topic
  { literal: EVENT_GRID_ANCHOR, usedBy: "event-grid.ts" },
  // the fixed signature of Microsoft's identifiable keys (+ASb, +AEh, +ARm, +ACR…)
  {
    literal: IDENTIFIABLE_KEY_ANCHOR,
    usedBy: "identifiable-key-finder.ts",
    confirm: (b, at) => PLUS_A_TAILS.some(([c2, c3]) => b[at + 2] === c2 && b[at + 3] === c3),
  },
];
