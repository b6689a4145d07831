// Parsers for `git diff --name-status -z` and `git diff -U0` output. Pure functions of text.
import type { FileStatus, LineRange } from '../types.js';

/** One entry of `--name-status -z`. */
export interface NameStatusEntry {
  status: FileStatus;
  /** The path at the head side (for a deletion, the path it had). */
  path: string;
  /** The source of a rename or copy. */
  oldPath?: string;
}

const STATUS_BY_LETTER: Readonly<Record<string, FileStatus>> = {
  A: 'added',
  C: 'copied',
  D: 'deleted',
  M: 'modified',
  R: 'renamed',
  T: 'type-changed',
  // an unmerged path (a conflict in progress) is, for blast, a modified file
  U: 'modified',
};

/** Parses `git diff --name-status -z`: `M\0path\0`, `R086\0old\0new\0`. */
export function parseNameStatus(output: string): NameStatusEntry[] {
  const fields = output.split('\0');
  const entries: NameStatusEntry[] = [];
  let i = 0;
  while (i < fields.length) {
    const code = fields[i++] ?? '';
    if (code === '') continue;
    const letter = code[0] ?? '';
    const status = STATUS_BY_LETTER[letter];
    if (letter === 'R' || letter === 'C') {
      const oldPath = fields[i++];
      const path = fields[i++];
      if (status !== undefined && oldPath !== undefined && path !== undefined) entries.push({ status, path, oldPath });
      continue;
    }
    const path = fields[i++];
    if (status !== undefined && path !== undefined && path !== '') entries.push({ status, path });
  }
  return entries;
}

/** One `diff --git` section of a patch. */
export interface PatchFile {
  /** Path on the old side; null when the file is new. */
  oldPath: string | null;
  /** Path on the new side; null when the file is deleted. */
  newPath: string | null;
  oldRanges: LineRange[];
  newRanges: LineRange[];
  binary: boolean;
}

interface Section {
  headerOld: string | null;
  headerNew: string | null;
  minus?: string | null;
  plus?: string | null;
  renameFrom?: string;
  renameTo?: string;
  isNew: boolean;
  isDeleted: boolean;
  binary: boolean;
  oldRanges: LineRange[];
  newRanges: LineRange[];
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Parses a patch (run with `--src-prefix=a/ --dst-prefix=b/`). Hunk bodies are skipped by their
 * line counts, so content lines that look like headers (`--- a`, `+++ b`, `diff --git`) are never
 * mistaken for them. Ranges follow LineRange: a count of 0 means "between start-1 and start",
 * whereas git's `-U0` headers name the line *before* the gap (`@@ -3,0 +4,2 @@` inserts after
 * old line 3), so zero-count starts are shifted by one.
 */
export function parsePatch(output: string): PatchFile[] {
  const files: PatchFile[] = [];
  let section: Section | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  for (const line of output.split('\n')) {
    if (oldLeft > 0 || newLeft > 0) {
      const marker = line[0];
      if (marker === '-') {
        oldLeft--;
        continue;
      }
      if (marker === '+') {
        newLeft--;
        continue;
      }
      if (marker === ' ') {
        oldLeft--;
        newLeft--;
        continue;
      }
      if (marker === '\\') continue;
      // a truncated hunk: resynchronise on this line
      oldLeft = 0;
      newLeft = 0;
    }
    if (line.startsWith('diff --git ')) {
      if (section !== undefined) files.push(finish(section));
      const [headerOld, headerNew] = parseGitHeader(line.slice('diff --git '.length));
      section = { headerOld, headerNew, isNew: false, isDeleted: false, binary: false, oldRanges: [], newRanges: [] };
      continue;
    }
    if (line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      // combined diffs (conflicts) carry no two-sided ranges blast could use
      if (section !== undefined) files.push(finish(section));
      section = undefined;
      continue;
    }
    if (section === undefined) continue;
    const hunk = HUNK_HEADER.exec(line);
    if (hunk !== null) {
      const oldCount = hunk[2] === undefined ? 1 : Number(hunk[2]);
      const newCount = hunk[4] === undefined ? 1 : Number(hunk[4]);
      section.oldRanges.push(toRange(Number(hunk[1]), oldCount));
      section.newRanges.push(toRange(Number(hunk[3]), newCount));
      oldLeft = oldCount;
      newLeft = newCount;
    } else if (line.startsWith('--- ')) section.minus = parsePathLine(line.slice(4), 'a/');
    else if (line.startsWith('+++ ')) section.plus = parsePathLine(line.slice(4), 'b/');
    else if (line.startsWith('rename from ')) section.renameFrom = unquoteCPath(line.slice(12));
    else if (line.startsWith('rename to ')) section.renameTo = unquoteCPath(line.slice(10));
    else if (line.startsWith('copy from ')) section.renameFrom = unquoteCPath(line.slice(10));
    else if (line.startsWith('copy to ')) section.renameTo = unquoteCPath(line.slice(8));
    else if (line.startsWith('new file mode ')) section.isNew = true;
    else if (line.startsWith('deleted file mode ')) section.isDeleted = true;
    else if ((line.startsWith('Binary files ') && line.endsWith(' differ')) || line === 'GIT binary patch') {
      section.binary = true;
    }
  }
  if (section !== undefined) files.push(finish(section));
  return files;
}

