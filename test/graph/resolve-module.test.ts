// The resolver's answers are shared between specifiers that name one path: checked against the
// answers each folder gets on its own.
import { expect, test } from 'vitest';
import { loadProjectLayout, workspacePackages } from '../../src/project/index.js';
import { createModuleResolver } from '../../src/graph/resolve-module.js';

const texts: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'esnext', moduleResolution: 'bundler' } }),
  'package.json': JSON.stringify({ name: 'app' }),
  'src/a.ts': '',
  'src/lib/x.ts': '',
  'src/lib/x/index.ts': '',
  'src/lib/b.ts': '',
  'src/lib/deep/c.ts': '',
  'src/lib/style.css': '',
  'packages/other/package.json': JSON.stringify({ name: 'other', type: 'module' }),
  'packages/other/src/d.ts': '',
};

/** The resolver of a tree, with its configs and workspace packages. */
function resolverOf(tree: Record<string, string> = texts) {
  const root = '/repo';
  const paths = Object.keys(tree);
  const readText = (path: string) => tree[path];
  return createModuleResolver(root, new Set(paths), loadProjectLayout({ root, paths, readText }), readText, workspacePackages(paths, readText));
}

test('specifiers naming one path from different folders get its answer; a trailing slash names the folder', () => {
  const resolver = resolverOf();
  const asked: Array<[string, string]> = [
    ['src/a.ts', './lib/x'],
    ['src/lib/b.ts', './x'],
    ['src/lib/deep/c.ts', '../x'],
    ['src/lib/b.ts', './x/'],
    ['src/lib/deep/c.ts', '../x/'],
    ['src/lib/deep/c.ts', '../style.css'],
    ['src/a.ts', './lib/missing'],
    ['packages/other/src/d.ts', '../../../src/lib/x'],
  ];
  const answers = asked.map(([from, specifier]) => resolver.resolve(from, specifier));
  // Each asked of a resolver of its own: nothing shared.
  expect(answers).toEqual(asked.map(([from, specifier]) => resolverOf().resolve(from, specifier)));
  expect(answers).toEqual([
    { kind: 'file', path: 'src/lib/x.ts' },
    { kind: 'file', path: 'src/lib/x.ts' },
    { kind: 'file', path: 'src/lib/x.ts' },
    { kind: 'file', path: 'src/lib/x/index.ts' },
    { kind: 'file', path: 'src/lib/x/index.ts' },
    { kind: 'asset', path: 'src/lib/style.css' },
    { kind: 'unresolved' },
    { kind: 'file', path: 'src/lib/x.ts' },
  ]);
});

test('a bare specifier is resolved nowhere without asking TypeScript only when nothing in the tree could answer it', () => {
  const tree: Record<string, string> = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', baseUrl: '.', paths: { '@app/*': ['src/*'] } } }),
    'package.json': JSON.stringify({ name: 'root', workspaces: ['packages/*'] }),
    'src/a.ts': '',
    'src/lib/x.ts': '',
    'src/utils/index.ts': '',
    'packages/self/package.json': JSON.stringify({ name: 'self-pkg', type: 'module', exports: { '.': './src/index.ts' } }),
    'packages/self/tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } }),
    'packages/self/src/index.ts': '',
    'packages/self/src/b.ts': '',
    'examples/site/package.json': JSON.stringify({ name: 'site', type: 'module', exports: { './page': './page.ts' } }),
    'examples/site/tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } }),
    'examples/site/page.ts': '',
    'examples/site/main.ts': '',
  };
  const resolver = resolverOf(tree);
  const asked: Array<[string, string]> = [
    ['src/a.ts', 'react'],
    ['src/a.ts', 'node:fs'],
    ['src/a.ts', '@app/lib/x'],
    ['src/a.ts', 'src/lib/x'],
    ['src/a.ts', 'src/utils/'],
    ['src/a.ts', 'self-pkg'],
    ['examples/site/main.ts', 'site/page'],
    ['examples/site/main.ts', 'react/jsx-runtime'],
  ];
  expect(asked.map(([from, specifier]) => resolver.resolve(from, specifier))).toEqual([
    { kind: 'external' },
    { kind: 'external' },
    // `paths`, `baseUrl`, a workspace package, a package naming itself: the tree answers.
    { kind: 'file', path: 'src/lib/x.ts' },
    { kind: 'file', path: 'src/lib/x.ts' },
    { kind: 'file', path: 'src/utils/index.ts' },
    { kind: 'file', path: 'packages/self/src/index.ts' },
    { kind: 'file', path: 'examples/site/page.ts' },
    { kind: 'external' },
  ]);
});
