// Real, hermetic, temporary git repositories for tests (STYLE.md §F, after changesets' `gitdir`).
// Every repository lives in its own sandbox directory, `<tmp>/blast-XXXX/`, holding `repo/` (the
// working tree) and `home/` (HOME for git), and is removed when the test finishes.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inject, onTestFinished } from 'vitest';

/** `fixtures/` at the repository root. */
export const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** The author and committer date of every commit, so shas are the same on every machine. */
export const FIXED_DATE = '2024-01-01 00:00:00 +0000';

/** A file map: repo-relative `/` paths to contents (Buffer for binary files). */
export type FileMap = Readonly<Record<string, string | Buffer>>;

export interface TestRepo {
  /** The working tree's root (symlink-free). */
  cwd: string;
  /** The commit on `main` (the base snapshot). */
  baseSha: string;
  /** The commit on `feature` (the head snapshot), checked out. */
  headSha: string;
  /** The hermetic environment every git call of the test should use. */
  env: Record<string, string>;
  /** Runs git synchronously in `cwd` with `env`; returns stdout without its final newline. */
  git(args: readonly string[]): string;
  /** Writes files into the working tree (`null` deletes); parent directories are created. */
  write(files: Readonly<Record<string, string | Buffer | null>>): void;
  /** `git add -A` and a commit; returns its sha. */
  commit(message: string): string;
  /** Removes the sandbox (done automatically when created inside a test). */
  cleanup(): Promise<void>;
}

// Every variable through which a CI system (or a git hook) could leak into a test: blast reads the
// CI ones, and git obeys GIT_DIR, GIT_INDEX_FILE, GIT_CONFIG_* and friends.
const LEAKING_VARIABLE =
  /^(CI|CI_.*|CONTINUOUS_INTEGRATION|BUILD_.*|RUN_ID|GITHUB_.*|RUNNER_.*|ACTIONS_.*|GITLAB_.*|BITBUCKET_.*|BUILDKITE.*|CHANGE_.*|JENKINS_.*|HUDSON_.*|TRAVIS.*|CIRCLE.*|TEAMCITY_.*|TF_BUILD|SYSTEM_.*|AGENT_.*|APPVEYOR.*|DRONE.*|SEMAPHORE.*|CODEBUILD_.*|NETLIFY|VERCEL.*|NOW_BUILDER|GIT_.*|BLAST_.*)$/;

/**
 * A hermetic environment for git child processes: HOME and XDG_CONFIG_HOME in `home` (no global
 * config), the suite's one user cache folder (blast's compiled code), no system config, a fixed identity and date, no CI or GIT_* variable of the caller, and
 * git's repository discovery stopped at `home`'s parent (the sandbox). PATH is kept.
 */
export function gitEnv(home: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !LEAKING_VARIABLE.test(key)) env[key] = value;
  }
  return {
    ...env,
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: inject('programCodeFolder'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CEILING_DIRECTORIES: dirname(home),
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: 'Blast Test',
    GIT_AUTHOR_EMAIL: 'test@blast.invalid',
    GIT_COMMITTER_NAME: 'Blast Test',
    GIT_COMMITTER_EMAIL: 'test@blast.invalid',
    GIT_AUTHOR_DATE: FIXED_DATE,
    GIT_COMMITTER_DATE: FIXED_DATE,
    LC_ALL: 'C',
  };
}

/** A new sandbox `{ root, repo, home }`; its removal is registered with the running test. */
function createSandbox(): { root: string; repo: string; home: string; cleanup: () => Promise<void> } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'blast-')));
  const home = join(root, 'home');
  mkdirSync(home);
  const cleanup = () => rm(root, { recursive: true, force: true, maxRetries: 3 });
  try {
    onTestFinished(cleanup);
  } catch {
    // outside a test (beforeAll): the caller calls cleanup()
  }
  return { root, repo: join(root, 'repo'), home, cleanup };
}

function runGit(cwd: string, env: Record<string, string>, args: readonly string[]): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 }).replace(
    /\n$/,
    '',
  );
}

function handle(cwd: string, env: Record<string, string>, cleanup: () => Promise<void>): Omit<TestRepo, 'baseSha' | 'headSha'> {
  const git = (args: readonly string[]) => runGit(cwd, env, args);
  return {
    cwd,
    env,
    git,
    write(files) {
      for (const [path, content] of Object.entries(files)) {
        const absolute = join(cwd, path);
        if (content === null) rmSync(absolute, { force: true, recursive: true });
        else {
          mkdirSync(dirname(absolute), { recursive: true });
          writeFileSync(absolute, content);
        }
      }
    },
    commit(message) {
      git(['add', '-A']);
      git(['commit', '-q', '--allow-empty', '-m', message]);
      return git(['rev-parse', 'HEAD']);
    },
    cleanup,
  };
}

