import { readFile, stat } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import type { Repository } from '../git/index.js';
import { configuredIdentity, hasUncommittedChanges, listCommits, readNote, writeNote } from '../git/signoff-git.js';
import { appendNoteLine, encodeNoteLine, serializeRecord, type ApprovalRecord, type RadiusSummary } from './approval-record.js';
import { parseIdentity } from './builtin-patterns.js';
import { changeFingerprint, repositoryId } from './fingerprint.js';
import type { Approver } from './find-approvals.js';
import { SignoffError } from './signoff-error.js';
import { publicKeyBlob, readSignature, signMessage } from './ssh-signature.js';

export interface CreateApprovalInput {
  /** The signing key: a private key file, or a `.pub` whose private half is in ssh-agent (absolute path). */
  keyPath: string;
  baseRef: string;
  mergeBase: string;
  /** The head commit approved; the record is stored as a note on it. */
  headSha: string;
  radius: RadiusSummary;
  /** Who approves; default: git's `user.name <user.email>`, else the key's comment. */
  approver?: string;
  /** The policy's approvers, only to warn when the key is not one of them. */
  approvers?: readonly Approver[];
  now?: Date;
}

export interface CreatedApproval {
  record: ApprovalRecord;
  fingerprint: string;
  /** The note line written (the signed record). */
  note: string;
  /** `SHA256:…` of the signing key. */
  keyFingerprint: string;
  /** Why `check` may still reject it (the key is not an approver's, the approver is the only author, uncommitted work). */
  warnings: string[];
}

/**
 * `blast approve` (DESIGN §7): fingerprints the committed change `mergeBase..headSha`, builds the
 * record, signs its exact JSON text with `ssh-keygen -Y sign -n blast`, and adds the signed line
 * to the note of the head commit under `refs/notes/blast` (other approvals in that note are kept).
 * Only the notes ref moves: no commit is rewritten, the working tree, index and HEAD are untouched.
 * Throws UsageError (no key file), SignoffError (nothing committed to approve, ssh-keygen missing or
 * unable to sign), GitError.
 */
export async function createApproval(repo: Repository, input: CreateApprovalInput): Promise<CreatedApproval> {
  const isFile = await stat(input.keyPath).then((info) => info.isFile(), () => false);
  if (!isFile) {
    throw new UsageError(`key file '${input.keyPath}' not found`, {
      hint: 'pass your ssh private key (or its .pub, with the key loaded in ssh-agent) with --key',
    });
  }
  const fingerprint = await changeFingerprint(repo, input.mergeBase, input.headSha);
  if (fingerprint === undefined) {
    throw new SignoffError(`nothing to approve: no committed change between ${input.mergeBase.slice(0, 12)} and ${input.headSha.slice(0, 12)}`, {
      hint: 'commit the work first: uncommitted work cannot be approved',
    });
  }
  const repository = await repositoryId(repo, input.mergeBase, input.headSha);
  if (repository === undefined) throw new SignoffError('nothing to approve: the repository has no commits');

  const record: ApprovalRecord = {
    kind: 'blast-approval',
    version: 1,
    repository,
    fingerprint,
    base: { ref: input.baseRef, mergeBase: input.mergeBase },
    head: input.headSha,
    approver: input.approver ?? (await defaultApprover(repo, input.keyPath)),
    time: (input.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    radius: input.radius,
  };
  const payload = serializeRecord(record);
  const signature = await signMessage(input.keyPath, payload, repo.env);
  const signer = readSignature(signature);
  if (signer === undefined) throw new SignoffError('ssh-keygen returned a signature blast cannot read');

  const note = encodeNoteLine(payload, signature);
  await writeNote(repo, input.headSha, appendNoteLine(await readNote(repo, input.headSha), note));

  const warnings: string[] = [];
  if (input.approvers !== undefined && !input.approvers.some((approver) => approver.key !== null && publicKeyBlob(approver.key)?.equals(signer.publicKey))) {
    warnings.push(
      `key ${signer.keyFingerprint} is not an approver's key in the policy: check rejects this approval until ` +
        "approvals.approvers lists it in the base branch's policy",
    );
  }
  const authors = new Set((await listCommits(repo, input.mergeBase, input.headSha)).map((commit) => commit.author.email.toLowerCase()));
  const email = parseIdentity(record.approver).email.toLowerCase();
  if (authors.size === 1 && email !== '' && authors.has(email)) {
    warnings.push(`${record.approver} is the only author of this change: check rejects an approval by its own author`);
  }
  if (await hasUncommittedChanges(repo, 'worktree')) {
    warnings.push(
      `uncommitted changes are not part of the approval: it covers the commits ${input.mergeBase.slice(0, 7)}..${input.headSha.slice(0, 7)} only`,
    );
  }
  return { record, fingerprint, note, keyFingerprint: signer.keyFingerprint, warnings };
}

/** `Name <email>` from git's configuration; else the comment of the key's `.pub`; else `unknown`. */
async function defaultApprover(repo: Repository, keyPath: string): Promise<string> {
  const { name, email } = await configuredIdentity(repo);
  if (email !== undefined) return name === undefined ? `<${email}>` : `${name} <${email}>`;
  const publicPath = keyPath.endsWith('.pub') ? keyPath : `${keyPath}.pub`;
  const comment = (await readFile(publicPath, 'utf8').catch(() => '')).trim().split(/\s+/).slice(2).join(' ');
  return comment || name || 'unknown';
}
