import type { Repository } from './repository.js';
import { forgetAnswers, runGit } from './run-git.js';
import { runGitWithInput } from './spawn-git.js';

/** The notes ref blast's approval records live under (DESIGN §7). */
export const BLAST_NOTES_REF = 'refs/notes/blast';

/** A note: the object it annotates and its text. */
export interface Note {
  object: string;
  text: string;
}

/**
 * Every note under `ref` (all of them, whatever commit they annotate), sorted by object.
 * Empty when the ref does not exist. Two git processes: `notes list` and one `cat-file --batch`.
 */
export async function readNotes(repo: Repository, ref: string = BLAST_NOTES_REF): Promise<Note[]> {
  const listing = await runGit(repo, ['notes', `--ref=${ref}`, 'list']);
  const entries = listing
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((parts): parts is [string, string] => parts.length === 2 && parts[0] !== '' && parts[1] !== '');
  if (entries.length === 0) return [];
  const blobs = await readBlobs(repo, entries.map(([blob]) => blob));
  const notes: Note[] = [];
  entries.forEach(([, object], i) => {
    const text = blobs[i];
    if (text !== undefined) notes.push({ object, text });
  });
  return notes.sort((a, b) => (a.object < b.object ? -1 : a.object > b.object ? 1 : 0));
}

/** The note on `object` under `ref`, or undefined when it has none. */
export async function readNote(repo: Repository, object: string, ref: string = BLAST_NOTES_REF): Promise<string | undefined> {
  const listing = await runGit(repo, ['notes', `--ref=${ref}`, 'list']);
  for (const line of listing.split('\n')) {
    const [blob, annotated] = line.trim().split(/\s+/);
    if (blob && annotated === object) return (await readBlobs(repo, [blob]))[0];
  }
  return undefined;
}

/**
 * Sets the note on `object` under `ref` to `text` (replacing any), as `git notes add -f -F -`
 * does: a new commit on the notes ref only. The working tree, the index, HEAD and every branch
 * are left alone, and no commit is rewritten. Throws GitError when git cannot write it (no
 * committer identity, for one).
 */
export async function writeNote(repo: Repository, object: string, text: string, ref: string = BLAST_NOTES_REF): Promise<void> {
  await runGitWithInput(repo, ['notes', `--ref=${ref}`, 'add', '-f', '-F', '-', object], text);
  // The notes ref moved: answers remembered before may be stale.
  forgetAnswers(repo);
}

/** The contents of blobs by id, in order, through one `git cat-file --batch`; undefined when missing. */
async function readBlobs(repo: Repository, ids: readonly string[]): Promise<Array<string | undefined>> {
  const output = await runGitWithInput(repo, ['cat-file', '--batch'], ids.map((id) => `${id}\n`).join(''));
  const results: Array<string | undefined> = [];
  let offset = 0;
  while (results.length < ids.length && offset < output.length) {
    const newline = output.indexOf(10, offset);
    if (newline < 0) break;
    const header = output.toString('utf8', offset, newline);
    offset = newline + 1;
    // `<oid> <type> <size>`, or `<name> missing`
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (match === null) {
      results.push(undefined);
      continue;
    }
    const size = Number(match[2]);
    results.push(match[1] === 'blob' ? output.toString('utf8', offset, offset + size) : undefined);
    offset += size + 1;
  }
  while (results.length < ids.length) results.push(undefined);
  return results;
}
