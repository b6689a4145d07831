import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { extractFacts } from '../../src/graph/extract-facts.js';
import { specifiersOf } from '../../src/graph/file-summary.js';
import { scriptKindOf } from '../../src/graph/script-kind.js';
import { skimSource } from '../../src/graph/skim.js';

const fixtures = join(import.meta.dirname, '../../fixtures');

function codeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : codeFiles(path);
    return scriptKindOf(path) === undefined ? [] : [path];
  });
}

const skimmed = (text: string, path = 'src/a.ts') => skimSource(text, scriptKindOf(path)!);
const parsed = (text: string, path = 'src/a.ts') => specifiersOf(extractFacts(path, text, scriptKindOf(path)!));

describe('skimSource', () => {
  test('names every module the parsed facts name, at the same line, in every fixture file', () => {
    const files = codeFiles(fixtures);
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const path = relative(fixtures, file);
      const skim = skimmed(text, path);
      const facts = extractFacts(path, text, scriptKindOf(path)!);
      const stars = facts.reExports.filter((reExport) => reExport.exported === '*').map((reExport) => reExport.specifier);
      expect({ path, specifiers: skim.specifiers, stars: skim.stars }).toEqual({ path, specifiers: expect.arrayContaining(specifiersOf(facts)), stars });
    }
  });

  test('reads imports, re-exports, import-equals, calls and automocks, each at its statement or call', () => {
    const text = [
      "import a, {",
      "  b as c,",
      "  type D,",
      "} from './ab';",
      "import * as ns from './ns';",
      "import './side-effect';",
      "import x = require('./equals');",
      "export import y = require('./exported-equals');",
      "export * from './star';",
      "export * as all from './named-star';",
      "export { e, f as g } from './named';",
      "export type { T } from './types';",
      "export { local };",
      "const lazy = () => import('./lazy');",
      "const old = require('./old');",
      "vi.mock('./automock');",
      "vi.mock('./factory', () => ({}));",
      "jest.doMock('./jest-automock',);",
      "config.require('./not-a-module');",
      "const local = import.meta.url;",
    ].join('\n');
    expect(skimmed(text)).toEqual({
      specifiers: [
        { specifier: './ab', line: 1 },
        { specifier: './ns', line: 5 },
        { specifier: './side-effect', line: 6 },
        { specifier: './equals', line: 7 },
        { specifier: './exported-equals', line: 8 },
        { specifier: './star', line: 9 },
        { specifier: './named-star', line: 10 },
        { specifier: './named', line: 11 },
        { specifier: './types', line: 12 },
        { specifier: './lazy', line: 14 },
        { specifier: './old', line: 15 },
        { specifier: './automock', line: 16 },
        { specifier: './jest-automock', line: 18 },
      ],
      reExports: ['./star', './named-star', './named', './types'],
      stars: ['./star'],
      // `export { local }`, `export import`: what the file imports may leave through it.
      passesImports: true,
    });
    expect(skimmed(text).specifiers).toEqual(expect.arrayContaining(parsed(text)));
  });

  test('is not fooled by strings, comments, regular expressions or templates that look like imports', () => {
    const text = [
      "const s = \"import x from './in-a-string'\";",
      "// import y from './in-a-comment';",
      "/* require('./in-a-block-comment') */",
      "const quote = /'/g; const slash = /\\/'\"/;",
      "const ratio = total / count / 2;",
      "if (ratio) /'/.test('x');",
      "const t = `${ { a: 1 }.a } import z from './in-a-template' ${`${'nested'}`}`;",
      "const after = require('./after-all-that');",
    ].join('\n');
    expect(skimmed(text).specifiers).toEqual([{ specifier: './after-all-that', line: 8 }]);
    expect(parsed(text)).toEqual([{ specifier: './after-all-that', line: 8 }]);
  });

  test('knows when a file may export what it imports', () => {
    const passes = (text: string) => skimmed(text).passesImports;
    expect(passes("export * from './a';\nexport { b } from './b';\nexport const c = 1;\nexport default function d() {}\n")).toBe(false);
    expect(passes("import { a } from './a';\nexport { a };\n")).toBe(true);
    expect(passes("import a from './a';\nexport default a;\n")).toBe(true);
    expect(passes("import a = require('./a');\nexport = a;\n")).toBe(true);
    expect(passes("const a = require('./a');\nmodule.exports = { a };\n")).toBe(true);
    expect(passes("exports.a = require('./a').a;\n")).toBe(true);
  });

  test('reads JSX files, apostrophes in their text included', () => {
    const text = "import { Button } from './button';\nexport const App = () => <p>Don't <Button /></p>;\nconst later = require('./later');\n";
    expect(skimmed(text, 'src/app.tsx').specifiers).toEqual([
      { specifier: './button', line: 1 },
      { specifier: './later', line: 3 },
    ]);
  });
});
