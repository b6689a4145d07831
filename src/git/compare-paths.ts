/**
 * Orders paths by Unicode code point (DESIGN §5), which is also git's byte order. Plain `<`
 * compares UTF-16 code units, which puts astral characters (surrogates, 0xD800–0xDFFF) before
 * 0xE000–0xFFFF; shifting both ranges restores code point order.
 */
export function comparePaths(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}
