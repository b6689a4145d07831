// What makes a glob or a symbol id in the policy unusable. picomatch accepts almost anything and
// quietly turns a broken pattern into one that matches nothing, so these checks catch the
// mistakes that would otherwise make a rule silently never fire.
import { compileGlobs } from '../glob.js';

/** Why `pattern` is not a usable glob, or `undefined` when it is. */
export function globProblem(pattern: string): string | undefined {
  if (pattern.trim() === '') return 'it is empty';
  if (pattern.startsWith('/')) return 'globs are relative to the repository root; drop the leading \'/\'';
  if (pattern.startsWith('!')) return "negation is not supported; a leading '!' would match every other path";
  const unclosed = unclosedBracket(pattern);
  if (unclosed) return `'${unclosed}' is never closed`;
  try {
    compileGlobs([pattern]);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return undefined;
}

/** The first `[` or `{` left open (escapes respected; nothing is special inside `[…]`). */
function unclosedBracket(pattern: string): string | undefined {
  let braces = 0;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') {
      index++;
    } else if (char === '[') {
      const close = classEnd(pattern, index);
      if (close === -1) return '[';
      index = close;
    } else if (char === '{') {
      braces++;
    } else if (char === '}' && braces > 0) {
      braces--;
    }
  }
  return braces > 0 ? '{' : undefined;
}

function classEnd(pattern: string, open: number): number {
  // `[]…]` and `[!]…]` start with a literal `]`.
  let index = open + 1;
  if (pattern[index] === '!' || pattern[index] === '^') index++;
  if (pattern[index] === ']') index++;
  for (; index < pattern.length; index++) {
    if (pattern[index] === '\\') index++;
    else if (pattern[index] === ']') return index;
  }
  return -1;
}

const GLOB_CHARS = /[*?[\]{}]/;

/** Whether `text` is a symbol id `path#name` (split at the first `#` after the last `/`). */
export function isSymbolId(text: string): boolean {
  const split = splitSymbolId(text);
  if (split === undefined) return false;
  const { path, name } = split;
  return path !== '' && name !== '' && !path.startsWith('/') && !path.endsWith('/') && !GLOB_CHARS.test(path);
}

/** Whether `text` is meant as a symbol id rather than a glob: it has a `#` after its last `/`. */
export function looksLikeSymbolId(text: string): boolean {
  return splitSymbolId(text) !== undefined;
}

function splitSymbolId(text: string): { path: string; name: string } | undefined {
  const hash = text.indexOf('#', text.lastIndexOf('/') + 1);
  if (hash === -1) return undefined;
  return { path: text.slice(0, hash), name: text.slice(hash + 1) };
}
