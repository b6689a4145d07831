// affected.owners end to end: the CODEOWNERS file GitHub would use, read at the head side, over
// the changed and affected files.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyze } from '../../src/run.js';
import { createFixtureRepo, type TestRepo } from '../helpers/git-repo.js';

const slow = { tags: ['slow'] };

const CODEOWNERS = [
  '# the shop',
  '*                @acme/everyone',
  '/src/cart/       @acme/cart @bob',
  'src/money/       @acme/money',
  '*.test.ts        @acme/qa',
  '/src/server.ts',
  '',
].join('\n');

/** demo-shop with `files` committed on main and the feature rebased on it: unchanged by the change. */
async function shopWith(files: Record<string, string>): Promise<TestRepo> {
  const repo = await createFixtureRepo('demo-shop');
  repo.git(['checkout', '-q', 'main']);
  repo.write(files);
  repo.commit('owners');
  repo.git(['checkout', '-q', 'feature']);
  repo.git(['rebase', '-q', 'main']);
  return repo;
}

describe('affected.owners', () => {
  test("counts the owners of the changed and affected files by GitHub's first CODEOWNERS; the last matching rule wins", slow, async () => {
    // .github/ comes first; the root file is never read when it exists.
    const repo = await shopWith({ '.github/CODEOWNERS': CODEOWNERS, CODEOWNERS: '* @root-only\n' });
    const result = await analyze({ cwd: repo.cwd, env: repo.env });
    // changed: src/cart/cart.ts, src/money/format.ts; affected: 9 files (cart.ts again);
    // src/server.ts matches a rule without owners: nobody owns it.
    expect(result.affected.owners).toEqual([
      { owner: '@acme/everyone', files: 4 },
      { owner: '@acme/cart', files: 2 },
      { owner: '@acme/qa', files: 2 },
      { owner: '@bob', files: 2 },
      { owner: '@acme/money', files: 1 },
    ]);
  });

  test('reads CODEOWNERS at the head side: the commit with --committed, the working tree otherwise', slow, async () => {
    const repo = await shopWith({ CODEOWNERS: '* @committed\n' });
    writeFileSync(join(repo.cwd, 'CODEOWNERS'), '* @worktree\n');
    expect((await analyze({ cwd: repo.cwd, env: repo.env, committed: true })).affected.owners).toEqual([{ owner: '@committed', files: 10 }]);
    // The edited CODEOWNERS is a changed file itself.
    expect((await analyze({ cwd: repo.cwd, env: repo.env })).affected.owners).toEqual([{ owner: '@worktree', files: 11 }]);
  });

  test('leaves out ignored files, and warns about the lines GitHub skips', slow, async () => {
    const repo = await shopWith({
      'docs/CODEOWNERS': '*  @acme/everyone\n*.test.ts  @acme/qa\n!src/server.ts @nobody\n',
      '.blast.yml': 'version: 1\nignore: ["test/**"]\n',
    });
    const warnings: string[] = [];
    const result = await analyze({ cwd: repo.cwd, env: repo.env, onWarning: (message) => warnings.push(message) });
    expect(result.affected.owners).toEqual([{ owner: '@acme/everyone', files: 8 }]);
    expect(warnings).toContain("docs/CODEOWNERS:3: line skipped, as GitHub skips it: '!src/server.ts': negation with '!' is not supported in CODEOWNERS");
  });

  test('is empty without a CODEOWNERS file', slow, async () => {
    const repo = await createFixtureRepo('demo-shop');
    expect((await analyze({ cwd: repo.cwd, env: repo.env })).affected.owners).toEqual([]);
  });
});
