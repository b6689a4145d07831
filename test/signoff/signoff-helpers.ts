// Helpers of the sign-off tests: real ssh keys made by ssh-keygen in a temporary folder, and
// commits by a given author and committer.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestRepo } from '../helpers/git-repo.js';

export interface TestKey {
  /** The private key file. */
  path: string;
  /** The public key line, `ssh-ed25519 AAAA… comment`. */
  publicKey: string;
}

/** A folder of ed25519 keys without passphrase, made by ssh-keygen; `remove()` deletes it. */
export function makeKeys(names: readonly string[]): { keys: Record<string, TestKey>; dir: string; remove: () => void } {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'blast-keys-')));
  const keys: Record<string, TestKey> = {};
  for (const name of names) {
    const path = join(dir, name);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${name}@example.com`, '-f', path], { stdio: 'ignore' });
    keys[name] = { path, publicKey: readFileSync(`${path}.pub`, 'utf8').trim() };
  }
  return { keys, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Person {
  name: string;
  email: string;
}

/** Writes files (if any) and commits them as `author` (and `committer`, default the author); returns the sha. */
export function commitAs(
  repo: TestRepo,
  options: { author: Person; committer?: Person; message: string; files?: Readonly<Record<string, string | null>> },
): string {
  if (options.files) repo.write(options.files);
  const committer = options.committer ?? options.author;
  const env = {
    ...repo.env,
    GIT_AUTHOR_NAME: options.author.name,
    GIT_AUTHOR_EMAIL: options.author.email,
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
  };
  execFileSync('git', ['add', '-A'], { cwd: repo.cwd, env });
  execFileSync('git', ['commit', '-q', '--allow-empty', '--cleanup=verbatim', '-F', '-'], { cwd: repo.cwd, env, input: options.message });
  return repo.git(['rev-parse', 'HEAD']);
}
