import { ts } from 'ts-morph';
import { describe, expect, test } from 'vitest';
import { classifyReference } from '../../../src/graph/verify/reference-kind.js';

/** The kind of the reference at each `/*@*\/` marker (the marker is removed first). */
function kindsAt(source: string, fileName = 'a.ts'): string[] {
  const marker = '/*@*/';
  const positions: number[] = [];
  let text = source;
  for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker)) {
    positions.push(at);
    text = text.slice(0, at) + text.slice(at + marker.length);
  }
  const kind = fileName.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  return positions.map((position) => classifyReference(sourceFile, position));
}

describe('classifyReference', () => {
  test('import and export specifiers, export-from and export default of a binding are bindings', () => {
    expect(
      kindsAt(`import { /*@*/a, b as /*@*/c } from './x';
export { /*@*/a };
export { /*@*/d } from './y';
export default /*@*/a;
import /*@*/e = require('./z');`),
    ).toEqual(['binding', 'binding', 'binding', 'binding', 'binding', 'binding']);
  });

  test('CommonJS exports of a binding are bindings; values built from one are uses', () => {
    expect(
      kindsAt(
        `module.exports = { /*@*/a, b: /*@*/c };
exports.d = /*@*/a;
exports.e = { /*@*/a };
module.exports = /*@*/f(a);`,
        'a.js',
      ),
    ).toEqual(['binding', 'binding', 'binding', 'use', 'use']);
  });

  test('calls, type references, shorthand properties and destructured reads are uses', () => {
    expect(
      kindsAt(`const x: /*@*/T = /*@*/f();
const o = { /*@*/a };
const { /*@*/b } = ns;
const { /*@*/c: d } = ns;
obj./*@*/m();
`),
    ).toEqual(['use', 'use', 'use', 'use', 'use', 'use']);
  });

  test('declaration names (an override, a renamed destructuring) are declarations', () => {
    expect(
      kindsAt(`class B extends A { /*@*/run() {} }
interface I { /*@*/run(): void }
const { c: /*@*/d } = ns;
const o = { /*@*/run: 1 };`),
    ).toEqual(['declaration', 'declaration', 'declaration', 'declaration']);
  });

  test('{@link} and @see are documentation; JSDoc types are uses', () => {
    expect(
      kindsAt(
        `/**
 * See {@link /*@*/Service}.
 * @see /*@*/Service
 * @param {/*@*/Service} s
 */
function f(s) {}`,
        'a.js',
      ),
    ).toEqual(['doc', 'doc', 'use']);
  });
});
