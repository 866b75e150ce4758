// Which resolved addresses verification may connect to. A storage host name is only a name: what it resolves to
// decides where the request goes, so every answer is checked, and one forbidden address refuses the whole host
// (a resolver could rotate answers between our check and the connection otherwise).
// The blocklist is every range of IANA's IPv4 and IPv6 Special-Purpose Address Registries (docs/verification.md),
// and an IPv6 address that carries an IPv4 address (mapped, translated, compatible, NAT64, 6to4, Teredo) is also
// judged by that IPv4 address. Addresses are parsed here, not by a library, so every written form is covered.

type Range = [network: bigint, prefix: number, why: string];

const V4: Range[] = [
  ["0.0.0.0", 8, 'an unspecified ("this network") address'],
  ["10.0.0.0", 8, "a private address"],
  ["100.64.0.0", 10, "a carrier-grade NAT (shared) address"],
  ["127.0.0.0", 8, "a loopback address"],
  ["169.254.0.0", 16, "a link-local address (cloud metadata services live here)"],
  ["172.16.0.0", 12, "a private address"],
  ["192.0.0.0", 24, "an IETF protocol assignment"],
  ["192.0.2.0", 24, "a documentation address (TEST-NET-1)"],
  ["192.31.196.0", 24, "an AS112 (DNS sink) address"],
  ["192.52.193.0", 24, "an AMT (multicast tunnelling) address"],
  ["192.88.99.0", 24, "a deprecated 6to4 relay anycast address"],
  ["192.168.0.0", 16, "a private address"],
  ["192.175.48.0", 24, "an AS112 (DNS sink) address"],
  ["198.18.0.0", 15, "a benchmarking address"],
  ["198.51.100.0", 24, "a documentation address (TEST-NET-2)"],
  ["203.0.113.0", 24, "a documentation address (TEST-NET-3)"],
  ["224.0.0.0", 4, "a multicast address"],
  ["255.255.255.255", 32, "the limited broadcast address"],
  ["240.0.0.0", 4, "a reserved address"],
].map(([net, prefix, why]) => [parseIPv4(net as string)!, prefix as number, why as string]);

const V6: Range[] = [
  ["::", 128, "the unspecified address"],
  ["::1", 128, "a loopback address"],
  ["::ffff:0:0", 96, "an IPv4-mapped address"],
  ["::ffff:0:0:0", 96, "an IPv4-translated address"],
  ["::", 96, "an IPv4-compatible address (deprecated)"],
  ["64:ff9b::", 96, "a NAT64 address"],
  ["64:ff9b:1::", 48, "a local-use NAT64 address"],
  ["100::", 64, "a discard-only address"],
  ["2001::", 32, "a Teredo tunnel address"],
  ["2001:db8::", 32, "a documentation address"],
  ["2001::", 23, "an IETF protocol assignment"],
  ["2002::", 16, "a 6to4 address"],
  ["2620:4f:8000::", 48, "an AS112 (DNS sink) address"],
  ["3fff::", 20, "a documentation address"],
  ["5f00::", 16, "an SRv6 SID address"],
  ["fc00::", 7, "a unique-local (private) address"],
  ["fe80::", 10, "a link-local address"],
  ["fec0::", 10, "a site-local address (deprecated)"],
  ["ff00::", 8, "a multicast address"],
].map(([net, prefix, why]) => [parseIPv6(net as string)!, prefix as number, why as string]);

const inRange = (value: bigint, bits: number, [network, prefix]: Range): boolean => value >> BigInt(bits - prefix) === network >> BigInt(bits - prefix);

function parseIPv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^(?:0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
}

function parseIPv6(text: string): bigint | undefined {
  let s = text;
  let tail: bigint[] = [];
  const dotted = /:(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const v4 = parseIPv4(dotted[1]!);
    if (v4 === undefined) return undefined;
    tail = [v4 >> 16n, v4 & 0xffffn];
    s = s.slice(0, dotted.index + 1); // keep the ":" before it: "::1.2.3.4" → "::", "::ffff:1.2.3.4" → "::ffff"
    if (!s.endsWith("::")) s = s.slice(0, -1);
  }
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const group = (h: string): bigint[] | undefined => {
    if (h === "") return [];
    const gs = h.split(":");
    return gs.every((g) => /^[0-9a-f]{1,4}$/i.test(g)) ? gs.map((g) => BigInt(`0x${g}`)) : undefined;
  };
  const head = group(halves[0]!);
  const rest = halves.length === 2 ? group(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
  const groups = [...head, ...Array<bigint>(8 - known).fill(0n), ...rest, ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

const formatIPv4 = (v: bigint): string => [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join(".");

/** The IPv4 address an IPv6 address carries, by the rule of the range it is in. */
function embeddedIPv4(v: bigint): bigint | undefined {
  const low32 = v & 0xffffffffn;
  const top = (prefix: string, bits: number) => inRange(v, 128, [parseIPv6(prefix)!, bits, ""]);
  if (top("::ffff:0:0", 96) || top("::ffff:0:0:0", 96) || top("64:ff9b::", 96) || top("64:ff9b:1::", 48)) return low32;
  if (top("::", 96) && v > 1n) return low32;
  if (top("2002::", 16)) return (v >> 80n) & 0xffffffffn;
  if (top("2001::", 32)) return low32 ^ 0xffffffffn; // Teredo: the client's address, every bit inverted
  return undefined;
}

function forbiddenV4(v: bigint): string | undefined {
  return V4.find((r) => inRange(v, 32, r))?.[2];
}

/** Why `address` must not be connected to, or undefined when it is a public address. Not an IP at all is refused too. */
export function forbiddenAddress(address: string): string | undefined {
  const a = address.replace(/^\[(.*)\]$/, "$1").replace(/%[^%]*$/, ""); // brackets, zone id (fe80::1%eth0)
  const v4 = parseIPv4(a);
  if (v4 !== undefined) return forbiddenV4(v4);
  const v6 = a.includes(":") ? parseIPv6(a) : undefined;
  if (v6 === undefined) return "not an IP address";
  const range = V6.find((r) => inRange(v6, 128, r))?.[2];
  const inner = embeddedIPv4(v6);
  const innerWhy = inner === undefined ? undefined : forbiddenV4(inner);
  if (innerWhy) return `${innerWhy} (${formatIPv4(inner!)}, inside ${range ?? "an IPv6 address"})`;
  return range;
}
