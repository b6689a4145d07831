// Non-code inputs and entry points through the built CLI: what a developer and a script see.
import { readFileSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import type { Result } from '../../src/types.js';
import { gitRepo } from '../helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';

const slow = { tags: ['slow'] };
const schema = JSON.parse(readFileSync(new URL('../../schema/result.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv2020Module.default({ allErrors: true, strict: true }).compile(schema);

const tsconfig = JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } });
const files = (lodash: string, limit: string) => ({
  'package.json': JSON.stringify({ name: '@acme/search', type: 'module', exports: { '.': './dist/index.js' }, dependencies: { '@acme/debounce': lodash } }),
  'tsconfig.json': tsconfig,
  'src/index.ts': "export { search } from './search.js';\n",
  'src/search.ts': "import { debounce } from '@acme/debounce';\nimport { limit } from './limit.js';\nexport function search(query: string) { return debounce(() => query.slice(0, limit()), 10); }\n",
  'src/limit.ts': "import settings from './settings.json' with { type: 'json' };\nexport function limit() { return settings.limit; }\n",
  'src/settings.json': `{ "limit": ${limit} }\n`,
});

describe('blast check with changed inputs, end to end', () => {
  test('a dependency bump: the text report names the input, the radius, the why-path and the entry point', slow, async () => {
    const repo = await gitRepo({ base: files('1.0.0', '1'), head: files('1.1.0', '1') });
    const run = await runCli(['check'], repo);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.slice(run.stdout.indexOf('Changed inputs'))).toBe(
      [
        'Changed inputs  1 input reaching code',
        '  dependency  package.json#dependencies.@acme/debounce',
        '',
        'Blast radius',
        '  1 symbol · 1 file · 0 tests · 0 packages · 1 entry point · max depth 1',
        '  depth 1  src/search.ts  search',
        '  entry points  src/search.ts#search',
        '',
        'Why  1 of 1 affected symbol',
        '  src/search.ts#search',
        '    ← package  package.json#dependencies.@acme/debounce  changed',
        '',
        '✔ PASS  medium risk · score 26',
        '',
      ].join('\n'),
    );
  });

  test('a changed JSON file: the JSON result, valid by the schema; the entryPoints limit fails the change', slow, async () => {
    const repo = await gitRepo({ base: files('1.0.0', '1'), head: { ...files('1.0.0', '2'), '.blast.yml': 'version: 1\nthresholds:\n  fail: { entryPoints: 0 }\n' } });
    const run = await runCli(['check', '--format', 'json'], repo);
    expect(run.exitCode).toBe(1);
    const result = JSON.parse(run.stdout) as Result;
    expect(validate(result)).toBe(true);
    expect(result.changes).toEqual([]);
    expect(result.affected.symbols.map((symbol) => `${symbol.id} ${symbol.depth} ${symbol.via} ${symbol.edge}`)).toEqual([
      'src/limit.ts#limit 1 src/settings.json asset',
      'src/search.ts#search 2 src/limit.ts#limit runtime',
    ]);
    expect(result.affected.entryPoints).toEqual(['src/search.ts#search']);
    expect(result.stats.entryPoints).toBe(1);
    // Two affected symbols and one entry point.
    expect(result.score).toBe(27);
    expect(result.findings).toEqual([
      { rule: 'thresholds.entryPoints', severity: 'error', message: '1 affected entry point, above the fail limit of 0', figure: 1, limit: 0 },
    ]);

    const markdown = await runCli(['check', '--format', 'markdown'], repo);
    expect(markdown.exitCode).toBe(1);
    expect(markdown.stdout).toContain('**Changed inputs (1):** file `src/settings.json`');
  });
});
