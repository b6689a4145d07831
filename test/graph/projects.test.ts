// Which tsconfig governs each file, and what it says: `extends` chains, solution configs with
// `references`, several configs with `include`/`exclude`, package `exports`/`imports` with
// conditions, and configs written for older TypeScript versions.
import { describe, expect, test } from 'vitest';
import { buildGraph, disabledCache } from '../../src/graph/index.js';
import { edgesOf, graphOf, treeOf } from './graph-of.js';

const json = (value: unknown) => JSON.stringify(value, null, 2);

async function buildOf(files: Record<string, string>) {
  return buildGraph({ ...treeOf(files), cache: disabledCache() });
}

describe('tsconfig extends', () => {
  test('a chain through a relative base and a workspace package by name, without node_modules', async () => {
    const graph = await graphOf({
      'package.json': json({ name: 'acme', private: true, workspaces: ['packages/*'] }),
      // Turborepo's layout: shared configs in a package of their own, named by package.
      'packages/typescript-config/package.json': json({ name: '@acme/typescript-config', files: ['paths.json'] }),
      'packages/typescript-config/paths.json': json({ compilerOptions: { baseUrl: '.', paths: { '~lib/*': ['../../shared/*'] } } }),
      'apps/web/tsconfig.base.json': json({ extends: '@acme/typescript-config/paths.json', compilerOptions: { strict: true } }),
      'apps/web/tsconfig.json': json({ extends: './tsconfig.base.json', include: ['src'] }),
      'shared/format.ts': 'export const format = (n: number) => n.toFixed(2);\n',
      'apps/web/src/price.ts': "import { format } from '~lib/format';\nexport const price = (n: number) => format(n);\n",
    });
    expect(edgesOf(graph)).toEqual(['apps/web/src/price.ts#price -> shared/format.ts#format (runtime)']);
    expect(graph.unresolvedImports).toEqual([]);
  });

  test('a list of bases: later ones override earlier ones, the config itself overrides all', async () => {
    const graph = await graphOf({
      'configs/tsconfig.aliases.json': json({ compilerOptions: { paths: { '@ui/*': ['../old-ui/*'], '@data/*': ['../data/*'] } } }),
      'configs/tsconfig.ui.json': json({ compilerOptions: { paths: { '@ui/*': ['../ui/*'] } } }),
      'tsconfig.json': json({ extends: ['./configs/tsconfig.aliases.json', './configs/tsconfig.ui.json'], include: ['src'] }),
      'ui/button.ts': 'export const button = () => "ui";\n',
      'old-ui/button.ts': 'export const button = () => "old";\n',
      'data/rows.ts': 'export const rows = [];\n',
      'src/page.ts': "import { button } from '@ui/button';\nimport { rows } from '@data/rows';\nexport const page = () => [button(), rows];\n",
    });
    // The paths of tsconfig.ui.json replace those of tsconfig.aliases.json whole, as in TypeScript.
    expect(edgesOf(graph)).toEqual(['src/page.ts#page -> ui/button.ts#button (runtime)']);
    // No alias claims `@data/rows` any more: it reads as a package name, not as a broken import.
    expect(graph.unresolvedImports).toEqual([]);
  });

  test('a base config that is not installed is a warning; one that is not JSON is an error with its position', async () => {
    const missing = await buildOf({
      'tsconfig.json': json({ extends: ['@tsconfig/strictest/tsconfig.json', './tsconfig.paths.json'] }),
      'tsconfig.paths.json': json({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }),
      'src/a.ts': 'export const a = 1;\n',
      'src/b.ts': "import { a } from '@/a';\nexport const b = a;\n",
    });
    expect(missing.warnings).toEqual(["tsconfig.json: file '@tsconfig/strictest/tsconfig.json' not found; its own options are used without it"]);
    expect(edgesOf(missing.graph)).toEqual(['src/b.ts#b -> src/a.ts#a (runtime)']);

    const broken = buildOf({
      'tsconfig.json': json({ extends: './configs/tsconfig.base.json' }),
      'configs/tsconfig.base.json': '{\n  "compilerOptions": { "strict": true,, }\n}\n',
      'src/a.ts': 'export const a = 1;\n',
    });
    await expect(broken).rejects.toThrow(/^configs\/tsconfig\.base\.json:2:39: property assignment expected$/);
  });
});

