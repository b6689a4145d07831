import type { Repository } from '../git/index.js';
import { listCommits, readNotes, type CommitInfo } from '../git/signoff-git.js';
import type { Result } from '../types.js';
import { parseNote, type SignedRecord } from './approval-record.js';
import { parseIdentity } from './builtin-patterns.js';
import { changeFingerprint, repositoryRoots } from './fingerprint.js';
import { SIGNATURE_NAMESPACE, openVerifier, publicKeyBlob, readSignature, type SignatureVerifier } from './ssh-signature.js';

/** An entry of the base policy's `approvals.approvers`. */
export interface Approver {
  readonly name: string;
  readonly email: string | null;
  readonly key: string | null;
}

/** The base policy's `approvals` (DESIGN §6). */
export interface ApprovalsPolicy {
  readonly trust: 'signed' | 'trailer';
  readonly overrides: readonly string[];
  readonly approvers: readonly Approver[];
}

export type Approval = Result['approvals'][number];

export interface FindApprovalsInput {
  mergeBase: string;
  headSha: string;
  /** `trust` and `approvers` of the policy at the merge-base: a change cannot add its own approver. */
  approvals: Pick<ApprovalsPolicy, 'trust' | 'approvers'>;
  /** The analysed change holds work that is not committed (worktree or index mode): no approval covers it. */
  uncommitted: boolean;
  /** The change's fingerprint when already computed. */
  fingerprint?: string | undefined;
}

/** The trailer an approver adds under `trust: trailer` (DESIGN §7). */
export const APPROVAL_TRAILER = 'Blast-Approved-by';

/**
 * Every approval of the change, accepted or rejected with its reason. Signed records are looked
 * up by fingerprint across the whole `refs/notes/blast` (so a rebase that keeps the diff keeps
 * them), plus any record on a commit of the range (an approval of an earlier state of the change
 * is reported, not silently ignored); each is verified with `ssh-keygen -Y verify` against the
 * keys of `approvals.approvers`. `Blast-Approved-by:` trailers are read from the range's commits
 * and accepted under `trust: trailer` only. Sorted by approver, trust, accepted first, reason.
 * Throws GitError (git fails) or SignoffError (ssh-keygen missing).
 */
export async function findApprovals(repo: Repository, input: FindApprovalsInput): Promise<Approval[]> {
  const [commits, notes] = await Promise.all([listCommits(repo, input.mergeBase, input.headSha), readNotes(repo)]);
  const context = changeContext(commits, input);
  const approvals = trailerApprovals(commits, context, input);

  const inRange = new Set([...commits.map((commit) => commit.sha), input.headSha]);
  const records = notes.flatMap((note) => parseNote(note.object, note.text));
  if (records.length > 0) {
    const fingerprint = input.fingerprint ?? (await changeFingerprint(repo, input.mergeBase, input.headSha));
    const candidates = uniqueRecords(records.filter((entry) => entry.record.fingerprint === fingerprint || inRange.has(entry.object)));
    if (candidates.length > 0) {
      const roots = new Set(await repositoryRoots(repo, input.headSha));
      const trusted = trustedKeys(input.approvals.approvers);
      const verifier = await openVerifier(new Map(trusted.map((entry) => [entry.principal, entry.key])), repo.env);
      try {
        for (const entry of candidates) {
          approvals.push(await judgeRecord(entry, { ...context, fingerprint, roots, trusted, verifier }));
        }
      } finally {
        await verifier.close();
      }
    }
  }
  return sortApprovals(dedupe(approvals));
}

interface ChangeContext {
  /** Distinct author emails of the range, lower case. */
  authors: Set<string>;
  headSha: string;
  uncommitted: boolean;
}

function changeContext(commits: readonly CommitInfo[], input: FindApprovalsInput): ChangeContext {
  return {
    authors: new Set(commits.map((commit) => commit.author.email.toLowerCase()).filter((email) => email !== '')),
    headSha: input.headSha,
    uncommitted: input.uncommitted,
  };
}

interface TrustedKey {
  principal: string;
  key: string;
  blob: Buffer;
  approver: Approver;
}

function trustedKeys(approvers: readonly Approver[]): TrustedKey[] {
  const keys: TrustedKey[] = [];
  approvers.forEach((approver, index) => {
    const blob = approver.key === null ? undefined : publicKeyBlob(approver.key);
    if (approver.key !== null && blob !== undefined) keys.push({ principal: `approver-${index}`, key: approver.key, blob, approver });
  });
  return keys;
}

interface RecordContext extends ChangeContext {
  fingerprint: string | undefined;
  roots: Set<string>;
  trusted: readonly TrustedKey[];
  verifier: SignatureVerifier;
}

