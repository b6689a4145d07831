import type { Result } from '../types.js';

/**
 * `--format json`: the result as built, pretty-printed, with a final newline. Keys keep the
 * order the pipeline built them in (DESIGN §5); nothing is added, dropped or reordered, so the
 * same input gives byte-identical output apart from `timingsMs`.
 */
export function renderJson(result: Result): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
