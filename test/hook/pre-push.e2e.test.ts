// The pre-push hook end to end: `blast hook install` from the built CLI, then real pushes to a
// bare remote in the test's sandbox; the hook runs the same node and bin/blast.js.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createFixtureRepo } from '../helpers/git-repo.js';
import { BLAST_BIN, runCli } from '../helpers/run-cli.js';
import { addBareRemote, blastLines, push, remoteSha } from './bare-remote.js';

const slow = { tags: ['slow'] };
const STRICT = 'version: 1\nthresholds:\n  fail: { files: 2 }\n';
const PASS_LINE = /^blast: feature: PASS · low risk · score 3 · 3 affected files, 1 test$/;

describe('the pre-push hook, end to end', () => {
  test('a push within the policy goes through with one line; one over it is refused and says why', slow, async () => {
    const repo = await createFixtureRepo('transitive-chain');
    const bare = addBareRemote(repo);
    const install = await runCli(['hook', 'install'], repo);
    const hook = join(repo.cwd, '.git', 'hooks', 'pre-push');
    expect(install).toEqual({
      exitCode: 0,
      stdout: '',
      stderr:
        `blast: installed the pre-push hook at ${hook}\n` +
        `blast: each push runs \`${process.execPath} ${BLAST_BIN} check --pre-push\`; \`git push --no-verify\` skips it once\n`,
    });

    writeFileSync(join(repo.cwd, '.blast.yml'), STRICT);
    const refused = push(repo, ['origin', 'feature']);
    expect(refused.status).not.toBe(0);
    expect(blastLines(refused.output)).toEqual([
      'blast: feature: FAIL · high risk · score 3 · 3 affected files, 1 test · 1 error',
      '  error  3 affected files, above the fail limit of 2',
      `push refused by blast: 'feature' fails the policy (3 affected files, above the fail limit of 2) — fix it (\`blast check --base ${repo.baseSha.slice(0, 12)} --head feature\` shows the whole report), or push with --no-verify to skip this check`,
    ]);
    expect(remoteSha(repo, bare, 'refs/heads/feature')).toBe('');

    writeFileSync(join(repo.cwd, '.blast.yml'), 'version: 1\n');
    const accepted = push(repo, ['origin', 'feature']);
    expect(accepted.status).toBe(0);
    expect(blastLines(accepted.output)).toHaveLength(1);
    expect(blastLines(accepted.output)[0]).toMatch(PASS_LINE);
    expect(remoteSha(repo, bare, 'refs/heads/feature')).toBe(repo.headSha);
  });

  test('two refs at once get a verdict each; a deletion and a ref with nothing new are skipped; uninstall', slow, async () => {
    const repo = await createFixtureRepo('transitive-chain');
    const bare = addBareRemote(repo);
    expect((await runCli(['hook', 'install'], repo)).exitCode).toBe(0);
    repo.git(['checkout', '-q', '-b', 'second', 'main']);
    repo.write({ 'src/admin.ts': `${readFileSync(join(repo.cwd, 'src/admin.ts'), 'utf8')}\nexport const audit = 1;\n` });
    repo.commit('second change');
    repo.git(['branch', 'level', 'main']);

    const both = push(repo, ['origin', 'feature', 'second', 'level']);
    expect(both.status).toBe(0);
    const lines = blastLines(both.output);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(PASS_LINE);
    expect(lines[1]).toMatch(/^blast: second: PASS · /);
    expect(remoteSha(repo, bare, 'refs/heads/level')).toBe(repo.baseSha);

    const deletion = push(repo, ['origin', '--delete', 'feature', 'second']);
    expect(deletion.status).toBe(0);
    expect(blastLines(deletion.output)).toEqual([]);
    expect(remoteSha(repo, bare, 'refs/heads/feature')).toBe('');

    expect((await runCli(['hook', 'uninstall'], repo)).stderr).toBe(`blast: removed the pre-push hook at ${join(repo.cwd, '.git', 'hooks', 'pre-push')}\n`);
    expect(existsSync(join(repo.cwd, '.git', 'hooks', 'pre-push'))).toBe(false);
  });

  test('core.hooksPath: the hook goes there, runs there, and uninstall removes it there', slow, async () => {
    const repo = await createFixtureRepo('transitive-chain');
    addBareRemote(repo);
    repo.git(['config', 'core.hooksPath', '.githooks']);
    const install = await runCli(['hook', 'install', '--command', `'${process.execPath}' '${BLAST_BIN}'`], repo);
    expect(install.exitCode).toBe(0);
    const hook = join(repo.cwd, '.githooks', 'pre-push');
    expect(readFileSync(hook, 'utf8')).toContain(`feed | '${process.execPath}' '${BLAST_BIN}' check --pre-push "$@"`);
    expect(existsSync(join(repo.cwd, '.git', 'hooks', 'pre-push'))).toBe(false);

    const pushed = push(repo, ['origin', 'feature']);
    expect(pushed.status).toBe(0);
    expect(blastLines(pushed.output)[0]).toMatch(PASS_LINE);
    expect((await runCli(['hook', 'uninstall'], repo)).exitCode).toBe(0);
    expect(existsSync(hook)).toBe(false);
  });

  test('a foreign hook: refused without --chain; with it, both run and uninstall restores it', slow, async () => {
    const repo = await createFixtureRepo('transitive-chain');
    addBareRemote(repo);
    const hook = join(repo.cwd, '.git', 'hooks', 'pre-push');
    const marker = join(repo.cwd, '..', 'foreign-ran');
    const foreign = `#!/bin/sh\necho "$1 $(cat)" >> '${marker}'\n`;
    writeFileSync(hook, foreign, { mode: 0o755 });

    const refused = await runCli(['hook', 'install'], repo);
    expect(refused).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: `blast: a pre-push hook that is not blast's already exists at '${hook}'; pass --chain to keep it (blast runs it first, and uninstall puts it back), or move it away yourself\n`,
    });
    expect(readFileSync(hook, 'utf8')).toBe(foreign);

    const chained = await runCli(['hook', 'install', '--chain'], repo);
    expect(chained.exitCode).toBe(0);
    expect(chained.stderr).toContain(`blast: the hook that was there is kept as ${hook}.blast-chained and runs first\n`);
    const pushed = push(repo, ['origin', 'feature']);
    expect(pushed.status).toBe(0);
    expect(blastLines(pushed.output)[0]).toMatch(PASS_LINE);
    expect(readFileSync(marker, 'utf8')).toBe(`origin refs/heads/feature ${repo.headSha} refs/heads/feature ${'0'.repeat(40)}\n`);

    const removed = await runCli(['hook', 'uninstall'], repo);
    expect(removed.stderr).toBe(`blast: removed blast's pre-push hook and put the chained hook back at ${hook}\n`);
    expect(readFileSync(hook, 'utf8')).toBe(foreign);
    const again = await runCli(['hook', 'uninstall'], repo);
    expect(again.stderr).toBe(`blast: the pre-push hook at ${hook} is not blast's; left it alone\n`);
  });

  test('from a linked worktree: the shared hook runs for pushes from any worktree', slow, async () => {
    const repo = await createFixtureRepo('transitive-chain');
    const bare = addBareRemote(repo);
    const linked = join(repo.cwd, '..', 'linked');
    repo.git(['worktree', 'add', '-q', '-b', 'elsewhere', linked, 'feature']);
    const install = await runCli(['hook', 'install'], { cwd: linked, env: repo.env });
    expect(install.stderr).toContain(`installed the pre-push hook at ${join(repo.cwd, '.git', 'hooks', 'pre-push')}\n`);

    writeFileSync(join(linked, '.blast.yml'), STRICT);
    const refused = push(repo, ['origin', 'elsewhere'], linked);
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain("push refused by blast: 'elsewhere' fails the policy");
    expect(refused.output).toContain('push with --no-verify to skip this check');
    expect(push(repo, ['--no-verify', 'origin', 'elsewhere'], linked).status).toBe(0);
    expect(remoteSha(repo, bare, 'refs/heads/elsewhere')).toBe(repo.headSha);
  });
});
