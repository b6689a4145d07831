// blast explain and blast affected on the fixture scenarios.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { affected, check, explain } from '../../src/run.js';
import { createFixtureRepo, gitRepo } from '../helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';

const slow = { tags: ['slow'] };

describe('blast explain', () => {
  test('an affected symbol: its why-path with edge kinds, reference lines and barrels', slow, async () => {
    const repo = await createFixtureRepo('demo-shop');
    const explanation = await explain({ cwd: repo.cwd, env: repo.env, target: 'src/server.ts#routes', depth: 1 });
    expect(explanation.symbols).toHaveLength(1);
    const [routes] = explanation.symbols;
    expect(routes).toMatchObject({ id: 'src/server.ts#routes', status: 'affected', depth: 4, dependents: [] });
    expect(routes!.path).toEqual([
      { id: 'src/server.ts#routes', file: 'src/server.ts', line: 4, edge: 'runtime', referenceLine: 5 },
      { id: 'src/checkout/checkout.ts#renderCheckout', file: 'src/checkout/checkout.ts', line: 4, edge: 'runtime', referenceLine: 5 },
      { id: 'src/cart/summary.ts#cartSummary', file: 'src/cart/summary.ts', line: 3, edge: 'runtime', referenceLine: 4 },
      { id: 'src/cart/cart.ts#cartTotalLabel', file: 'src/cart/cart.ts', line: 13, edge: 'runtime', referenceLine: 14, through: ['src/money/index.ts'] },
      { id: 'src/money/format.ts#formatPrice', file: 'src/money/format.ts', line: 1 },
    ]);
  });

  test('a file: each of its symbols with its status and its dependents as a tree', slow, async () => {
    const repo = await createFixtureRepo('demo-shop');
    const explanation = await explain({ cwd: join(repo.cwd, 'src'), env: repo.env, target: 'money/format.ts', depth: 2 });
    expect(explanation.symbols.map((symbol) => `${symbol.id} ${symbol.status}`)).toEqual([
      'src/money/format.ts#formatPrice changed',
      'src/money/format.ts#parseCents unaffected',
    ]);
    expect(explanation.symbols[1]!.dependents).toEqual([
      {
        id: 'src/admin/price-field.ts#readPriceField',
        edge: 'runtime',
        line: 4,
        children: [
          { id: 'src/server.ts#routes', edge: 'runtime', line: 6, children: [] },
          { id: 'test/price-field.test.ts#<module>', edge: 'runtime', line: 5, children: [] },
        ],
      },
    ]);
  });

  test('circular imports: the walk ends, each symbol once; the dependents tree shows the cycle once', slow, async () => {
    const even = 'import { odd } from \'./odd\';\nexport function even(n: number): boolean {\n  return n === 0 ? true : odd(n - 1);\n}\n';
    const odd = "import { even } from './even';\nexport function odd(n: number): boolean {\n  return n === 0 ? false : even(n - 1);\n}\n";
    const base = { 'src/even.ts': even, 'src/odd.ts': odd, 'src/main.ts': "import { even } from './even';\nexport const main = () => even(4);\n" };
    const repo = await gitRepo({ base, head: { ...base, 'src/odd.ts': odd.replace('n === 0 ? false', 'n <= 0 ? false') } });
    const { result } = await check({ cwd: repo.cwd, env: repo.env });
    expect(result.affected.symbols.map((symbol) => `${symbol.id} ${symbol.depth} via ${symbol.via}`)).toEqual([
      'src/even.ts#even 1 via src/odd.ts#odd',
      'src/main.ts#main 2 via src/even.ts#even',
    ]);
    const explanation = await explain({ cwd: repo.cwd, env: repo.env, target: 'src/odd.ts#odd', depth: 4 });
    expect(explanation.symbols[0]!.dependents).toEqual([
      {
        id: 'src/even.ts#even',
        edge: 'runtime',
        line: 3,
        children: [
          { id: 'src/main.ts#main', edge: 'runtime', line: 2, children: [] },
          { id: 'src/odd.ts#odd', edge: 'runtime', line: 3, children: [], cycle: true },
        ],
      },
    ]);
  });

  test('a target that names nothing: exit 2 with the id format', slow, async () => {
    const repo = await createFixtureRepo('demo-shop');
    const run = await runCli(['explain', 'src/server.ts#nothing'], repo);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe("blast: no symbol or file 'src/server.ts#nothing' at head; ids look like src/file.ts#name (Class.member for members); `blast affected` lists the files\n");
    const text = await runCli(['explain', 'src/server.ts#routes'], repo);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain('      └ runtime reference at src/cart/cart.ts:14, through src/money/index.ts\n');
  });
});

describe('blast affected', () => {
  test('changed and affected files; --tests the tests among them', slow, async () => {
    const repo = await createFixtureRepo('demo-shop');
    const all = await affected({ cwd: repo.cwd, env: repo.env });
    expect(all.files).toEqual([
      'src/cart/cart.ts',
      'src/cart/summary.ts',
      'src/catalog/catalog-page.tsx',
      'src/catalog/product-card.tsx',
      'src/checkout/checkout.ts',
      'src/checkout/receipt.ts',
      'src/money/format.ts',
      'src/server.ts',
      'test/cart.test.ts',
      'test/receipt.test.ts',
    ]);
    const tests = await affected({ cwd: repo.cwd, env: repo.env, tests: true });
    expect(tests.files).toEqual(['test/cart.test.ts', 'test/receipt.test.ts']);
  });

  test('paths are relative to the current directory, one per line, exit 0', slow, async () => {
    const repo = await createFixtureRepo('demo-shop');
    const run = await runCli(['affected', '--tests'], { ...repo, cwd: join(repo.cwd, 'src', 'cart') });
    expect(run).toEqual({ exitCode: 0, stdout: '../../test/cart.test.ts\n../../test/receipt.test.ts\n', stderr: '' });
    const files = await runCli(['affected'], { ...repo, cwd: join(repo.cwd, 'src') });
    expect(files.stdout.split('\n').slice(0, 3)).toEqual(['cart/cart.ts', 'cart/summary.ts', 'catalog/catalog-page.tsx']);
  });

  test('--fallback all lists every test file when a trigger makes the radius unknowable', slow, async () => {
    const repo = await createFixtureRepo('demo-shop');
    repo.write({
      '.blast.yml': 'version: 1\ntriggers:\n  - paths: ["tsconfig.json"]\n    reason: build configuration\n',
      'tsconfig.json': repo.git(['show', 'HEAD:tsconfig.json']).replace('"strict": true', '"strict": false') + '\n',
    });
    const normal = await affected({ cwd: repo.cwd, env: repo.env, tests: true });
    expect(normal).toMatchObject({ files: ['test/cart.test.ts', 'test/receipt.test.ts'], fellBack: false });
    const fallback = await affected({ cwd: repo.cwd, env: repo.env, tests: true, fallback: 'all' });
    expect(fallback).toMatchObject({ files: ['test/cart.test.ts', 'test/price-field.test.ts', 'test/receipt.test.ts'], fellBack: true });
  });
});
