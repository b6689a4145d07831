// The CLI's own compiled code, kept in the user's cache folder between runs: where, when it is
// kept, and that a run from kept code answers as one compiled anew.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { PROGRAM_CODE_FILE, userCacheFolder } from '../../src/cli/program-code.js';
import { keptCodeName, readKept } from '../../src/kept-code.js';
import { VERSION } from '../../src/version.js';
import { createFixtureRepo } from '../helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';
import { tempFolder } from '../helpers/temp-folder.js';

const slow = { tags: ['slow'] };
const bundle = fileURLToPath(new URL('../../dist/blast-cli.cjs', import.meta.url));
const programCode = fileURLToPath(new URL('../../dist/cli/program-code.js', import.meta.url));

/** Another install: the same bundle at another path, its package.json a level above, as installed; its bundle's path. */
function anotherInstall(): string {
  const other = tempFolder('user-cache');
  mkdirSync(join(other, 'dist'));
  copyFileSync(bundle, join(other, 'dist', 'blast-cli.cjs'));
  copyFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), join(other, 'package.json'));
  return join(other, 'dist', 'blast-cli.cjs');
}

/** What the user cache folder `dir` keeps for the installed bundle: the note of the run that kept it, and its bytes. */
function kept(dir: string): { note: string | undefined; file: Buffer } | undefined {
  const file = join(dir, 'blast', PROGRAM_CODE_FILE);
  if (!existsSync(file)) return undefined;
  const code = readKept(file)?.get(keptCodeName(bundle));
  return { note: code?.note, file: readFileSync(file) };
}

