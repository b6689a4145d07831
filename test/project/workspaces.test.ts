import { describe, expect, it } from 'vitest';
import { findWorkspaces } from '../../src/project/workspaces.js';

const paths = [
  'package.json',
  'packages/api/package.json',
  'packages/api/src/index.ts',
  'packages/web/package.json',
  'packages/legacy/package.json',
  'packages/notes/README.md',
  'apps/site/package.json',
  'apps/site/node_modules/dep/package.json',
  'tools/scripts/deep/package.json',
];

describe('findWorkspaces', () => {
  it('reads npm and yarn `workspaces` globs, with exclusions, and keeps directories that hold a package.json', () => {
    const packageJson = JSON.stringify({ name: 'root', workspaces: ['packages/*', '!packages/legacy', './apps/*/', 'tools/**'] });
    expect(findWorkspaces({ packageJson, paths })).toEqual({
      source: 'package.json',
      patterns: ['packages/*', '!packages/legacy', './apps/*/', 'tools/**'],
      dirs: ['apps/site', 'packages/api', 'packages/web', 'tools/scripts/deep'],
    });
  });

  it('reads yarn classic `workspaces.packages`', () => {
    const packageJson = JSON.stringify({ workspaces: { packages: ['apps/*'], nohoist: ['**/react'] } });
    expect(findWorkspaces({ packageJson, paths })?.dirs).toEqual(['apps/site']);
  });

  it.each([
    ['a block list with quotes and comments', "# pnpm\npackages:\n  # the libraries\n  - 'packages/*'\n  - \"apps/*\" # the apps\n  - '!packages/legacy'\ncatalog:\n  react: ^18\n"],
    ['a flow list', "packages: ['packages/*', \"apps/*\", '!packages/legacy'] # all\n"],
  ])('reads pnpm-workspace.yaml written as %s, before package.json', (_, pnpmWorkspace) => {
    const packageJson = JSON.stringify({ workspaces: ['tools/**'] });
    expect(findWorkspaces({ packageJson, pnpmWorkspace, paths })).toMatchObject({
      source: 'pnpm-workspace.yaml',
      dirs: ['apps/site', 'packages/api', 'packages/web'],
    });
  });

  it.each([
    ['no workspaces key', { packageJson: '{"name":"x"}' }],
    ['a package.json that does not parse', { packageJson: '{ "workspaces": [' }],
    ['an empty list', { packageJson: '{"workspaces":[]}' }],
    ['no manifest at all', {}],
    ['a pnpm file without packages', { pnpmWorkspace: 'catalog:\n  react: ^18\n' }],
  ])('is null with %s', (_, input) => {
    expect(findWorkspaces({ ...input, paths })).toBeNull();
  });
});
