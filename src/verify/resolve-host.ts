// Resolves a host once, checks every address, and returns the one address the request will connect to. The
// connection is pinned to it (send-probe.ts), so a DNS answer that changes between check and connect (rebinding)
// cannot redirect the request.
import { promises as dns } from "node:dns";
import { isIP } from "node:net";
import { forbiddenAddress } from "./address-policy.js";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** All addresses of a host name (node:dns lookup, so /etc/hosts and the system resolver apply). Injected in tests. */
export type LookupAll = (host: string) => Promise<{ address: string; family: number }[]>;

export const systemLookup: LookupAll = (host) => dns.lookup(host, { all: true, verbatim: true });

/** `not-found`: the name does not exist; `forbidden`: it resolves to an address verification must not reach. */
export type Resolution = { ok: true; pinned: ResolvedAddress } | { ok: false; kind: "not-found" | "dns-error" | "forbidden"; why: string };

export async function resolveHost(host: string, allowlisted: boolean, lookup: LookupAll): Promise<Resolution> {
  const literal = isIP(host);
  let answers: { address: string; family: number }[];
  if (literal !== 0) {
    answers = [{ address: host, family: literal }];
  } else {
    try {
      answers = await lookup(host);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "error";
      // ENOTFOUND is the resolver's "no such name" (NXDOMAIN); EAI_AGAIN and friends are resolver trouble.
      return { ok: false, kind: code === "ENOTFOUND" ? "not-found" : "dns-error", why: `${host} did not resolve (${code})` };
    }
  }
  if (answers.length === 0) return { ok: false, kind: "not-found", why: `${host} did not resolve (no addresses)` };
  if (!allowlisted) {
    for (const a of answers) {
      const why = forbiddenAddress(a.address);
      if (why)
        return {
          ok: false,
          kind: "forbidden",
          why: `${host} resolves to ${a.address}, ${why}; only public addresses are asked unless verify.allowEndpoints lists the endpoint`,
        };
    }
  }
  const first = answers[0];
  return { ok: true, pinned: { address: first.address, family: first.family === 6 ? 6 : 4 } };
}
