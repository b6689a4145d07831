// Fingerprints tell a real change from trivia, and a signature change from a body change.
import { describe, expect, test } from 'vitest';
import { fingerprintFile } from '../../src/graph/fingerprint.js';

function compare(before: string, after: string, name: string): 'same' | 'body' | 'signature' {
  const a = fingerprintFile('src/x.ts', before, 'ts').get(name)!;
  const b = fingerprintFile('src/x.ts', after, 'ts').get(name)!;
  if (a.hash === b.hash) return 'same';
  return a.signatureHash === b.signatureHash ? 'body' : 'signature';
}

describe('fingerprints', () => {
  test.each([
    ['comments and white space are trivia', 'export function f(a: number) { return a; }', '/** doc */\nexport function f(a: number) {\n  // why\n  return a;\n}', 'f', 'same'],
    ['a changed body', 'export function f(a: number) { return a; }', 'export function f(a: number) { return a + 1; }', 'f', 'body'],
    ['a new parameter', 'export function f(a: number) { return a; }', 'export function f(a: number, b = 1) { return a; }', 'f', 'signature'],
    ['an export name', 'export function f() {}', 'function f() {}\nexport { f as g };', 'f', 'signature'],
    ['white space inside a string is a change', "export const s = 'a b';", "export const s = 'a  b';", 's', 'signature'],
    ['white space inside a template tail is a change', 'export const t = (x: number) => `${x} b`;', 'export const t = (x: number) => `${x}  b`;', 't', 'body'],
    ['white space inside a regex is a change', 'export const r = () => /a b/;', 'export const r = () => /ab/;', 'r', 'body'],
    ['an import moved to another module changes its users', "import { a } from './a';\nexport const f = () => a;", "import { a } from './b';\nexport const f = () => a;", 'f', 'body'],
    ['a typed const: the initialiser is body', 'export const n: number = 1;', 'export const n: number = 2;', 'n', 'body'],
    ['top-level code has no signature', 'console.log(1);', 'console.log(2);\nconsole.log(3);', '<module>', 'body'],
    ['an interface body is its signature', 'export interface I { a: string }', 'export interface I { a: number }', 'I', 'signature'],
  ])('%s', (_name, before, after, symbol, expected) => {
    expect(compare(before, after, symbol)).toBe(expected);
  });
});
