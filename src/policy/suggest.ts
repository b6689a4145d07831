// "did you mean …?" for unknown keys: the closest allowed key within an edit distance of 2.

const MAX_DISTANCE = 2;

/** Levenshtein distance between two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** `on-missing-base`, `on_missing_base` and `OnMissingBase` all fold to `onmissingbase`. */
function fold(key: string): string {
  return key.toLowerCase().replace(/[-_\s]/g, '');
}

/** The allowed key closest to `key` (edit distance ≤ 2, or equal up to case and separators). */
export function suggestKey(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = MAX_DISTANCE + 1;
  for (const candidate of allowed) {
    const distance = fold(candidate) === fold(key) ? 0 : editDistance(key, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
