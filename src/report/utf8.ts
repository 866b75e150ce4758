// GitHub counts some limits in UTF-8 bytes, not JavaScript characters: a check run's `output.summary` and
// `output.text` ("exceeds a maximum bytesize" above 65,535) and an annotation's `message` (64 KB). Cuts happen on
// a code point boundary, so a surrogate pair is never split and the result is always valid UTF-8.

/** UTF-8 length of `text`, without encoding it. Lone surrogates count 3 bytes, as TextEncoder writes U+FFFD. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** At most `maxBytes` of UTF-8, cut on a code point boundary, ending with `marker` when cut. */
export function truncateUtf8(text: string, maxBytes: number, marker = "…"): string {
  // A UTF-16 code unit is at most 3 bytes of UTF-8 (a surrogate pair: 4 for 2), so a short text needs no count.
  if (text.length * 3 <= maxBytes || utf8Bytes(text) <= maxBytes) return text;
  const budget = maxBytes - utf8Bytes(marker);
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const n = utf8Bytes(ch);
    if (bytes + n > budget) break;
    bytes += n;
    end += ch.length;
  }
  return text.slice(0, end) + marker;
}
