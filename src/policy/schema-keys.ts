// The keys a mapping of the schema allows, for "did you mean" and "expected one of" messages.
import * as z from 'zod';
import type { PathSegment } from './messages.js';

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (;;) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodNullable
    ) {
      current = current.unwrap();
    } else if (current instanceof z.ZodPipe) {
      current = current.in;
    } else {
      return current;
    }
  }
}

/** The keys allowed in the mapping at `path` of `schema` (list indexes step into elements). */
export function allowedKeysAt(schema: z.core.$ZodType, path: readonly PathSegment[]): string[] {
  let current: z.core.$ZodType | undefined = schema;
  for (const segment of path) {
    if (current === undefined) return [];
    const inner = unwrap(current);
    if (typeof segment === 'number') current = inner instanceof z.ZodArray ? inner.element : undefined;
    else current = inner instanceof z.ZodObject ? inner.shape[segment] : undefined;
  }
  if (current === undefined) return [];
  const inner = unwrap(current);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}