describe('solution configs with references', () => {
  test('a Vite app: tsconfig.json references tsconfig.app.json for src and tsconfig.node.json for the build config', async () => {
    const graph = await graphOf({
      'tsconfig.json': json({ files: [], references: [{ path: './tsconfig.app.json' }, { path: './tsconfig.node.json' }] }),
      'tsconfig.app.json': json({ compilerOptions: { moduleResolution: 'bundler', paths: { '@/*': ['./src/*'] } }, include: ['src'] }),
      'tsconfig.node.json': json({ compilerOptions: { moduleResolution: 'bundler', paths: { '@/*': ['./build/*'] } }, include: ['vite.config.ts'] }),
      'src/app.ts': 'export const app = () => "app";\n',
      'src/main.ts': "import { app } from '@/app';\nexport const main = () => app();\n",
      'build/app.ts': 'export const app = () => "plugin";\n',
      'vite.config.ts': "import { app } from '@/app';\nexport default { plugins: [app()] };\n",
    });
    expect(edgesOf(graph)).toEqual([
      'src/main.ts#main -> src/app.ts#app (runtime)',
      'vite.config.ts#default -> build/app.ts#app (runtime)',
    ]);
  });

  test('a monorepo root with "files": [] hands each package to the project that includes it, references of references included', async () => {
    const graph = await graphOf({
      'tsconfig.json': json({ files: [], compilerOptions: { paths: { '#/*': ['./wrong/*'] } }, references: [{ path: './packages' }] }),
      'packages/tsconfig.json': json({ files: [], references: [{ path: './core/tsconfig.lib.json' }, { path: './web' }] }),
      'packages/core/tsconfig.lib.json': json({ compilerOptions: { paths: { '#/*': ['./lib/*'] } }, include: ['lib', 'index.ts'] }),
      'packages/core/index.ts': "import { parse } from '#/parse';\nexport const run = () => parse();\n",
      'packages/core/lib/parse.ts': 'export const parse = () => 1;\n',
      'packages/web/tsconfig.json': json({ compilerOptions: { paths: { '#/*': ['./src/*'] } } }),
      'packages/web/src/parse.ts': 'export const parse = () => 2;\n',
      'packages/web/src/view.ts': "import { parse } from '#/parse';\nexport const view = () => parse();\n",
      'wrong/parse.ts': 'export const parse = () => 0;\n',
    });
    expect(edgesOf(graph)).toEqual([
      'packages/core/index.ts#run -> packages/core/lib/parse.ts#parse (runtime)',
      'packages/web/src/view.ts#view -> packages/web/src/parse.ts#parse (runtime)',
    ]);
  });
});

describe('several configs in one repository', () => {
  test('each file is governed by the nearest config that includes it, else by the nearest config', async () => {
    const graph = await graphOf({
      'tsconfig.json': json({ compilerOptions: { paths: { '@/*': ['./test-support/*'] } }, include: ['packages/*/src/**/*.test.ts'] }),
      'packages/web/tsconfig.json': json({ compilerOptions: { paths: { '@/*': ['./src/*'] } }, include: ['src'], exclude: ['src/**/*.test.ts'] }),
      'packages/web/src/render.ts': 'export const render = () => "app";\n',
      'packages/web/src/page.ts': "import { render } from '@/render';\nexport const page = () => render();\n",
      'packages/web/src/page.test.ts': "import { render } from '@/render';\nexport const check = () => render();\n",
      'packages/web/scripts/build.ts': "import { render } from '@/render';\nexport const build = () => render();\n",
      'test-support/render.ts': 'export const render = () => "test";\n',
    });
    expect(edgesOf(graph)).toEqual([
      'packages/web/scripts/build.ts#build -> packages/web/src/render.ts#render (runtime)',
      'packages/web/src/page.test.ts#check -> test-support/render.ts#render (runtime)',
      'packages/web/src/page.ts#page -> packages/web/src/render.ts#render (runtime)',
    ]);
  });
});

