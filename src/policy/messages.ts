// Message helpers shared by the schema, the semantic rules and the policy rules, so that every
// policy message quotes values, counts and key paths the same way (STYLE D).

/** One step of a key path: a mapping key or a list index. */
export type PathSegment = string | number;

const MAX_QUOTED = 60;

/** A value as the user wrote it, for "…, got <value>": strings quoted, collections by kind. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (value instanceof Date) return quote(value.toISOString());
  return 'a mapping';
}

/** `'text'`, shortened when long so one bad value cannot flood the output. */
export function quote(text: string): string {
  const short = text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text;
  return `'${short}'`;
}

/** `'a', 'b', 'c'`. */
export function quoteList(values: readonly string[]): string {
  return values.map(quote).join(', ');
}

/** `a, b and c`. */
export function joinAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** `1 affected file`, `2 affected files`. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** `thresholds.fail.files`, `zones[0].paths[1]`; the empty path is the whole policy. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`;
  }
  return text;
}