function toRange(start: number, count: number): LineRange {
  return count === 0 ? { start: start + 1, count: 0 } : { start, count };
}

function finish(section: Section): PatchFile {
  const oldPath = section.isNew
    ? null
    : (section.renameFrom ?? (section.minus !== undefined ? section.minus : section.headerOld));
  const newPath = section.isDeleted
    ? null
    : (section.renameTo ?? (section.plus !== undefined ? section.plus : section.headerNew));
  return {
    oldPath,
    newPath,
    // a new file has no old side and a deleted one no new side: drop git's `-0,0` / `+0,0`
    oldRanges: oldPath === null ? [] : section.oldRanges,
    newRanges: newPath === null ? [] : section.newRanges,
    binary: section.binary,
  };
}

/** `a/path`, `"a/p\303\251"`, `/dev/null`, or `a/has space\t` (git adds a tab after names with spaces). */
function parsePathLine(text: string, prefix: string): string | null {
  const name = text.startsWith('"') ? unquoteCPath(text) : text.replace(/\t$/, '');
  if (name === '/dev/null') return null;
  return name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

/**
 * The two paths of `diff --git a/x b/y`. Either may be C-quoted. Unquoted, the split is
 * ambiguous when paths contain ` b/`, but then both sides are the same path (renames and copies
 * have their own `rename from`/`rename to` lines), so the split is at the middle.
 */
function parseGitHeader(text: string): [string | null, string | null] {
  if (text.startsWith('"')) {
    const first = readQuoted(text, 0);
    if (first === undefined) return [null, null];
    const rest = text.slice(first.end + 2);
    const second = rest.startsWith('"') ? unquoteCPath(rest) : rest;
    return [stripPrefix(first.value, 'a/'), stripPrefix(second, 'b/')];
  }
  const quotedSecond = text.indexOf(' "b/');
  if (quotedSecond > 0 && text.endsWith('"')) {
    return [stripPrefix(text.slice(0, quotedSecond), 'a/'), stripPrefix(unquoteCPath(text.slice(quotedSecond + 1)), 'b/')];
  }
  const half = (text.length - 1) / 2;
  if (Number.isInteger(half)) {
    const left = text.slice(0, half);
    const right = text.slice(half + 1);
    if (left.startsWith('a/') && right.startsWith('b/') && left.slice(2) === right.slice(2)) {
      return [left.slice(2), right.slice(2)];
    }
  }
  return [null, null];
}

function stripPrefix(path: string, prefix: string): string | null {
  return path.startsWith(prefix) ? path.slice(prefix.length) : null;
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92,
};

/**
 * Undoes git's C-style quoting of a path (`"dir/tab\there/caf\303\251.ts"`); a string without a
 * leading quote is returned as is. Octal escapes are bytes, decoded together as UTF-8.
 */
export function unquoteCPath(text: string): string {
  if (!text.startsWith('"')) return text;
  return readQuoted(text, 0)?.value ?? text;
}

function readQuoted(text: string, start: number): { value: string; end: number } | undefined {
  const bytes: number[] = [];
  let i = start + 1;
  while (i < text.length) {
    const char = text[i] ?? '';
    if (char === '"') return { value: Buffer.from(bytes).toString('utf8'), end: i };
    if (char === '\\') {
      const next = text[i + 1] ?? '';
      const octal = /^[0-7]{3}/.exec(text.slice(i + 1, i + 4));
      if (octal !== null) {
        bytes.push(parseInt(octal[0], 8));
        i += 4;
        continue;
      }
      const escaped = SIMPLE_ESCAPES[next];
      if (escaped === undefined) return undefined;
      bytes.push(escaped);
      i += 2;
      continue;
    }
    const codePoint = text.codePointAt(i) ?? 0;
    const encoded = Buffer.from(String.fromCodePoint(codePoint), 'utf8');
    for (const byte of encoded) bytes.push(byte);
    i += codePoint > 0xffff ? 2 : 1;
  }
  return undefined;
}
