// Generates a synthetic TypeScript monorepo for the benchmark, deterministically: the same
// options give byte-identical files. Its shape is that of a real code base: workspace packages
// with a barrel each, imports by path alias across packages and relative within one, a few core
// modules that most others use (a power-law fan-in), classes with methods, types, and tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** mulberry32: small, fast and seedable, so the repository is the same on every machine. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes the repository into `root` and returns its layout.
 * @param {{ root: string, files?: number, packages?: number, seed?: number }} options
 */
export function generateRepository({ root, files = 10_000, packages = 40, seed = 7 }) {
  const next = random(seed);
  const pick = (n) => Math.floor(next() * n);
  // Skewed choice: low indexes (the core modules) are picked far more often.
  const pickSkewed = (n) => Math.min(n - 1, Math.floor(n * next() ** 3));
  const testShare = 0.15;
  const modulesPerPackage = Math.max(2, Math.floor((files * (1 - testShare)) / packages));
  const testsPerPackage = Math.max(1, Math.floor((files * testShare) / packages));
  const write = (path, text) => {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  };

  write('package.json', `${JSON.stringify({ name: 'bench-monorepo', private: true, workspaces: ['packages/*'] }, null, 2)}\n`);
  write(
    'tsconfig.json',
    `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, baseUrl: '.', paths: { '@bench/*': ['packages/*/src/index.ts'] } }, include: ['packages'] }, null, 2)}\n`,
  );

  const moduleName = (p, m) => `module-${p}-${m}`;
  const exportName = (p, m, k) => `fn${p}x${m}x${k}`;
  for (let p = 0; p < packages; p++) {
    const pkg = `packages/pkg-${p}`;
    write(`${pkg}/package.json`, `${JSON.stringify({ name: `@bench/pkg-${p}`, version: '1.0.0', type: 'module', main: 'src/index.ts' }, null, 2)}\n`);
    const barrel = [];
    for (let m = 0; m < modulesPerPackage; m++) {
      const name = moduleName(p, m);
      barrel.push(`export * from './${name}';`);
      const imports = new Map();
      const calls = [];
      // Within the package: earlier modules only, so the graph has depth but no cycles.
      for (let i = 0; i < (m === 0 ? 0 : 1 + pick(3)); i++) {
        const target = pickSkewed(m);
        const fn = exportName(p, target, pick(4));
        imports.set(`./${moduleName(p, target)}`, new Set([...(imports.get(`./${moduleName(p, target)}`) ?? []), fn]));
        calls.push(fn);
      }
      // Across packages: lower-numbered packages, through their barrel by alias.
      if (p > 0 && next() < 0.5) {
        const q = pickSkewed(p);
        const fn = exportName(q, pickSkewed(modulesPerPackage), pick(4));
        imports.set(`@bench/pkg-${q}`, new Set([...(imports.get(`@bench/pkg-${q}`) ?? []), fn]));
        calls.push(fn);
      }
      const lines = [...imports].map(([from, names]) => `import { ${[...names].sort().join(', ')} } from '${from}';`);
      lines.push('', `export interface Options${p}x${m} {`, '  scale: number;', '  label?: string;', '}', '');
      for (let k = 0; k < 4; k++) {
        const uses = calls.length > 0 && next() < 0.7 ? calls[pick(calls.length)] : undefined;
        lines.push(
          `/** Step ${k} of ${name}. */`,
          `export function ${exportName(p, m, k)}(value: number, options: Options${p}x${m} = { scale: ${k + 1} }): number {`,
          `  const scaled = value * options.scale + ${pick(100)};`,
          uses ? `  return ${uses}(scaled) + ${k};` : `  return Math.round(scaled) - ${k};`,
          '}',
          '',
        );
      }
      lines.push(
        `export class Service${p}x${m} {`,
        '  private readonly history: number[] = [];',
        '',
        '  run(value: number): number {',
        `    const result = ${exportName(p, m, 0)}(value);`,
        '    this.history.push(result);',
        '    return result;',
        '  }',
        '',
        '  last(): number | undefined {',
        '    return this.history.at(-1);',
        '  }',
        '}',
        '',
      );
      write(`${pkg}/src/${name}.ts`, `${lines.join('\n')}`);
    }
    write(`${pkg}/src/index.ts`, `${barrel.join('\n')}\n`);
    for (let t = 0; t < testsPerPackage; t++) {
      const m = pick(modulesPerPackage);
      write(
        `${pkg}/test/${moduleName(p, m)}-${t}.test.ts`,
        [
          "import { expect, test } from 'vitest';",
          `import { ${exportName(p, m, 1)} } from '../src/${moduleName(p, m)}';`,
          '',
          `test('${moduleName(p, m)} step 1', () => {`,
          `  expect(${exportName(p, m, 1)}(2)).toBeTypeOf('number');`,
          '});',
          '',
        ].join('\n'),
      );
    }
  }
  return {
    files: packages * (modulesPerPackage + testsPerPackage + 2) + 2,
    /** A module most of the repository reaches, for the one-file change. */
    hotFile: `packages/pkg-0/src/${moduleName(0, 0)}.ts`,
    /** A module few others use. */
    coldFile: `packages/pkg-${packages - 1}/src/${moduleName(packages - 1, modulesPerPackage - 1)}.ts`,
  };
}
