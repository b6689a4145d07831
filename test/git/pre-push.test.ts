import { describe, expect, test } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { openRepository, parsePushedRefs, planPush } from '../../src/git/index.js';
import { gitRepo } from '../helpers/git-repo.js';

const A = 'a'.repeat(40);
const ZERO = '0'.repeat(40);

describe('parsePushedRefs', () => {
  test("git's lines, blank lines ignored", () => {
    expect(parsePushedRefs(`refs/heads/feature ${A} refs/heads/feature ${ZERO}\n\n(delete) ${ZERO} refs/heads/old ${A}\n`)).toEqual([
      { localRef: 'refs/heads/feature', localSha: A, remoteRef: 'refs/heads/feature', remoteSha: ZERO },
      { localRef: '(delete)', localSha: ZERO, remoteRef: 'refs/heads/old', remoteSha: A },
    ]);
    expect(parsePushedRefs('')).toEqual([]);
  });

  test('anything else is a usage error naming the line', () => {
    expect(() => parsePushedRefs(`refs/heads/a ${A} refs/heads/a ${A}\nhello world\n`)).toThrow(
      "line 2 of the pre-push input is not '<local ref> <local sha> <remote ref> <remote sha>': 'hello world'",
    );
    expect(() => parsePushedRefs(`refs/heads/a main refs/heads/a ${A}`)).toThrow(UsageError);
  });
});

describe('planPush', { tags: ['slow'] }, () => {
  test('deletions and refs with nothing new are skipped; a new branch is compared with the default branch', async () => {
    const repo = await gitRepo({ base: { 'src/a.ts': 'export const a = 1;\n' }, head: { 'src/a.ts': 'export const a = 2;\n' } });
    repo.git(['branch', 'same', repo.baseSha]);
    repo.git(['tag', 'tree-tag', repo.git(['rev-parse', 'HEAD^{tree}'])]);
    const tree = repo.git(['rev-parse', 'tree-tag']);
    const opened = await openRepository(repo.cwd, { env: repo.env });
    const plans = await planPush(
      opened,
      parsePushedRefs(
        [
          `refs/heads/feature ${repo.headSha} refs/heads/feature ${ZERO}`,
          `(delete) ${ZERO} refs/heads/gone ${repo.baseSha}`,
          `refs/heads/feature ${repo.headSha} refs/heads/mirror ${repo.headSha}`,
          `refs/heads/same ${repo.baseSha} refs/heads/same ${ZERO}`,
          `refs/tags/tree-tag ${tree} refs/tags/tree-tag ${ZERO}`,
          `HEAD ${repo.headSha} refs/heads/other ${ZERO}`,
        ].join('\n'),
      ),
      { remote: 'origin' },
    );
    expect(plans.map((plan) => ('skip' in plan ? [plan.name, plan.skip] : [plan.name, plan.head, plan.base.mergeBase]))).toEqual([
      ['feature', 'refs/heads/feature', repo.baseSha],
      ['gone', 'deletion'],
      ['mirror', 'nothing new'],
      ['same', 'nothing new'],
      ['tree-tag', 'not a commit'],
      ['other', repo.headSha, repo.baseSha],
    ]);
  });
});
