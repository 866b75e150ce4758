// Checks of a storage SAS's fields the service would reject or misread (issue 17): a letter in `sp` that is not a
// permission (SAS.md §3), a `sip` that is not an IPv4 address or range.
import { code } from "./text.js";
import type { TokenFields } from "./types.js";

const PERMISSION_LETTER = /[racwdxyltfmeopiu]/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

/** What is wrong with a storage SAS's fields, in words (empty when nothing is). */
export function malformedFields(t: TokenFields): string[] {
  const out: string[] = [];
  const bad = [...(t.permissions ?? "")].filter((l) => !PERMISSION_LETTER.test(l));
  if (bad.length > 0)
    out.push(
      `sp=${t.permissions} holds ${bad.map((l) => code(l)).join(", ")}, which ${bad.length === 1 ? "is not a permission letter" : "are not permission letters"}`,
    );
  const ip = t.ipRange?.split("-");
  if (ip && (ip.length > 2 || ip.some((a) => !IPV4.test(a)))) out.push(`sip=${t.ipRange} is not an IPv4 address or range`);
  return out;
}
