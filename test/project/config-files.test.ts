// Which files a tsconfig's include and exclude take in, answered from the tree's paths.
import { describe, expect, test } from 'vitest';
import { matchConfigFiles } from '../../src/project/config-files.js';

const root = '/repo';
const paths = [
  'src2/b.ts',
  'src/a.ts',
  'src/.hidden/h.ts',
  'src/deep/c.tsx',
  'src/deep/c.test.ts',
  'srcx/d.ts',
  'lib/e.ts',
  'lib/e.js',
  'packages/app/src/f.ts',
  'packages/app/index.ts',
  'packages/app-two/src/g.ts',
];
const ts = ['.ts', '.tsx', '.d.ts'];

describe('matchConfigFiles', () => {
  test('a folder without a wildcard means all below it, and a folder whose name another starts with stays apart', () => {
    expect(matchConfigFiles(root, paths, { rootDir: root, extensions: ts, includes: ['src'], excludes: undefined })).toEqual([
      '/repo/src/a.ts',
      '/repo/src/deep/c.test.ts',
      '/repo/src/deep/c.tsx',
    ]);
  });

  test('several includes, nested ones among them, give each file once, in path order', () => {
    const matched = matchConfigFiles(root, paths, { rootDir: root, extensions: ts, includes: ['src/deep/**/*', 'src2', 'src/**/*', 'lib/*.ts'], excludes: undefined });
    expect(matched).toEqual(['/repo/lib/e.ts', '/repo/src/a.ts', '/repo/src/deep/c.test.ts', '/repo/src/deep/c.tsx', '/repo/src2/b.ts']);
  });

  test('patterns are relative to the config, excludes cover folders and files, extensions filter', () => {
    const rootDir = '/repo/packages/app';
    expect(matchConfigFiles(root, paths, { rootDir, extensions: ts, includes: ['**/*'], excludes: undefined })).toEqual(['/repo/packages/app/index.ts', '/repo/packages/app/src/f.ts']);
    expect(matchConfigFiles(root, paths, { rootDir, extensions: ts, includes: ['**/*'], excludes: ['src'] })).toEqual(['/repo/packages/app/index.ts']);
    expect(matchConfigFiles(root, paths, { rootDir: root, extensions: ['.js'], includes: ['lib', '**/*.test.ts'], excludes: undefined })).toEqual(['/repo/lib/e.js']);
    expect(matchConfigFiles(root, paths, { rootDir: root, extensions: ts, includes: ['**/*.test.ts'], excludes: undefined })).toEqual(['/repo/src/deep/c.test.ts']);
  });

  test('a pattern outside the repository, and no include at all, take in nothing', () => {
    expect(matchConfigFiles(root, paths, { rootDir: root, extensions: ts, includes: ['../elsewhere/**/*'], excludes: undefined })).toEqual([]);
    expect(matchConfigFiles(root, paths, { rootDir: root, extensions: ts, includes: undefined, excludes: undefined })).toEqual([]);
  });
});