/**
 * An empty repository on `main` with local identity, no signing and no automatic gc; the step
 * before any commit.
 */
export function initRepo(): Omit<TestRepo, 'baseSha' | 'headSha'> {
  const sandbox = createSandbox();
  mkdirSync(sandbox.repo);
  const env = gitEnv(sandbox.home);
  const repo = handle(sandbox.repo, env, sandbox.cleanup);
  repo.git(['init', '-q']);
  repo.git(['symbolic-ref', 'HEAD', 'refs/heads/main']);
  for (const [key, value] of [
    ['user.name', 'Blast Test'],
    ['user.email', 'test@blast.invalid'],
    ['commit.gpgSign', 'false'],
    ['tag.gpgSign', 'false'],
    ['gc.auto', '0'],
    ['core.autocrlf', 'false'],
  ] as const) {
    repo.git(['config', key, value]);
  }
  return repo;
}

function clearWorkTree(cwd: string): void {
  for (const entry of readdirSync(cwd)) {
    if (entry !== '.git') rmSync(join(cwd, entry), { recursive: true, force: true });
  }
}

/** Builds `main` (base) then `feature` (head, checked out) from two snapshots. */
function buildRepo(writeBase: (cwd: string) => void, writeHead: (cwd: string) => void): TestRepo {
  const repo = initRepo();
  writeBase(repo.cwd);
  const baseSha = repo.commit('base');
  repo.git(['checkout', '-q', '-b', 'feature']);
  clearWorkTree(repo.cwd);
  writeHead(repo.cwd);
  const headSha = repo.commit('head');
  return { ...repo, baseSha, headSha };
}

/**
 * A repository from `fixtures/<scenario>/`: `base/` committed on `main`, then on branch `feature`
 * the whole work tree replaced by `head/` (so deletions and renames need no manifest) and
 * committed. `fixtures/<scenario>/.blast.yml`, if present, is in the root of both commits.
 */
export async function createFixtureRepo(scenario: string): Promise<TestRepo> {
  const fixture = join(FIXTURES_DIR, scenario);
  if (!existsSync(fixture)) throw new Error(`no fixture '${scenario}' in ${FIXTURES_DIR}`);
  const copy = (side: 'base' | 'head') => (cwd: string) => {
    const source = join(fixture, side);
    if (existsSync(source)) cpSync(source, cwd, { recursive: true });
    const policy = join(fixture, '.blast.yml');
    if (existsSync(policy)) cpSync(policy, join(cwd, '.blast.yml'));
  };
  return buildRepo(copy('base'), copy('head'));
}

/**
 * The same from inline file maps (after changesets' `gitdir`). Without `head`, `feature` is
 * created at the base commit (`headSha === baseSha`).
 */
export async function gitRepo(files: { base: FileMap; head?: FileMap }): Promise<TestRepo> {
  const write = (map: FileMap) => (cwd: string) => writeFileMap(cwd, map);
  if (files.head === undefined) {
    const repo = initRepo();
    write(files.base)(repo.cwd);
    const baseSha = repo.commit('base');
    repo.git(['checkout', '-q', '-b', 'feature']);
    return { ...repo, baseSha, headSha: baseSha };
  }
  return buildRepo(write(files.base), write(files.head));
}

function writeFileMap(cwd: string, files: FileMap): void {
  for (const [path, content] of Object.entries(files)) {
    const absolute = join(cwd, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, content);
  }
}

/**
 * `git clone --depth <depth> --no-single-branch file://<cwd>` into a new sandbox: every branch
 * of `cwd` as `origin/*`, each cut to `depth` commits. `baseSha` is `origin/main` ('' if absent),
 * `headSha` the checked-out commit.
 */
export async function shallowClone(cwd: string, depth: number): Promise<TestRepo> {
  const sandbox = createSandbox();
  const env = gitEnv(sandbox.home);
  runGit(sandbox.root, env, ['clone', '-q', '--depth', String(depth), '--no-single-branch', pathToFileURL(cwd).href, sandbox.repo]);
  const repo = handle(sandbox.repo, env, sandbox.cleanup);
  repo.git(['config', 'commit.gpgSign', 'false']);
  repo.git(['config', 'gc.auto', '0']);
  const baseSha = tryRevParse(repo, 'refs/remotes/origin/main');
  return { ...repo, baseSha, headSha: repo.git(['rev-parse', 'HEAD']) };
}

function tryRevParse(repo: Pick<TestRepo, 'git'>, rev: string): string {
  try {
    return repo.git(['rev-parse', '--verify', '--quiet', rev]);
  } catch {
    return '';
  }
}

/** A directory outside any repository (git's discovery stops at the sandbox), with its env. */
export function plainDirectory(): { cwd: string; env: Record<string, string> } {
  const sandbox = createSandbox();
  mkdirSync(sandbox.repo);
  return { cwd: sandbox.repo, env: gitEnv(sandbox.home) };
}