/** The checks of a signed record, in order: the first that fails is the reason. */
async function judgeRecord(entry: SignedRecord, context: RecordContext): Promise<Approval> {
  const { record } = entry;
  const reject = (approver: string, reason: string): Approval => ({ approver, accepted: false, reason, trust: 'signed' });
  const signature = readSignature(entry.signature);
  if (signature === undefined) return reject(record.approver, 'the record carries no valid ssh signature');
  const trusted = context.trusted.find((candidate) => candidate.blob.equals(signature.publicKey));
  if (trusted === undefined) {
    return reject(record.approver, `signed with key ${signature.keyFingerprint}, which is not an approver's key in the base policy`);
  }
  const approver = formatApprover(trusted.approver);
  if (signature.namespace !== SIGNATURE_NAMESPACE) {
    return reject(approver, `signed for '${signature.namespace}', not '${SIGNATURE_NAMESPACE}': the signature was made for something else`);
  }
  if (!(await context.verifier.verify(entry.payload, entry.signature, trusted.principal))) {
    return reject(approver, 'the signature does not match the record: it was altered after signing');
  }
  if (!context.roots.has(record.repository)) {
    return reject(approver, `the record is for another repository (root commit ${short(record.repository)})`);
  }
  if (record.fingerprint !== context.fingerprint) {
    return reject(
      approver,
      `the record approves another diff (fingerprint ${short(record.fingerprint)}, this change is ${context.fingerprint === undefined ? 'empty' : short(context.fingerprint)}): ` +
        'the change moved after the approval; ask for a new one',
    );
  }
  const soleAuthor = soleAuthorOf(context.authors, [trusted.approver.email, parseIdentity(record.approver).email]);
  if (soleAuthor) return reject(approver, `${approver} is the only author of the change; an approval must come from someone else`);
  if (context.uncommitted) return reject(approver, UNCOMMITTED_REASON);
  return { approver, accepted: true, reason: `signed with key ${signature.keyFingerprint} on ${record.time}`, trust: 'signed' };
}

const UNCOMMITTED_REASON = 'the change holds uncommitted work, which no approval covers; commit it and ask for a new approval';

/** `Blast-Approved-by:` trailers of the range: accepted under `trust: trailer` from the head commit only. */
function trailerApprovals(commits: readonly CommitInfo[], context: ChangeContext, input: FindApprovalsInput): Approval[] {
  const approvals: Approval[] = [];
  const key = APPROVAL_TRAILER.toLowerCase();
  for (const commit of commits) {
    for (const line of commit.trailers) {
      const colon = line.indexOf(':');
      if (line.slice(0, colon).trim().toLowerCase() !== key) continue;
      const value = line.slice(colon + 1).trim();
      const claimed = parseIdentity(value);
      const email = claimed.email.toLowerCase();
      const approver = input.approvals.approvers.find((candidate) => email !== '' && candidate.email?.toLowerCase() === email);
      const shown = approver === undefined ? value : formatApprover(approver);
      const reject = (reason: string): Approval => ({ approver: shown, accepted: false, reason, trust: 'trailer' });
      if (input.approvals.trust !== 'trailer') {
        approvals.push(reject(`approvals.trust is 'signed': a ${APPROVAL_TRAILER} trailer is not an approval; sign one with 'blast approve --key'`));
      } else if (approver === undefined) {
        approvals.push(reject(`'${claimed.email || value}' is not an approver's email in the base policy`));
      } else if (commit.sha !== context.headSha) {
        approvals.push(reject(`the trailer is in ${short(commit.sha)}, not in the head commit: the commits after it are not approved`));
      } else if (soleAuthorOf(context.authors, [approver.email])) {
        approvals.push(reject(`${shown} is the only author of the change; an approval must come from someone else`));
      } else if (context.uncommitted) {
        approvals.push(reject(UNCOMMITTED_REASON));
      } else {
        approvals.push({
          approver: shown,
          accepted: true,
          reason: `${APPROVAL_TRAILER} trailer in ${short(commit.sha)} (unsigned: weaker than a signed approval)`,
          trust: 'trailer',
        });
      }
    }
  }
  return approvals;
}

function soleAuthorOf(authors: ReadonlySet<string>, emails: ReadonlyArray<string | null>): boolean {
  if (authors.size !== 1) return false;
  const [author] = authors;
  return emails.some((email) => email !== null && email !== '' && email.toLowerCase() === author);
}

/** `Ann <ann@example.com>`, or `Ann` without an email. */
export function formatApprover(approver: Approver): string {
  return approver.email === null ? approver.name : `${approver.name} <${approver.email}>`;
}

function short(sha: string): string {
  return sha.slice(0, 12);
}

function uniqueRecords(records: readonly SignedRecord[]): SignedRecord[] {
  const seen = new Set<string>();
  return records.filter((entry) => {
    const key = `${entry.payload}\0${entry.signature}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * One accepted approval per approver and trust (they all say the same; the latest is kept, its
 * reason ends with the time) and each rejection once.
 */
function dedupe(approvals: readonly Approval[]): Approval[] {
  const kept = new Map<string, Approval>();
  for (const approval of approvals) {
    const key = `${approval.approver}\0${approval.trust}\0${approval.accepted ? 'accepted' : approval.reason}`;
    const existing = kept.get(key);
    if (existing === undefined || compare(approval.reason, existing.reason) > 0) kept.set(key, approval);
  }
  return [...kept.values()];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortApprovals(approvals: readonly Approval[]): Approval[] {
  return [...approvals].sort(
    (a, b) =>
      compare(a.approver, b.approver) ||
      compare(a.trust, b.trust) ||
      Number(b.accepted) - Number(a.accepted) ||
      compare(a.reason, b.reason),
  );
}
