#!/usr/bin/env node
// `npm run demo`: builds the bundled example (fixtures/demo-shop) into a temporary git
// repository — the base on `main`, the change on `feature` — and runs the real `blast check`
// in it. Its own git identity and config, so it works on a machine with neither.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, realpathSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const fixture = join(root, 'fixtures', 'demo-shop');
const repo = realpathSync(mkdtempSync(join(tmpdir(), 'blast-demo-')));
const env = {
  ...process.env,
  HOME: repo,
  XDG_CONFIG_HOME: repo,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Demo Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Demo Author',
  GIT_COMMITTER_EMAIL: 'author@example.com',
};
// The demo is a local run: a CI variable in the caller's shell would switch blast to CI mode.
delete env.CI;

const git = (...args) => execFileSync('git', args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'inherit'] });
try {
  git('init', '--quiet', '--initial-branch=main');
  cpSync(join(fixture, 'base'), repo, { recursive: true });
  cpSync(join(fixture, '.blast.yml'), join(repo, '.blast.yml'));
  git('add', '--all');
  git('commit', '--quiet', '-m', 'Shop: cart, checkout, catalog and admin');
  git('checkout', '--quiet', '-b', 'feature');
  rmSync(join(repo, 'src'), { recursive: true });
  rmSync(join(repo, 'test'), { recursive: true });
  cpSync(join(fixture, 'head'), repo, { recursive: true });
  git('add', '--all');
  git('commit', '--quiet', '-m', 'Format prices with Intl and a currency; add isCartEmpty');

  // `npm run demo -- explain src/server.ts#routes` runs another command on the same example.
  const given = process.argv.slice(2);
  const args = given.length > 0 && !given[0].startsWith('-') ? given : ['check', ...given];
  // Written synchronously so it stays above the report when both streams go to one terminal.
  writeSync(2, `blast demo: a shop with a change on branch 'feature', in ${repo}\n$ blast ${args.join(' ')}\n\n`);
  const run = spawnSync(process.execPath, [join(root, 'bin', 'blast.js'), ...args], { cwd: repo, env, stdio: 'inherit' });
  writeSync(2, `\nblast exited with ${run.status} (0 pass or warn, 1 fail, 2 error)\n`);
  // The demo succeeds when blast reached a verdict; a policy failure is a result, not an error.
  process.exitCode = run.status === 2 || run.status === null ? 1 : 0;
} finally {
  rmSync(repo, { recursive: true, force: true });
}
