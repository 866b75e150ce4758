// Marvin32, the seeded checksum Microsoft's identifiable keys carry in their last four bytes (the algorithm is
// public: .NET's string hashing; microsoft/security-utilities documents its use for keys). Written from the
// algorithm, checked against the published test vectors in test/detect/identifiable-key.test.ts.

const rotl = (x: number, n: number): number => ((x << n) | (x >>> (32 - n))) >>> 0;

function mix(p0: number, p1: number): [number, number] {
  p1 = (p1 ^ p0) >>> 0;
  p0 = rotl(p0, 20);
  p0 = (p0 + p1) >>> 0;
  p1 = rotl(p1, 9);
  p1 = (p1 ^ p0) >>> 0;
  p0 = rotl(p0, 27);
  p0 = (p0 + p1) >>> 0;
  p1 = rotl(p1, 19);
  return [p0, p1];
}

/** The 64-bit Marvin hash of `data` under `seed`, as [low, high] 32-bit halves. */
export function marvin64(data: Uint8Array, seed: bigint): [number, number] {
  let p0 = Number(seed & 0xffffffffn);
  let p1 = Number((seed >> 32n) & 0xffffffffn);
  const whole = data.length - (data.length % 4);
  for (let i = 0; i < whole; i += 4) {
    const block = (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24)) >>> 0;
    p0 = (p0 + block) >>> 0;
    [p0, p1] = mix(p0, p1);
  }
  // The tail (0–3 bytes) is closed with a 0x80 byte, then mixed twice.
  let last = 0x80;
  for (let i = data.length - 1; i >= whole; i--) last = ((last << 8) | data[i]) >>> 0;
  p0 = (p0 + last) >>> 0;
  [p0, p1] = mix(p0, p1);
  [p0, p1] = mix(p0, p1);
  return [p0, p1];
}

/** Marvin32: the two halves of the 64-bit hash xor-ed, as an unsigned 32-bit number. */
export function marvin32(data: Uint8Array, seed: bigint): number {
  const [lo, hi] = marvin64(data, seed);
  return (lo ^ hi) >>> 0;
}
