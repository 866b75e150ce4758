// Can these bytes hold a finding at all? A file in which none of the engine's anchors (anchors.ts) matches cannot:
// checking the bytes is far cheaper than decoding them, and most source files pass no anchor. Derived from the
// anchor list, so it cannot drift from the engine; it may only be looser. Pure: bytes in, boolean out.
import { ANCHORS, type Bytes } from "./anchors.js";

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
/** The smallest shift at which a literal overlaps itself ("-sas-" → 4), or its length. */
function period(literal: string): number {
  for (let p = 1; p < literal.length; p++) if (literal.startsWith(literal.slice(p))) return p;
  return literal.length;
}
const NEEDLES = ANCHORS.map((a) => ({ ...a, needle: ascii(a.literal), step: a.step ?? period(a.literal) }));

export function mayHoldSecret(bytes: Bytes, path?: string): boolean {
  for (const a of NEEDLES) {
    if (a.paths && path !== undefined && !a.paths(path)) continue;
    for (let i = bytes.indexOf(a.needle); i !== -1; i = bytes.indexOf(a.needle, i + a.step)) {
      if (!a.confirm || a.confirm(bytes, i)) return true;
    }
  }
  return false;
}