describe('package exports and imports', () => {
  test('subpath imports (`#internal/*`) and a workspace export under the tsconfig\'s customConditions', async () => {
    const graph = await graphOf({
      'package.json': json({ name: 'acme', private: true, workspaces: ['packages/*'] }),
      'packages/clock/package.json': json({
        name: '@acme/clock',
        type: 'module',
        exports: { '.': { development: './src/main.ts', default: './dist/index.js' }, './zones/*': { development: './src/zones/*.ts', default: './dist/zones/*.js' } },
        imports: { '#internal/*': { development: './src/internal/*.ts', default: './dist/internal/*.js' } },
      }),
      'packages/clock/tsconfig.json': json({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', customConditions: ['development'] } }),
      'packages/clock/src/internal/tick.ts': 'export const tick = () => Date.now();\n',
      'packages/clock/src/main.ts': "import { tick } from '#internal/tick';\nexport const now = () => tick();\n",
      'packages/clock/src/zones/utc.ts': 'export const utc = 0;\n',
      'packages/app/package.json': json({ name: '@acme/app', type: 'module' }),
      'packages/app/tsconfig.json': json({ compilerOptions: { module: 'esnext', moduleResolution: 'bundler', customConditions: ['development'] } }),
      'packages/app/src/index.ts': "import { now } from '@acme/clock';\nimport { utc } from '@acme/clock/zones/utc';\nexport const stamp = () => now() + utc;\n",
    });
    expect(edgesOf(graph)).toEqual([
      'packages/app/src/index.ts#stamp -> packages/clock/src/main.ts#now (runtime)',
      'packages/app/src/index.ts#stamp -> packages/clock/src/zones/utc.ts#utc (runtime)',
      'packages/clock/src/main.ts#now -> packages/clock/src/internal/tick.ts#tick (runtime)',
    ]);
    expect(graph.unresolvedImports).toEqual([]);
  });

  test('under nodenext, the importing file\'s module format picks the `import` or `require` condition', async () => {
    const graph = await graphOf({
      'package.json': json({ name: 'app', type: 'module', imports: { '#env': { import: './src/env-esm.ts', require: './src/env-cjs.cts' } } }),
      'tsconfig.json': json({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } }),
      'src/env-esm.ts': 'export const env = "esm";\n',
      'src/env-cjs.cts': 'export const env = "cjs";\n',
      'src/main.ts': "import { env } from '#env';\nexport const main = () => env;\n",
      'src/legacy.cts': "import { env } from '#env';\nexport const legacy = () => env;\n",
    });
    expect(edgesOf(graph)).toEqual(['src/legacy.cts#legacy -> src/env-cjs.cts#env (runtime)', 'src/main.ts#main -> src/env-esm.ts#env (runtime)']);
  });

  test('a path alias to a stylesheet or an image is an asset, as a relative import is', async () => {
    const { graph } = await buildOf({
      'tsconfig.json': json({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }),
      'src/styles/globals.css': 'body {}\n',
      'src/layout.ts': "import '@/styles/globals.css';\nimport logo from '@/assets/logo.svg';\nexport const layout = () => logo;\n",
    });
    expect(graph.unresolvedImports).toEqual([{ file: 'src/layout.ts', specifier: '@/assets/logo.svg', line: 2 }]);
  });
});

describe('configs written for older TypeScript', () => {
  test('options TypeScript 6 deprecates or removed are read without complaint', async () => {
    const { graph, warnings } = await buildOf({
      'tsconfig.json': json({
        compilerOptions: {
          target: 'ES3',
          module: 'commonjs',
          moduleResolution: 'node',
          baseUrl: './src',
          paths: { '@lib/*': ['lib/*'] },
          importsNotUsedAsValues: 'remove',
          preserveValueImports: true,
          suppressImplicitAnyIndexErrors: true,
          keyofStringsOnly: true,
          noStrictGenericChecks: true,
          out: 'bundle.js',
          charset: 'utf8',
        },
      }),
      'src/lib/strings.ts': 'export const upper = (s: string) => s.toUpperCase();\n',
      'src/page.ts': "import { upper } from '@lib/strings';\nimport { upper as same } from 'lib/strings';\nexport const page = () => upper('a') + same('b');\n",
    });
    expect(edgesOf(graph)).toEqual(['src/page.ts#page -> src/lib/strings.ts#upper (runtime)']);
    expect(warnings).toEqual([]);
  });
});
