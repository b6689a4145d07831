import { compileGlobs } from '../glob.js';
import type { Repository } from '../git/index.js';
import { listCommits, type CommitInfo, type Identity } from '../git/signoff-git.js';
import type { Result } from '../types.js';
import { BUILTIN_BRANCH_GLOBS, isAssistantIdentity, isAssistantTrailer } from './builtin-patterns.js';

/** The policy's `ai.detect`: added to the built-in patterns. */
export interface DetectPatterns {
  /** Regular expressions, any case, matched against each trailer line `Key: value`. */
  readonly trailers: readonly string[];
  /** Globs, any case, matched against author and committer emails. */
  readonly authors: readonly string[];
  /** Globs, any case, matched against the branch name. */
  readonly branches: readonly string[];
}

export interface ProvenanceInput {
  mergeBase: string;
  /** The head commit; the committed range is `mergeBase..headSha`. */
  headSha: string;
  /** The branch the change is on (see `headBranchName`), or null when unknown. */
  branch: string | null;
  patterns: DetectPatterns;
  /** `--ai-assisted`: the uncommitted work (or anything) is declared AI-assisted. */
  aiAssistedFlag: boolean;
}

export type Provenance = Result['provenance'];
export type Evidence = Provenance['evidence'][number];

/**
 * Whether the change is AI-assisted, with every piece of evidence: `--ai-assisted` first, then the
 * branch name, then per commit (oldest first) its author, its committer (when another identity)
 * and its trailer lines.
 * Built-in patterns (assistant trailers, identities and branch names) and the policy's own apply;
 * all matching ignores case. One `git log` for the range.
 * Throws GitError when `headSha` is not a commit.
 */
export async function detectProvenance(repo: Repository, input: ProvenanceInput): Promise<Provenance> {
  const commits = await listCommits(repo, input.mergeBase, input.headSha);
  return provenanceOf(commits, input);
}

/** The same over commits already read (pure). */
export function provenanceOf(commits: readonly CommitInfo[], input: Omit<ProvenanceInput, 'mergeBase'>): Provenance {
  const matchers = compileMatchers(input.patterns);
  const evidence: Evidence[] = [];
  const seen = new Set<string>();
  const add = (item: Evidence): void => {
    const key = `${item.commit}\0${item.source}\0${item.match}`;
    if (seen.has(key)) return;
    seen.add(key);
    evidence.push(item);
  };
  if (input.aiAssistedFlag) add({ commit: input.headSha, source: 'flag', match: '--ai-assisted' });
  if (input.branch !== null && input.branch !== '' && matchers.isBranch(input.branch)) {
    add({ commit: input.headSha, source: 'branch', match: input.branch });
  }
  for (const commit of commits) {
    if (matchers.isIdentity(commit.author)) add({ commit: commit.sha, source: 'author', match: formatIdentity(commit.author) });
    const isSamePerson = commit.committer.name === commit.author.name && commit.committer.email === commit.author.email;
    if (!isSamePerson && matchers.isIdentity(commit.committer)) {
      add({ commit: commit.sha, source: 'author', match: `${formatIdentity(commit.committer)} (committer)` });
    }
    for (const trailer of commit.trailers) {
      if (matchers.isTrailer(trailer)) add({ commit: commit.sha, source: 'trailer', match: trailer });
    }
  }
  return { aiAssisted: evidence.length > 0, evidence };
}

interface Matchers {
  isTrailer(line: string): boolean;
  isIdentity(identity: Identity): boolean;
  isBranch(name: string): boolean;
}

function compileMatchers(patterns: DetectPatterns): Matchers {
  const trailerPatterns = patterns.trailers.flatMap((source) => {
    try {
      return [new RegExp(source, 'i')];
    } catch {
      return []; // the policy stage reports invalid expressions; detection never throws on one
    }
  });
  // Globs have no case-insensitive switch in src/glob.ts: lower-casing pattern and subject alike
  // is the same thing for the letters, and leaves glob syntax (`*`, `[…]`, `\\`) unchanged.
  const isAuthor = compileGlobs(patterns.authors.map((glob) => glob.toLowerCase()));
  const isBranch = compileGlobs([...BUILTIN_BRANCH_GLOBS, ...patterns.branches].map((glob) => glob.toLowerCase()));
  return {
    isTrailer: (line) => isAssistantTrailer(line) || trailerPatterns.some((pattern) => pattern.test(line)),
    isIdentity: (identity) => isAssistantIdentity(identity) || (identity.email !== '' && isAuthor(identity.email.toLowerCase())),
    isBranch: (name) => isBranch(name.toLowerCase()),
  };
}

function formatIdentity(identity: Identity): string {
  return identity.email === '' ? identity.name : `${identity.name} <${identity.email}>`;
}
