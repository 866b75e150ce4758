// Microsoft identifiable keys: the Marvin32 checksum against its published vectors, and identify() on keys built
// at run time for every provider (a valid checksum is identified; one changed character is not).
import { identify, PROVIDERS, signatureIndex } from "../../src/detect/identifiable-key.js";
import { marvin32, marvin64 } from "../../src/detect/marvin.js";
import { fakeIdentifiableKey, flipOneChar } from "../support/fake-secrets.js";

const hex64 = ([lo, hi]: [number, number]): string => ((BigInt(hi) << 32n) | BigInt(lo)).toString(16).padStart(16, "0");
const SEED0 = 0x004fb61a001bdbccn;
const SEED1 = 0x804fb61a001bdbccn;

describe("marvin: published test vectors (microsoft/security-utilities MarvinShared.cs, skeeto/marvin32)", () => {
  it.each([
    [SEED0, [], "30ed35c100cd3c7d"],
    [SEED0, [0xaf], "48e73fc77d75ddc1"],
    [SEED0, [0xe7, 0x0f], "b5f6e1fc485dbff8"],
    [SEED0, [0x37, 0xf4, 0x95], "f0b07c789b8cf7e8"],
    [SEED0, [0x86, 0x42, 0xdc, 0x59], "7008f2e87e9cf556"],
    [SEED0, [0x15, 0x3f, 0xb7, 0x98, 0x26], "e6c08c6da2afa997"],
    [SEED0, [0xab, 0x42, 0x7e, 0xa8, 0xd1, 0x0f, 0xc7], "e11847e4f0678c41"],
    [SEED1, [], "10a9d5d3996fd65d"],
    [SEED1, [0x09, 0x32, 0xe6, 0x24, 0x6c, 0x47], "d6dd5e40ad1bc2ed"],
  ] as [bigint, number[], string][])("seed %s, %j", (seed, data, expected) => {
    expect(hex64(marvin64(new Uint8Array(data), seed))).toBe(expected);
  });

  it("marvin32 folds the halves", () => {
    expect(marvin32(new TextEncoder().encode("abc"), 0xd53cd9cecd0893b7n)).toBe(0x6be02a86);
    expect(marvin32(new TextEncoder().encode("abcdefghijklmnopqrstuvwxyz"), 0xddddeeeeffff000n)).toBe(0xd34847dc);
    expect(marvin32(new Uint8Array([]), SEED0)).toBe(0x302009bc);
  });
});

describe("identify: every provider and key role", () => {
  const rows = PROVIDERS.flatMap((p) => p.seeds.map(([seed, role]) => ({ p, seed, role, name: `${p.label} (${role})` })));
  it.each(rows)("$name: valid checksum identified, signature at its place", ({ p, seed, role }) => {
    const key = fakeIdentifiableKey(`id-${p.signature}-${role}`, p.signature, p.bytes, seed, p.urlSafe);
    expect(key.slice(signatureIndex(p.bytes), signatureIndex(p.bytes) + 4)).toBe(p.signature);
    const found = identify(key);
    expect(found?.provider.service).toBe(p.service);
    expect(found?.role).toBe(role);
  });

  it.each(rows)("$name: one changed character is not identified", ({ p, seed, role }) => {
    const key = fakeIdentifiableKey(`id-${p.signature}-${role}`, p.signature, p.bytes, seed, p.urlSafe);
    expect(identify(flipOneChar(key))).toBeUndefined();
    expect(identify(flipOneChar(key, key.replace(/=+$/, "").length - 2))).toBeUndefined();
  });

  it("known signature positions: 64-byte keys at 76, 32-byte at 33, 39-byte at 42, 40-byte at 44", () => {
    expect([signatureIndex(64), signatureIndex(32), signatureIndex(39), signatureIndex(40)]).toEqual([76, 33, 42, 44]);
  });

  it("a random key of the right shape with a signature pasted in is not identified", () => {
    const key = Buffer.alloc(64, 7).toString("base64");
    expect(identify(`${key.slice(0, 76)}+ASt${key.slice(80)}`)).toBeUndefined();
  });
});
