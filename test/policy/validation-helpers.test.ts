import { describe, expect, it } from 'vitest';
import { globProblem, isSymbolId } from '../../src/policy/glob-check.js';
import { editDistance, suggestKey } from '../../src/policy/suggest.js';

describe('suggestKey', () => {
  const keys = ['version', 'mode', 'thresholds', 'maxDepth', 'onMissingBase', 'stopAt'];
  it.each([
    { key: 'threshold', suggestion: 'thresholds' },
    { key: 'tresholds', suggestion: 'thresholds' },
    { key: 'thersholds', suggestion: 'thresholds' },
    { key: 'verison', suggestion: 'version' },
    { key: 'max_depth', suggestion: 'maxDepth' },
    { key: 'on-missing-base', suggestion: 'onMissingBase' },
    { key: 'stop_at', suggestion: 'stopAt' },
    { key: 'owners', suggestion: undefined },
    { key: 'm', suggestion: undefined },
  ])('$key -> $suggestion', ({ key, suggestion }) => {
    expect(suggestKey(key, keys)).toBe(suggestion);
  });

  it('measures the Levenshtein distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('globProblem', () => {
  it.each([
    { glob: '**/*.test.*', problem: undefined },
    { glob: 'src/{a,b}/**', problem: undefined },
    { glob: 'src/[abc].ts', problem: undefined },
    { glob: 'src/[]].ts', problem: undefined },
    { glob: '*\\[bot\\]@users.noreply.github.com', problem: undefined },
    { glob: 'app/(marketing)/page.tsx', problem: undefined },
    { glob: './src/**', problem: undefined },
    { glob: 'src/{a,b', problem: "'{' is never closed" },
    { glob: 'src/[ab', problem: "'[' is never closed" },
    { glob: '  ', problem: 'it is empty' },
    { glob: '/src/**', problem: "globs are relative to the repository root; drop the leading '/'" },
    { glob: '!src/**', problem: "negation is not supported; a leading '!' would match every other path" },
  ])('$glob', ({ glob, problem }) => {
    expect(globProblem(glob)).toBe(problem);
  });
});

describe('isSymbolId', () => {
  it.each([
    { id: 'src/auth/session.ts#verifySession', valid: true },
    { id: 'src/a.ts#Session.#secret', valid: true },
    { id: 'src/a.ts#<module>', valid: true },
    { id: 'lib/c#/x.ts#run', valid: true },
    { id: 'src/a.ts', valid: false },
    { id: 'src/a.ts#', valid: false },
    { id: '#name', valid: false },
    { id: 'src/*.ts#name', valid: false },
    { id: '/src/a.ts#name', valid: false },
  ])('$id', ({ id, valid }) => {
    expect(isSymbolId(id)).toBe(valid);
  });
});
