// The SSRF blocklist of verification (issue 15.10): every IANA special-purpose range (IPv4 and IPv6 registries)
// is refused, at its first, last and a middle address; IPv4-embedded IPv6 forms are judged by their IPv4 too; public
// neighbours are allowed. docs/verification.md lists the same ranges.
import { forbiddenAddress } from "../../src/verify/address-policy.js";

/** range, first, last, a middle address, and the words the refusal uses */
const V4: [string, string, string, string, RegExp][] = [
  ["0.0.0.0/8", "0.0.0.0", "0.255.255.255", "0.1.2.3", /this network/],
  ["10.0.0.0/8", "10.0.0.0", "10.255.255.255", "10.1.2.3", /private/],
  ["100.64.0.0/10", "100.64.0.0", "100.127.255.255", "100.100.100.100", /shared|carrier-grade/],
  ["127.0.0.0/8", "127.0.0.0", "127.255.255.255", "127.0.0.53", /loopback/],
  ["169.254.0.0/16", "169.254.0.0", "169.254.255.255", "169.254.169.254", /link-local/],
  ["172.16.0.0/12", "172.16.0.0", "172.31.255.255", "172.20.1.1", /private/],
  ["192.0.0.0/24", "192.0.0.0", "192.0.0.255", "192.0.0.170", /IETF protocol/],
  ["192.0.2.0/24", "192.0.2.0", "192.0.2.255", "192.0.2.10", /documentation/],
  ["192.31.196.0/24", "192.31.196.0", "192.31.196.255", "192.31.196.1", /AS112/],
  ["192.52.193.0/24", "192.52.193.0", "192.52.193.255", "192.52.193.1", /AMT/],
  ["192.88.99.0/24", "192.88.99.0", "192.88.99.255", "192.88.99.1", /6to4 relay/],
  ["192.168.0.0/16", "192.168.0.0", "192.168.255.255", "192.168.1.1", /private/],
  ["192.175.48.0/24", "192.175.48.0", "192.175.48.255", "192.175.48.1", /AS112/],
  ["198.18.0.0/15", "198.18.0.0", "198.19.255.255", "198.18.5.5", /benchmarking/],
  ["198.51.100.0/24", "198.51.100.0", "198.51.100.255", "198.51.100.7", /documentation/],
  ["203.0.113.0/24", "203.0.113.0", "203.0.113.255", "203.0.113.9", /documentation/],
  ["224.0.0.0/4", "224.0.0.0", "239.255.255.255", "230.1.2.3", /multicast/],
  ["240.0.0.0/4", "240.0.0.0", "255.255.255.254", "250.1.2.3", /reserved/],
  ["255.255.255.255/32", "255.255.255.255", "255.255.255.255", "255.255.255.255", /broadcast|reserved/],
];

