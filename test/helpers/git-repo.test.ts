import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createFixtureRepo, FIXED_DATE, gitEnv, gitRepo, shallowClone } from './git-repo.js';
import { normalize } from './normalize.js';

describe('gitEnv', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  test('drops CI and GIT_* variables, keeps PATH, pins identity, date and config', () => {
    for (const [key, value] of Object.entries({
      CI: 'true',
      GITHUB_BASE_REF: 'main',
      GITHUB_ACTIONS: 'true',
      GITLAB_CI: 'true',
      CI_MERGE_REQUEST_DIFF_BASE_SHA: 'abc',
      BITBUCKET_PR_DESTINATION_BRANCH: 'main',
      BUILDKITE: 'true',
      BUILDKITE_PULL_REQUEST_BASE_BRANCH: 'main',
      CHANGE_TARGET: 'main',
      JENKINS_URL: 'http://ci',
      GIT_DIR: '/elsewhere/.git',
      GIT_INDEX_FILE: '/elsewhere/index',
    })) {
      vi.stubEnv(key, value);
    }
    const env = gitEnv('/sandbox/home');
    for (const key of ['CI', 'GITHUB_BASE_REF', 'GITHUB_ACTIONS', 'GITLAB_CI', 'CI_MERGE_REQUEST_DIFF_BASE_SHA', 'BITBUCKET_PR_DESTINATION_BRANCH', 'BUILDKITE', 'BUILDKITE_PULL_REQUEST_BASE_BRANCH', 'CHANGE_TARGET', 'JENKINS_URL', 'GIT_DIR', 'GIT_INDEX_FILE']) {
      expect(env, key).not.toHaveProperty(key);
    }
    expect(env).toMatchObject({
      PATH: process.env.PATH,
      HOME: '/sandbox/home',
      XDG_CONFIG_HOME: join('/sandbox/home', '.config'),
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_DATE: FIXED_DATE,
      GIT_COMMITTER_DATE: FIXED_DATE,
      GIT_AUTHOR_NAME: 'Blast Test',
      GIT_COMMITTER_EMAIL: 'test@blast.invalid',
    });
  });
});

describe('test repositories', { tags: ['slow'] }, () => {
  test('createFixtureRepo: base on main, head on feature, the policy in both', async () => {
    const repo = await createFixtureRepo('renamed-and-deleted-modules');
    expect(repo.git(['rev-parse', '--abbrev-ref', 'HEAD'])).toBe('feature');
    expect(repo.git(['rev-parse', 'main'])).toBe(repo.baseSha);
    expect(repo.git(['rev-parse', 'HEAD'])).toBe(repo.headSha);
    expect(repo.git(['ls-tree', '-r', '--name-only', 'main']).split('\n')).toEqual(['.blast.yml', 'src/index.ts', 'src/legacy.ts', 'src/math.ts', 'tsconfig.json']);
    expect(repo.git(['ls-tree', '-r', '--name-only', 'feature']).split('\n')).toEqual(['.blast.yml', 'src/arithmetic.ts', 'src/index.ts', 'src/new-feature.ts', 'tsconfig.json']);
    expect(repo.git(['status', '--porcelain'])).toBe('');
  });

  test('shas are the same on every machine and every run', async () => {
    const files = { base: { 'a.ts': 'a\n' }, head: { 'a.ts': 'b\n' } };
    const [one, two] = [await gitRepo(files), await gitRepo(files)];
    expect(one?.cwd).not.toBe(two?.cwd);
    expect(one?.headSha).toBe(two?.headSha);
  });

  test('gitRepo without head: feature at the base commit', async () => {
    const repo = await gitRepo({ base: { 'a.ts': 'a\n' } });
    expect(repo.headSha).toBe(repo.baseSha);
    expect(repo.git(['rev-parse', '--abbrev-ref', 'HEAD'])).toBe('feature');
  });

  test('shallowClone: every branch as origin/*, cut to the depth', async () => {
    const repo = await gitRepo({ base: { 'a.ts': 'a\n' }, head: { 'a.ts': 'b\n' } });
    const clone = await shallowClone(repo.cwd, 1);
    expect(clone.git(['rev-parse', '--is-shallow-repository'])).toBe('true');
    expect(clone.baseSha).toBe(repo.baseSha);
    expect(clone.headSha).toBe(repo.headSha);
    expect(clone.git(['rev-list', '--count', 'HEAD'])).toBe('1');
  });

  let finished = '';
  test('a sandbox is created…', async () => {
    finished = (await gitRepo({ base: { 'a.ts': 'a\n' } })).cwd;
    expect(existsSync(finished)).toBe(true);
  });

  test('…and removed when its test finishes', () => {
    expect(finished).not.toBe('');
    expect(existsSync(finished)).toBe(false);
  });

  test('normalize', async () => {
    const repo = await gitRepo({ base: { 'a.ts': 'a\n' } });
    expect(normalize(`error in ${repo.cwd}/src/a.ts and ${repo.cwd}\\b.ts`, repo.cwd)).toBe('error in <repo>/src/a.ts and <repo>/b.ts');
  });
});
