import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitError } from '../errors.js';
import type { Repository } from './repository.js';
import { resolveRevision } from './revisions.js';
import { listTree, type Side } from './tree.js';

/**
 * The UTF-8 text of many files of one side at once, by repo-relative path: the worktree reads the
 * disk; the index and revisions stream every blob through one `git cat-file --batch`. Files that
 * do not exist on that side (or are directories or submodules there) are absent from the map.
 * Throws GitError "revision 'x' not found" for an unknown revision, or when cat-file fails.
 */
export async function readFiles(repo: Repository, side: Side, paths: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(paths)];
  if (side.kind === 'worktree') return readWorktree(repo, unique);
  // cat-file reads one object name per line: a path with a newline cannot be asked for
  const names = unique.filter((path) => path !== '' && !path.includes('\n'));
  const objects = await objectNames(repo, side, names);
  const asked = names.filter((path) => objects.has(path));
  const blobs = await catFileBatch(repo, asked.map((path) => objects.get(path) ?? ''));
  const texts = new Map<string, string>();
  asked.forEach((path, i) => {
    const blob = blobs[i];
    if (blob !== undefined) texts.set(path, blob.toString('utf8'));
  });
  return texts;
}

/** Above this many paths, one `ls-tree` turning paths into blob ids beats git resolving `tree:path` per path. */
const PATH_LOOKUP_LIMIT = 100;

/** What to ask cat-file for each path; paths known to be absent are left out. */
async function objectNames(repo: Repository, side: Exclude<Side, { kind: 'worktree' }>, paths: readonly string[]): Promise<Map<string, string>> {
  // `:0:` spelled out: in `:1:x`, a path starting with a digit and a colon would name a stage
  if (side.kind === 'index') return new Map(paths.map((path) => [path, `:0:${path}`]));
  const tree = await resolveRevision(repo, side.ref, 'tree');
  if (tree === undefined) throw new GitError(`revision '${side.ref}' not found`);
  if (paths.length <= PATH_LOOKUP_LIMIT) return new Map(paths.map((path) => [path, `${tree}:${path}`]));
  const wanted = new Set(paths);
  const names = new Map<string, string>();
  for (const entry of await listTree(repo, tree)) {
    if (wanted.has(entry.path)) names.set(entry.path, entry.blob);
  }
  return names;
}

/** Synchronous on purpose: for thousands of small files, several times faster than fs.promises. */
function readWorktree(repo: Repository, paths: readonly string[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const path of paths) {
    try {
      texts.set(path, readFileSync(join(repo.root, path), 'utf8'));
    } catch {
      // gone, a directory, unreadable: absent
    }
  }
  return texts;
}

/**
 * Asks one `git cat-file --batch` for every object name; answers come back in order as
 * `<oid> SP <type> SP <size> LF <bytes> LF`, or `<name> missing LF`. Only blobs are returned.
 */
function catFileBatch(repo: Repository, names: readonly string[]): Promise<Array<Buffer | undefined>> {
  if (names.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: repo.root, env: { ...repo.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const results: Array<Buffer | undefined> = [];
    const parser = new BatchParser((blob) => results.push(blob));
    const stderr: Buffer[] = [];
    let failed = false;
    const fail = (error: GitError): void => {
      if (failed) return;
      failed = true;
      child.kill();
      reject(error);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      fail(
        error.code === 'ENOENT'
          ? new GitError('git not found: it is not installed or not on the PATH', { cause: error, hint: 'install git, or add it to the PATH' })
          : new GitError(`git cat-file failed: ${error.message}`, { cause: error }),
      );
    });
    // git may exit early (a corrupt repository); the close handler reports why, not EPIPE
    child.stdin.on('error', () => undefined);
    child.stdout.on('data', (chunk: Buffer) => parser.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('close', (code) => {
      if (failed) return;
      const message = Buffer.concat(stderr).toString('utf8').trim().split('\n')[0] ?? '';
      if (code !== 0) fail(new GitError(`git cat-file failed: ${message.replace(/^fatal:\s*/, '') || `exit code ${code}`}`));
      else if (results.length !== names.length) fail(new GitError(`git cat-file failed: ${results.length} of ${names.length} objects answered`));
      else resolve(results);
    });
    child.stdin.end(names.map((name) => `${name}\n`).join(''));
  });
}

/** An incremental parser of `cat-file --batch` output that copies each blob once. */
class BatchParser {
  private buffer: Buffer = Buffer.alloc(0);
  /** While a blob's bytes are still arriving: its size and type, and the chunks so far. */
  private pending: { size: number; isBlob: boolean } | undefined;
  private parts: Buffer[] = [];
  private partsLength = 0;

  constructor(private readonly onObject: (blob: Buffer | undefined) => void) {}

  push(chunk: Buffer): void {
    if (this.pending !== undefined) {
      this.parts.push(chunk);
      this.partsLength += chunk.length;
      if (this.partsLength < this.pending.size + 1) return;
      this.buffer = Buffer.concat(this.parts, this.partsLength);
      this.parts = [];
      this.partsLength = 0;
    } else {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    }
    this.drain();
  }

  private drain(): void {
    for (;;) {
      if (this.pending !== undefined) {
        const { size, isBlob } = this.pending;
        if (this.buffer.length < size + 1) {
          this.parts = [this.buffer];
          this.partsLength = this.buffer.length;
          this.buffer = Buffer.alloc(0);
          return;
        }
        this.onObject(isBlob ? this.buffer.subarray(0, size) : undefined);
        this.buffer = this.buffer.subarray(size + 1);
        this.pending = undefined;
        continue;
      }
      const newline = this.buffer.indexOf(10);
      if (newline < 0) return;
      const header = this.buffer.toString('utf8', 0, newline);
      this.buffer = this.buffer.subarray(newline + 1);
      const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
      if (match === null) this.onObject(undefined); // `<name> missing` or `<name> ambiguous`
      else this.pending = { size: Number(match[2]), isBlob: match[1] === 'blob' };
    }
  }
}
