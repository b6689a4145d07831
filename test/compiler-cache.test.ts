// The compiler's code kept between runs: each case runs in a process of its own, since a
// process loads the compiler once (the built module, as the CLI runs it).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { COMPILER_CODE_FILE } from '../src/compiler-cache.js';
import { readKept, writeKept } from '../src/kept-code.js';
import { createFixtureRepo } from './helpers/git-repo.js';
import { runCli } from './helpers/run-cli.js';
import { tempFolder } from './helpers/temp-folder.js';

const slow = { tags: ['slow'] };
const built = fileURLToPath(new URL('../dist/compiler-cache.js', import.meta.url));

/**
 * A process that loads TypeScript with `folder` (none: not kept) as the CLI does, and parses a
 * line: how TypeScript was loaded, whether ts-morph was loaded with it, whether ts-morph's `ts`
 * (loaded after) gives the same functions and values, and what the parse found.
 */
function load(folder: string | undefined, module = built, env: Record<string, string> = {}): { how: string; alone: boolean; same: boolean; parsed: string; version: string } {
  const script = `
    import { createRequire } from 'node:module';
    import { keepCompilerCode, loadTsMorph, loadTypeScript } from ${JSON.stringify(module)};
    keepCompilerCode(${JSON.stringify(folder)});
    // ts-morph's \`ts\` is a namespace whose every name reads the same name of this module.
    const sameTypeScript = (morph, own) => Object.keys(morph).filter((key) => key !== 'default').every((key) => morph[key] === own[key]) && Object.keys(own).every((key) => key in morph);
    const { ts, how } = loadTypeScript();
    const require = createRequire(${JSON.stringify(module)});
    const alone = require.cache[require.resolve('ts-morph')] === undefined;
    const source = ts.createSourceFile('a.ts', 'export const answer = 42;', ts.ScriptTarget.Latest);
    console.log(JSON.stringify({ how, alone, same: sameTypeScript(loadTsMorph().ts, ts), parsed: ts.isVariableStatement(source.statements[0]) ? 'a variable statement' : 'something else', version: ts.version }));
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
  expect(child.stderr).toBe('');
  const { version, ...rest } = JSON.parse(child.stdout) as { how: string; alone: boolean; same: boolean; parsed: string; version: string };
  return module === built ? { ...rest, version: 'installed' } : { ...rest, version };
}

/**
 * A copy of ts-morph and its TypeScript, with blast's built modules beside, to edit; their other
 * dependencies come from this install (`env`'s NODE_PATH). `module`: the copy's compiler cache.
 */
function copiedInstall(): { project: string; module: string; env: Record<string, string> } {
  const project = tempFolder('compiler');
  const modules = fileURLToPath(new URL('../node_modules/', import.meta.url));
  for (const name of ['ts-morph', '@ts-morph/common']) cpSync(join(modules, name), join(project, 'node_modules', name), { recursive: true });
  mkdirSync(join(project, 'dist'));
  for (const name of ['compiler-cache.js', 'kept-code.js']) cpSync(join(dirname(built), name), join(project, 'dist', name));
  writeFileSync(join(project, 'package.json'), '{ "type": "module" }');
  return { project, module: join(project, 'dist', 'compiler-cache.js'), env: { NODE_PATH: modules } };
}

describe('the compiler code cache', () => {
  test('the first load compiles and keeps the code; the next loads from it, without the rest of ts-morph, the same TypeScript ts-morph uses', slow, () => {
    const dir = tempFolder('compiler');
    expect(load(dir)).toEqual({ how: 'compiled', alone: true, same: true, parsed: 'a variable statement', version: 'installed' });
    expect(existsSync(join(dir, COMPILER_CODE_FILE))).toBe(true);
    expect(load(dir)).toEqual({ how: 'kept', alone: true, same: true, parsed: 'a variable statement', version: 'installed' });
    // Written through a temporary file and a rename: nothing else is left.
    expect(readdirSync(dir)).toEqual([COMPILER_CODE_FILE]);
  });

  test('kept code that is damaged or cut short fails its checksum: compiled anew and kept again', slow, () => {
    const dir = tempFolder('compiler');
    const file = join(dir, COMPILER_CODE_FILE);
    load(dir);
    const kept = readFileSync(file);
    const damaged = Buffer.from(kept);
    damaged[Math.floor(damaged.length / 2)]! ^= 0xff;
    writeFileSync(file, damaged);
    expect(load(dir).how).toBe('compiled');
    expect(readFileSync(file).equals(damaged)).toBe(false);
    expect(load(dir).how).toBe('kept');
    writeFileSync(file, kept.subarray(0, 1000));
    expect(load(dir)).toEqual({ how: 'compiled', alone: true, same: true, parsed: 'a variable statement', version: 'installed' });
    writeFileSync(file, 'not code');
    expect(load(dir).how).toBe('compiled');
  });

  test('kept code is for the file it was compiled from: a file edited in place, to the same length, is compiled anew', slow, () => {
    const { project, module, env } = copiedInstall();
    const dir = tempFolder('compiler');
    const first = load(dir, module, env);
    expect(first.how).toBe('compiled');
    expect(load(dir, module, env)).toEqual({ ...first, how: 'kept' });
    // A patch release that changes the version's last digit: the same length, another content.
    const typescript = join(project, 'node_modules', '@ts-morph', 'common', 'dist', 'typescript.js');
    const patched = first.version.replace(/\d$/, (digit) => String((Number(digit) + 1) % 10));
    writeFileSync(typescript, readFileSync(typescript, 'utf8').replace(`var version = "${first.version}";`, `var version = "${patched}";`));
    expect(load(dir, module, env)).toEqual({ ...first, how: 'compiled', version: patched });
    expect(load(dir, module, env)).toEqual({ ...first, how: 'kept', version: patched });
  });

  test('code kept for another file (ts-morph, by an earlier version) goes once the TypeScript it holds is loaded', slow, () => {
    const dir = tempFolder('compiler');
    const file = join(dir, COMPILER_CODE_FILE);
    load(dir);
    const kept = readKept(file)!;
    writeKept(file, () => new Map([...kept, ['/elsewhere/ts-morph.js\u00001\u00002\u00003\u00004', { code: Buffer.from('code') }]]));
    expect(readKept(file)!.size).toBe(2);
    expect(load(dir).how).toBe('kept');
    expect([...readKept(file)!.keys()]).toEqual([...kept.keys()]);
    expect(load(dir).how).toBe('kept');
  });

  test('a ts-morph that loads another TypeScript than the one beside @ts-morph/common is refused, not mixed', slow, () => {
    const { project, module, env } = copiedInstall();
    // @ts-morph/common made to load a copy of its TypeScript under another name.
    const common = join(project, 'node_modules', '@ts-morph', 'common', 'dist');
    cpSync(join(common, 'typescript.js'), join(common, 'typescript-elsewhere.js'));
    const main = join(common, 'ts-morph-common.js');
    writeFileSync(main, readFileSync(main, 'utf8').replace("require('./typescript')", "require('./typescript-elsewhere')"));
    const script = `
      import { keepCompilerCode, loadTsMorph, loadTypeScript } from ${JSON.stringify(module)};
      keepCompilerCode(undefined);
      loadTypeScript();
      try { loadTsMorph(); console.log('mixed'); } catch (error) { console.log(error.message); }
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toMatch(/^ts-morph \S+ loads another TypeScript than the one blast loaded \(\S+\)$/);
  });

  test('without a folder (no cache), nothing is kept and TypeScript loads alone all the same', () => {
    expect(load(undefined)).toEqual({ how: 'not here', alone: true, same: true, parsed: 'a variable statement', version: 'installed' });
  });

  test('the CLI keeps the code in its cache folder once there is one and it parses, and `cache clear` removes it', slow, async () => {
    const repo = await createFixtureRepo('demo-shop');
    // The first run, which makes the cache, keeps no code: it parses in every thread.
    const first = join(tempFolder('compiler'), 'first');
    expect((await runCli(['check', '--cache-dir', first], repo)).exitCode).toBe(0);
    expect(readdirSync(first)).not.toContain(COMPILER_CODE_FILE);
    const dir = tempFolder('compiler');
    const run = await runCli(['check', '--cache-dir', dir], repo);
    expect(run.exitCode).toBe(0);
    expect(existsSync(join(dir, COMPILER_CODE_FILE))).toBe(true);
    expect((await runCli(['check', '--cache-dir', dir], repo)).stdout).toBe(run.stdout);
    const cleared = await runCli(['cache', 'clear', '--cache-dir', dir], repo);
    expect(cleared.exitCode).toBe(0);
    expect(existsSync(dir)).toBe(false);
    expect((await runCli(['check', '--cache-dir', first, '--no-cache'], repo)).stdout).toBe(run.stdout);
    expect(readdirSync(first)).not.toContain(COMPILER_CODE_FILE);
  });
});