/** A process that loads the bundle (`from`: the installed one) as the launcher does, for `argv`: whether from kept code. */
function loadsFromKept(dir: string, argv: string[], from = bundle): boolean {
  const script = `
    import { loadProgram } from ${JSON.stringify(programCode)};
    const program = loadProgram(${JSON.stringify(from)}, ${JSON.stringify(argv)}, { XDG_CACHE_HOME: ${JSON.stringify(dir)} }, 'linux');
    program.keep();
    console.log(JSON.stringify(program.fromKept));
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout) as boolean;
}

describe("the user's cache folder", () => {
  test('XDG_CACHE_HOME when absolute, else the platform\'s folder under the home; none without a home', () => {
    expect(userCacheFolder({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' }, 'linux')).toBe('/x/cache/blast');
    expect(userCacheFolder({ XDG_CACHE_HOME: 'relative', HOME: '/home/u' }, 'linux')).toBe('/home/u/.cache/blast');
    expect(userCacheFolder({ HOME: '/Users/u' }, 'darwin')).toBe('/Users/u/Library/Caches/blast');
    expect(userCacheFolder({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local', HOME: '/ignored' }, 'win32')).toBe(join('C:\\Users\\u\\AppData\\Local', 'blast', 'Cache'));
    expect(userCacheFolder({ HOME: '/home/u' }, 'win32')).toBeUndefined();
    expect(userCacheFolder({}, 'linux')).toBeUndefined();
  });
});

describe("the CLI's kept code", () => {
  test('the first run keeps it; an analysing run keeps it again once, from then on it is only read', slow, async () => {
    const repo = await createFixtureRepo('demo-shop');
    const dir = tempFolder('user-cache');
    const env = { ...repo.env, XDG_CACHE_HOME: dir };
    const version = await runCli(['--version'], { cwd: repo.cwd, env });
    expect(version.exitCode).toBe(0);
    const afterVersion = kept(dir)!;
    expect(afterVersion.note).toBe('start');
    // The same answer compiled anew and from the code kept by a run that only printed a version.
    const compiled = await runCli(['check', '--format', 'json', '--no-cache'], { cwd: repo.cwd, env });
    expect(kept(dir)!.file.equals(afterVersion.file)).toBe(true);
    const first = await runCli(['check', '--format', 'json'], { cwd: repo.cwd, env });
    const afterCheck = kept(dir)!;
    expect(afterCheck.note).toBe('analysis');
    expect(afterCheck.file.length).toBeGreaterThan(afterVersion.file.length);
    const second = await runCli(['check', '--format', 'json'], { cwd: repo.cwd, env });
    await runCli(['--version'], { cwd: repo.cwd, env });
    expect(kept(dir)!.file.equals(afterCheck.file)).toBe(true);
    const answer = (run: { exitCode: number | null; stdout: string }) => ({ exitCode: run.exitCode, result: { ...JSON.parse(run.stdout), timingsMs: {} } });
    expect(answer(compiled).exitCode).toBe(0);
    expect(answer(first)).toEqual(answer(compiled));
    expect(answer(second)).toEqual(answer(compiled));
  });

  test('the bundle is run from the kept code once there is some', slow, () => {
    const dir = tempFolder('user-cache');
    expect(loadsFromKept(dir, ['check'])).toBe(false);
    expect(loadsFromKept(dir, ['check'])).toBe(true);
    expect(kept(dir)!.note).toBe('analysis');
  });

  test('kept code that is damaged or cut short is compiled anew and kept again; --no-cache reads and keeps none', slow, async () => {
    const repo = await createFixtureRepo('transitive-chain');
    const dir = tempFolder('user-cache');
    const env = { ...repo.env, XDG_CACHE_HOME: dir };
    await runCli(['--version'], { cwd: repo.cwd, env });
    const file = join(dir, 'blast', PROGRAM_CODE_FILE);
    const good = readFileSync(file);
    const damaged = Buffer.from(good);
    damaged[Math.floor(damaged.length / 2)]! ^= 0xff;
    writeFileSync(file, damaged);
    expect(await runCli(['--version'], { cwd: repo.cwd, env })).toEqual({ exitCode: 0, stdout: `${VERSION}\n`, stderr: '' });
    expect(kept(dir)!.note).toBe('start');
    writeFileSync(file, good.subarray(0, 1000));
    expect((await runCli(['--version'], { cwd: repo.cwd, env })).exitCode).toBe(0);
    expect(kept(dir)!.note).toBe('start');

    const untouched = tempFolder('user-cache');
    const run = await runCli(['check', '--no-cache'], { cwd: repo.cwd, env: { ...repo.env, XDG_CACHE_HOME: untouched } });
    expect(run.exitCode).toBe(0);
    expect(existsSync(join(untouched, 'blast'))).toBe(false);
  });

  test('two installs that share the folder keep their code side by side', slow, () => {
    const dir = tempFolder('user-cache');
    const otherBundle = anotherInstall();
    expect(loadsFromKept(dir, ['check'])).toBe(false);
    expect(loadsFromKept(dir, ['check'], otherBundle)).toBe(false);
    expect(loadsFromKept(dir, ['check'])).toBe(true);
    expect(loadsFromKept(dir, ['check'], otherBundle)).toBe(true);
  });

  test("an install's earlier code goes once it is reinstalled; other installs' stays", slow, () => {
    const dir = tempFolder('user-cache');
    const otherBundle = anotherInstall();
    loadsFromKept(dir, ['check']);
    loadsFromKept(dir, ['check'], otherBundle);
    // Reinstalled: a new file in its place.
    copyFileSync(bundle, `${otherBundle}.new`);
    renameSync(`${otherBundle}.new`, otherBundle);
    expect(loadsFromKept(dir, ['check'], otherBundle)).toBe(false);
    const names = [...readKept(join(dir, 'blast', PROGRAM_CODE_FILE))!.keys()];
    expect(names).toEqual([keptCodeName(bundle), keptCodeName(otherBundle)]);
  });

  test('a cache folder that cannot be written costs nothing but the compile: no error, the same exit', slow, async () => {
    const repo = await createFixtureRepo('transitive-chain');
    const blocked = join(tempFolder('user-cache'), 'a-file');
    writeFileSync(blocked, 'not a folder\n');
    for (const env of [{ ...repo.env, XDG_CACHE_HOME: blocked }, { ...repo.env, XDG_CACHE_HOME: '', HOME: '/dev/null' }]) {
      expect(await runCli(['--version'], { cwd: repo.cwd, env })).toEqual({ exitCode: 0, stdout: `${VERSION}\n`, stderr: '' });
      const run = await runCli(['check', '--quiet'], { cwd: repo.cwd, env });
      expect(run.exitCode).toBe(0);
      expect(run.stderr).toBe('');
    }
  });

  test('without a home or a cache folder, blast runs and keeps nothing', slow, async () => {
    const repo = await createFixtureRepo('transitive-chain');
    const { HOME: _home, XDG_CACHE_HOME: _cache, ...env } = repo.env;
    const run = await runCli(['check'], { cwd: repo.cwd, env });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('');
  });
});
