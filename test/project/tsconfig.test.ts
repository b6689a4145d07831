// loadProjectLayout: which config governs each file, and what reading the configs reports.
import { ts } from 'ts-morph';
import { describe, expect, test } from 'vitest';
import { loadProjectLayout } from '../../src/project/index.js';

const json = (value: unknown) => JSON.stringify(value, null, 2);

function layoutOf(files: Record<string, string>) {
  return loadProjectLayout({ root: '/repo', paths: Object.keys(files).sort(), readText: (path) => files[path] });
}

describe('loadProjectLayout', () => {
  test('include wildcards skip dot-folders; `files` take a file in despite `exclude`; JavaScript is taken in', () => {
    const layout = layoutOf({
      'tsconfig.json': json({ include: ['.storybook/preview.ts', 'packages/*/src/**/*.test.ts'] }),
      'packages/ui/tsconfig.json': json({ include: ['**/*'], exclude: ['src/generated'], files: ['src/generated/keep.ts'] }),
      'packages/ui/src/button.ts': '',
      'packages/ui/src/button.test.ts': '',
      'packages/ui/src/legacy.js': '',
      'packages/ui/src/generated/icons.ts': '',
      'packages/ui/src/generated/keep.ts': '',
      'packages/ui/.cache/entry.ts': '',
      '.storybook/preview.ts': '',
      '.storybook/main.ts': '',
    });
    const governing = (path: string) => layout.governing(path).path;
    expect(governing('packages/ui/src/button.ts')).toBe('packages/ui/tsconfig.json');
    expect(governing('packages/ui/src/button.test.ts')).toBe('packages/ui/tsconfig.json');
    expect(governing('packages/ui/src/legacy.js')).toBe('packages/ui/tsconfig.json');
    expect(governing('packages/ui/src/generated/keep.ts')).toBe('packages/ui/tsconfig.json');
    // Taken in by no config: the nearest one still governs.
    expect(governing('packages/ui/src/generated/icons.ts')).toBe('packages/ui/tsconfig.json');
    expect(governing('packages/ui/.cache/entry.ts')).toBe('packages/ui/tsconfig.json');
    expect(governing('.storybook/preview.ts')).toBe('tsconfig.json');
    expect(governing('.storybook/main.ts')).toBe('tsconfig.json');
    expect([...layout.governing('packages/ui/src/button.ts').files].sort()).toEqual([
      'packages/ui/src/button.test.ts',
      'packages/ui/src/button.ts',
      'packages/ui/src/generated/keep.ts',
      'packages/ui/src/legacy.js',
    ]);
    expect(layout.warnings).toEqual([]);
  });

  test('a test file excluded by its package config falls to an ancestor config that includes it', () => {
    const layout = layoutOf({
      'tsconfig.json': json({ include: ['packages'] }),
      'packages/ui/tsconfig.json': json({ exclude: ['**/*.test.*'] }),
      'packages/ui/src/button.ts': '',
      'packages/ui/src/button.test.ts': '',
    });
    expect(layout.governing('packages/ui/src/button.ts').path).toBe('packages/ui/tsconfig.json');
    expect(layout.governing('packages/ui/src/button.test.ts').path).toBe('tsconfig.json');
  });

  test('solution configs: references are followed depth first, in order, and every config read is listed', () => {
    const layout = layoutOf({
      'tsconfig.json': json({ files: [], references: [{ path: './tsconfig.app.json' }, { path: './tsconfig.test.json' }, { path: './tools' }] }),
      'tsconfig.app.json': json({ include: ['src'], exclude: ['src/**/*.test.ts'] }),
      'tsconfig.test.json': json({ include: ['src/**/*.test.ts', 'vitest.config.ts'] }),
      'src/main.ts': '',
      'src/main.test.ts': '',
      'vitest.config.ts': '',
      'scripts/release.ts': '',
    });
    expect(layout.governing('src/main.ts').path).toBe('tsconfig.app.json');
    expect(layout.governing('src/main.test.ts').path).toBe('tsconfig.test.json');
    expect(layout.governing('vitest.config.ts').path).toBe('tsconfig.test.json');
    expect(layout.governing('scripts/release.ts').path).toBe('tsconfig.json');
    expect(layout.tsconfigs.map((config) => config.path)).toEqual(['tsconfig.json', 'tsconfig.app.json', 'tsconfig.test.json']);
    expect(layout.warnings).toEqual(["tsconfig.json: referenced project 'tools/tsconfig.json' has no config; its files are governed without it"]);
  });

  test('a shared base config from node_modules in the tree, and jsconfig.json where there is no tsconfig.json', () => {
    const layout = layoutOf({
      'node_modules/@tsconfig/node20/package.json': json({ name: '@tsconfig/node20', version: '20.1.4' }),
      'node_modules/@tsconfig/node20/tsconfig.json': json({ compilerOptions: { module: 'node16', moduleResolution: 'node16', customConditions: ['node'] } }),
      'server/tsconfig.json': json({ extends: '@tsconfig/node20/tsconfig.json', compilerOptions: { customConditions: ['source'] } }),
      'server/main.ts': '',
      'web/jsconfig.json': json({ compilerOptions: { baseUrl: '.' } }),
      'web/app.js': '',
    });
    const server = layout.governing('server/main.ts').options;
    expect([server.moduleResolution, server.customConditions]).toEqual([ts.ModuleResolutionKind.Node16, ['source']]);
    expect(layout.governing('web/app.js').path).toBe('web/jsconfig.json');
    expect(layout.governing('lib/index.ts').path).toBe(null);
    expect(layout.warnings).toEqual([]);
  });
});
