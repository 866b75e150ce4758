// Suggestions for a mistyped key or value. Case, "_" and "-" are ignored when comparing, so `max_file_size_mb`
// and `maxfilesizemb` both lead to `maxFileSizeMB`.

const normalize = (s: string): string => s.toLowerCase().replace(/[_-]/g, "");

/** Edit distance (insert, delete, substitute), O(a·b) with one row of memory. */
export function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length];
}

/** The closest candidate, if it is close enough to be what the user meant (at most a third of the word wrong). */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const target = normalize(word);
  const limit = Math.max(1, Math.floor(target.length / 3));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = levenshtein(target, normalize(candidate));
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}