const V6: [string, string, string, string, RegExp][] = [
  ["::/128", "::", "::", "0:0:0:0:0:0:0:0", /unspecified/],
  ["::1/128", "::1", "::1", "0:0:0:0:0:0:0:1", /loopback/],
  ["::ffff:0:0/96", "::ffff:0.0.0.0", "::ffff:255.255.255.255", "::ffff:8.8.8.8", /IPv4-mapped/],
  ["::ffff:0:0:0/96", "::ffff:0:0.0.0.0", "::ffff:0:255.255.255.255", "::ffff:0:8.8.8.8", /IPv4-translated/],
  ["::/96 (IPv4-compatible)", "::0.0.0.2", "::255.255.255.255", "::8.8.8.8", /IPv4-compatible/],
  ["64:ff9b::/96", "64:ff9b::", "64:ff9b::ffff:ffff", "64:ff9b::808:808", /NAT64/],
  ["64:ff9b:1::/48", "64:ff9b:1::", "64:ff9b:1:ffff:ffff:ffff:ffff:ffff", "64:ff9b:1:2::1", /NAT64/],
  ["100::/64", "100::", "100::ffff:ffff:ffff:ffff", "100::1", /discard/],
  ["2001::/23", "2001::", "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", "2001:100::1", /IETF protocol|Teredo/],
  ["2001::/32 (Teredo)", "2001::", "2001:0:ffff:ffff:ffff:ffff:ffff:ffff", "2001:0:4136:e378:8000:63bf:3fff:fdd2", /Teredo/],
  ["2001:db8::/32", "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8::1", /documentation/],
  ["2002::/16", "2002::", "2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "2002:808:808::1", /6to4/],
  ["2620:4f:8000::/48", "2620:4f:8000::", "2620:4f:8000:ffff:ffff:ffff:ffff:ffff", "2620:4f:8000::1", /AS112/],
  ["3fff::/20", "3fff::", "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", "3fff:123::1", /documentation/],
  ["5f00::/16", "5f00::", "5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "5f00:1::1", /SRv6/],
  ["fc00::/7", "fc00::", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fd12:3456::1", /unique-local/],
  ["fe80::/10", "fe80::", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe80::1", /link-local/],
  ["fec0::/10", "fec0::", "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fec0::1", /site-local/],
  ["ff00::/8", "ff00::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ff02::1", /multicast/],
];

describe("IANA special-purpose ranges are refused (first, last and a middle address)", () => {
  it.each([...V4, ...V6])("%s", (_range, first, last, middle, why) => {
    for (const address of [first, last, middle]) expect([address, forbiddenAddress(address)]).toEqual([address, expect.stringMatching(why)]);
  });
});

describe("IPv4-embedded IPv6 forms are judged by their IPv4 too", () => {
  it.each([
    ["IPv4-mapped, dotted", "::ffff:10.0.0.1", /private.*10\.0\.0\.1/],
    ["IPv4-mapped, hex groups", "::ffff:a00:1", /private.*10\.0\.0\.1/],
    ["IPv4-mapped, upper case, brackets", "[::FFFF:127.0.0.1]", /loopback.*127\.0\.0\.1/],
    ["IPv4-translated", "::ffff:0:169.254.169.254", /link-local.*169\.254\.169\.254/],
    ["IPv4-compatible", "::127.0.0.1", /loopback.*127\.0\.0\.1/],
    ["NAT64 well-known prefix", "64:ff9b::a9fe:a9fe", /link-local.*169\.254\.169\.254/],
    ["NAT64 local-use prefix (RFC 8215, /96 form)", "64:ff9b:1::a00:1", /private.*10\.0\.0\.1/],
    ["6to4", "2002:7f00:1::1", /loopback.*127\.0\.0\.1/],
    ["Teredo (client address obfuscated)", "2001:0:4136:e378:8000:63bf:80ff:fffe", /loopback.*127\.0\.0\.1/],
    ["zone id", "fe80::1%eth0", /link-local/],
  ])("%s: %s", (_name, address, why) => {
    expect(forbiddenAddress(address)).toMatch(why);
  });
});

describe("public addresses next to the ranges are allowed", () => {
  it.each([
    "1.1.1.1",
    "8.8.8.8",
    "9.255.255.255",
    "11.0.0.0",
    "100.63.255.255",
    "100.128.0.0",
    "126.255.255.255",
    "128.0.0.0",
    "169.253.255.255",
    "169.255.0.0",
    "172.15.255.255",
    "172.32.0.0",
    "192.0.1.0",
    "192.0.3.0",
    "192.88.98.255",
    "192.167.255.255",
    "192.169.0.0",
    "198.17.255.255",
    "198.20.0.0",
    "198.51.99.255",
    "203.0.112.255",
    "223.255.255.255",
    "20.60.0.1",
    "52.239.148.100",
    "2606:4700:4700::1111",
    "2001:4860:4860::8888",
    "2001:200::1",
    "2001:db7:ffff::1",
    "2001:db9::1",
    "2003::1",
    "2603:1030::1",
    "64:ff9a:ffff::1",
    "fbff::1",
    "fe00::1",
  ])("%s", (address) => {
    expect(forbiddenAddress(address)).toBeUndefined();
  });
});

describe("what is not an address is refused", () => {
  it.each(["", "localhost", "127.1", "0x7f.0.0.1", "::ffff:999.0.0.1", "1:2:3:4:5:6:7:8:9", "1::2::3", "[::1"])("%j", (address) => {
    expect(forbiddenAddress(address)).toBeDefined();
  });
});
