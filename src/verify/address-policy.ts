// Which resolved addresses verification may connect to. A storage host name is only a name: what it resolves to
// decides where the request goes, so every answer is checked, and one forbidden address refuses the whole host
// (a resolver could rotate answers between our check and the connection otherwise).
import { BlockList, isIP } from "node:net";

const FORBIDDEN: [string, number, "ipv4" | "ipv6", string][] = [
  ["0.0.0.0", 8, "ipv4", "an unspecified (\"this network\") address"],
  ["10.0.0.0", 8, "ipv4", "a private address"],
  ["100.64.0.0", 10, "ipv4", "a carrier-grade NAT (shared) address"],
  ["127.0.0.0", 8, "ipv4", "a loopback address"],
  ["169.254.0.0", 16, "ipv4", "a link-local address (cloud metadata services live here)"],
  ["172.16.0.0", 12, "ipv4", "a private address"],
  ["192.0.0.0", 24, "ipv4", "an IETF protocol assignment"],
  ["192.168.0.0", 16, "ipv4", "a private address"],
  ["198.18.0.0", 15, "ipv4", "a benchmarking address"],
  ["224.0.0.0", 4, "ipv4", "a multicast address"],
  ["240.0.0.0", 4, "ipv4", "a reserved address"],
  ["::", 128, "ipv6", "the unspecified address"],
  ["::1", 128, "ipv6", "a loopback address"],
  ["fc00::", 7, "ipv6", "a unique-local (private) address"],
  ["fe80::", 10, "ipv6", "a link-local address"],
  ["ff00::", 8, "ipv6", "a multicast address"],
];

const lists = FORBIDDEN.map(([net, prefix, family, why]) => {
  const list = new BlockList();
  list.addSubnet(net, prefix, family);
  return { list, family, why };
});

/** IPv4-mapped (::ffff:a.b.c.d) and NAT64-free forms are judged by the IPv4 address they carry. */
function unmapped(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1] : address;
}

/** Why `address` must not be connected to, or undefined when it is a public address. Not an IP at all is refused too. */
export function forbiddenAddress(address: string): string | undefined {
  const a = unmapped(address.replace(/^\[|\]$/g, ""));
  const version = isIP(a);
  if (version === 0) return "not an IP address";
  const family = version === 4 ? "ipv4" : "ipv6";
  return lists.find((l) => l.family === family && l.list.check(a, family))?.why;
}
