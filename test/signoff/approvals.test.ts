// Sign-off end to end on real repositories with real keys made by ssh-keygen: a valid approval
// passes, and each way of getting in where one does not belong is rejected with its reason.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { openRepository } from '../../src/git/index.js';
import {
  changeFingerprint,
  createApproval,
  findApprovals,
  reviewSignoff,
  SignoffError,
  type Approval,
  type Approver,
  type RadiusSummary,
  type SignoffPolicy,
} from '../../src/signoff/index.js';
import type { Finding } from '../../src/types.js';
import { gitRepo, type TestRepo } from '../helpers/git-repo.js';
import { commitAs, makeKeys, type TestKey } from './signoff-helpers.js';

const RADIUS: RadiusSummary = { changedSymbols: 1, affectedSymbols: 4, affectedFiles: 2, affectedPackages: 0, entryPoints: 0, score: 4, risk: 'low', verdict: 'warn' };
const NOW = new Date('2024-06-01T12:00:00.000Z');
const ANN_ID = 'Ann <ann@example.com>';
const BOB_ID = 'Bob <bob@example.com>';

let keys: Record<string, TestKey>;
let removeKeys: () => void;
let approvers: Approver[];

beforeAll(() => {
  const made = makeKeys(['ann', 'bob', 'mallory']);
  keys = made.keys;
  removeKeys = made.remove;
  approvers = [
    { name: 'Ann', email: 'ann@example.com', key: keys.ann!.publicKey },
    { name: 'Bob', email: 'bob@example.com', key: keys.bob!.publicKey },
  ];
});
afterAll(() => removeKeys());

const key = (name: string): TestKey => keys[name]!;
const open = (repo: TestRepo) => openRepository(repo.cwd, { env: repo.env });
const head = (repo: TestRepo) => repo.git(['rev-parse', 'HEAD']);

/** `SHA256:…` as ssh-keygen itself prints it. */
function sshFingerprint(name: string): string {
  return execFileSync('ssh-keygen', ['-l', '-f', `${key(name).path}.pub`], { encoding: 'utf8' }).split(' ')[1] ?? '';
}

const PAY_BASE = 'export function pay(amount: number) {\n  return amount;\n}\n';
const PAY_HEAD = 'export function pay(amount: number) {\n  return Math.round(amount * 100) / 100;\n}\n';

/** main: the base; feature: one commit by "Blast Test" changing src/pay.ts (neither Ann nor Bob). */
function paymentsRepo(): Promise<TestRepo> {
  return gitRepo({ base: { 'src/pay.ts': PAY_BASE, 'src/other.ts': 'export const other = 1;\n' }, head: { 'src/pay.ts': PAY_HEAD, 'src/other.ts': 'export const other = 1;\n' } });
}

async function approve(repo: TestRepo, signer: string, options: { approver?: string; mergeBase?: string; headSha?: string } = {}) {
  return createApproval(await open(repo), {
    keyPath: key(signer).path,
    baseRef: 'main',
    mergeBase: options.mergeBase ?? repo.baseSha,
    headSha: options.headSha ?? head(repo),
    radius: RADIUS,
    approver: options.approver ?? (signer === 'ann' ? ANN_ID : signer === 'bob' ? BOB_ID : 'Mallory <mallory@example.com>'),
    approvers,
    now: NOW,
  });
}

async function find(repo: TestRepo, options: { mergeBase?: string; headSha?: string; trust?: 'signed' | 'trailer'; uncommitted?: boolean } = {}): Promise<Approval[]> {
  return findApprovals(await open(repo), {
    mergeBase: options.mergeBase ?? repo.baseSha,
    headSha: options.headSha ?? head(repo),
    approvals: { trust: options.trust ?? 'signed', approvers },
    uncommitted: options.uncommitted ?? false,
  });
}

const accepted = (approver: string, signer: string): Approval => ({
  approver,
  accepted: true,
  reason: `signed with key ${sshFingerprint(signer)} on 2024-06-01T12:00:00Z`,
  trust: 'signed',
});

/** The note lines on a commit. */
function noteLines(repo: TestRepo, object: string): string[] {
  return repo.git(['notes', '--ref=blast', 'show', object]).split('\n').filter((line) => line !== '');
}

/** Rewrites the payload of the first record on `object` with `edit`, keeping its signature. */
function tamper(repo: TestRepo, object: string, edit: (record: Record<string, unknown>) => void): void {
  const [line = ''] = noteLines(repo, object);
  const outer = JSON.parse(line) as { blast: string; payload: string; signature: string };
  const record = JSON.parse(outer.payload) as Record<string, unknown>;
  edit(record);
  const forged = JSON.stringify({ ...outer, payload: JSON.stringify(record) });
  execFileSync('git', ['notes', '--ref=blast', 'add', '-f', '-F', '-', object], { cwd: repo.cwd, env: repo.env, input: `${forged}\n` });
}

describe('a valid approval', { tags: ['slow'] }, () => {
  test('is signed, stored as a note on the head, found and accepted', async () => {
    const repo = await paymentsRepo();
    const created = await approve(repo, 'ann');
    expect(created.warnings).toEqual([]);
    expect(created.keyFingerprint).toBe(sshFingerprint('ann'));
    expect(created.fingerprint).toBe(await changeFingerprint(await open(repo), repo.baseSha, repo.headSha));
    expect(created.record).toEqual({
      kind: 'blast-approval',
      version: 1,
      repository: repo.baseSha,
      fingerprint: created.fingerprint,
      base: { ref: 'main', mergeBase: repo.baseSha },
      head: repo.headSha,
      approver: ANN_ID,
      time: '2024-06-01T12:00:00Z',
      radius: RADIUS,
    });
    expect(noteLines(repo, repo.headSha)).toEqual([created.note]);
    expect(await find(repo)).toEqual([accepted(ANN_ID, 'ann')]);
  });

  test('approve never rewrites commits: HEAD, branches, index and working tree are untouched', async () => {
    const repo = await paymentsRepo();
    repo.write({ 'scratch.txt': 'not committed\n' });
    const state = () => ({
      head: repo.git(['rev-parse', 'HEAD']),
      branch: repo.git(['symbolic-ref', 'HEAD']),
      refs: repo.git(['for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads', 'refs/tags', 'refs/remotes']),
      log: repo.git(['log', '--format=%H %T %P', '--exclude=refs/notes/*', '--all']),
      index: repo.git(['ls-files', '-s']),
      status: repo.git(['status', '--porcelain']),
      file: readFileSync(`${repo.cwd}/src/pay.ts`, 'utf8'),
    });
    const before = state();
    const created = await approve(repo, 'ann');
    expect(state()).toEqual(before);
    expect(repo.git(['for-each-ref', '--format=%(refname)', 'refs/notes'])).toBe('refs/notes/blast');
    // the scratch file is not part of what was signed, and approve says so
    expect(created.warnings).toEqual([
      `uncommitted changes are not part of the approval: it covers the commits ${repo.baseSha.slice(0, 7)}..${repo.headSha.slice(0, 7)} only`,
    ]);
  });

  test('two approvers of one head both keep their record in the note', async () => {
    const repo = await paymentsRepo();
    await approve(repo, 'ann');
    await approve(repo, 'bob');
    expect(noteLines(repo, repo.headSha)).toHaveLength(2);
    expect(await find(repo)).toEqual([accepted(ANN_ID, 'ann'), accepted(BOB_ID, 'bob')]);
  });

  test('approvals pushed from two machines merge with `git notes merge -s cat_sort_uniq`', async () => {
    const repo = await paymentsRepo();
    const clone = await gitRepo({ base: { 'x.txt': 'x\n' } });
    clone.git(['fetch', '-q', repo.cwd, 'refs/heads/*:refs/heads/upstream/*']);
    await approve(repo, 'ann');
    await approve(clone, 'bob', { mergeBase: repo.baseSha, headSha: repo.headSha });
    // the README's recipe: fetch the other side's notes into a side ref, merge, (push)
    repo.git(['fetch', '-q', clone.cwd, 'refs/notes/blast:refs/notes/blast-remote']);
    repo.git(['notes', '--ref=blast', 'merge', '-q', '-s', 'cat_sort_uniq', 'refs/notes/blast-remote']);
    expect(await find(repo)).toEqual([accepted(ANN_ID, 'ann'), accepted(BOB_ID, 'bob')]);
  });

  test('reviewSignoff: sign-off required before, lifted by the approval after', async () => {
    const repo = await paymentsRepo();
    const policy: SignoffPolicy = { ai: { signoff: true }, zones: [], approvals: { trust: 'signed', overrides: [], approvers } };
    const warn: Finding = { rule: 'thresholds.files', severity: 'warn', message: '30 affected files, above the warn limit of 25' };
    const review = async () =>
      reviewSignoff(await open(repo), {
        mergeBase: repo.baseSha,
        headSha: head(repo),
        head: { kind: 'commit', ref: 'HEAD' },
        policy,
        aiAssisted: true,
        findings: [warn],
      });
    const before = await review();
    expect(before.approvals).toEqual([]);
    expect(before.findings[0]).toEqual({
      rule: 'ai.signoff',
      severity: 'error',
      message: `AI-assisted change with a high blast radius: sign-off required from one of: ${ANN_ID}, ${BOB_ID}`,
    });
    await approve(repo, 'bob');
    const after = await review();
    expect(after.approvals).toEqual([accepted(BOB_ID, 'bob')]);
    expect(after.findings[0]).toMatchObject({ rule: 'ai.signoff', overriddenBy: BOB_ID });
  });
});

describe('no one in where they do not belong', { tags: ['slow'] }, () => {
  test('a key not in the base policy', async () => {
    const repo = await paymentsRepo();
    const created = await approve(repo, 'mallory', { approver: ANN_ID });
    expect(created.warnings).toEqual([
      `key ${sshFingerprint('mallory')} is not an approver's key in the policy: check rejects this approval until approvals.approvers lists it in the base branch's policy`,
    ]);
    expect(await find(repo)).toEqual([
      {
        approver: ANN_ID,
        accepted: false,
        reason: `signed with key ${sshFingerprint('mallory')}, which is not an approver's key in the base policy`,
        trust: 'signed',
      },
    ]);
  });

  test.each([
    ['a changed radius', (record: Record<string, unknown>) => void (record.radius = { ...(record.radius as object), score: 0 })],
    ['a changed approver', (record: Record<string, unknown>) => void (record.approver = BOB_ID)],
    ['a changed fingerprint', (record: Record<string, unknown>) => void (record.fingerprint = '0'.repeat(40))],
  ])('a tampered record (%s)', async (_what, edit) => {
    const repo = await paymentsRepo();
    await approve(repo, 'ann');
    tamper(repo, repo.headSha, edit);
    expect(await find(repo)).toEqual([
      { approver: ANN_ID, accepted: false, reason: 'the signature does not match the record: it was altered after signing', trust: 'signed' },
    ]);
  });

  test('a signature made for another namespace', async () => {
    const repo = await paymentsRepo();
    const created = await approve(repo, 'ann');
    const outer = JSON.parse(created.note) as { payload: string };
    const signature = execFileSync('ssh-keygen', ['-Y', 'sign', '-n', 'git', '-f', key('ann').path], { input: outer.payload, stdio: ['pipe', 'pipe', 'ignore'] }).toString();
    const line = JSON.stringify({ blast: 'approval', payload: outer.payload, signature });
    execFileSync('git', ['notes', '--ref=blast', 'add', '-f', '-F', '-', repo.headSha], { cwd: repo.cwd, env: repo.env, input: `${line}\n` });
    expect(await find(repo)).toEqual([
      { approver: ANN_ID, accepted: false, reason: "signed for 'git', not 'blast': the signature was made for something else", trust: 'signed' },
    ]);
  });

  test('an approval of another diff: a commit added after it, or a note copied onto another change', async () => {
    const repo = await paymentsRepo();
    const created = await approve(repo, 'ann');
    const later = commitAs(repo, { author: { name: 'Blast Test', email: 'test@blast.invalid' }, message: 'more\n', files: { 'src/pay.ts': `${PAY_HEAD}// more\n` } });
    const fingerprint = await changeFingerprint(await open(repo), repo.baseSha, later);
    const anotherDiff: Approval = {
      approver: ANN_ID,
      accepted: false,
      reason: `the record approves another diff (fingerprint ${created.fingerprint.slice(0, 12)}, this change is ${fingerprint?.slice(0, 12)}): the change moved after the approval; ask for a new one`,
      trust: 'signed',
    };
    expect(await find(repo)).toEqual([anotherDiff]);

    repo.git(['checkout', '-q', '-b', 'other', 'main']);
    const other = commitAs(repo, { author: { name: 'Blast Test', email: 'test@blast.invalid' }, message: 'other\n', files: { 'src/other.ts': 'export const other = 2;\n' } });
    repo.git(['notes', '--ref=blast', 'copy', repo.headSha, other]);
    const found = await find(repo, { headSha: other });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ approver: ANN_ID, accepted: false, reason: expect.stringMatching(/^the record approves another diff/) });
  });

  test('a record of another repository', async () => {
    const repo = await paymentsRepo();
    // the same change in a repository with another history (another root commit)
    const fork = await gitRepo({
      base: { 'src/pay.ts': PAY_BASE, 'src/other.ts': 'export const other = 1;\n', 'README.md': 'another project\n' },
      head: { 'src/pay.ts': PAY_HEAD, 'src/other.ts': 'export const other = 1;\n', 'README.md': 'another project\n' },
    });
    expect(fork.baseSha).not.toBe(repo.baseSha);
    const created = await approve(fork, 'ann');
    expect(created.fingerprint).toBe(await changeFingerprint(await open(repo), repo.baseSha, repo.headSha));
    repo.git(['fetch', '-q', fork.cwd, 'refs/notes/blast:refs/notes/blast']);
    expect(await find(repo)).toEqual([
      { approver: ANN_ID, accepted: false, reason: `the record is for another repository (root commit ${fork.baseSha.slice(0, 12)})`, trust: 'signed' },
    ]);
  });

  test('an approver who is the only author of the change; accepted once someone else authored part of it', async () => {
    const repo = await gitRepo({ base: { 'src/pay.ts': PAY_BASE } });
    commitAs(repo, { author: { name: 'Ann', email: 'Ann@Example.com' }, message: 'round\n', files: { 'src/pay.ts': PAY_HEAD } });
    const created = await approve(repo, 'ann');
    expect(created.warnings).toEqual([`${ANN_ID} is the only author of this change: check rejects an approval by its own author`]);
    expect(await find(repo)).toEqual([
      { approver: ANN_ID, accepted: false, reason: `${ANN_ID} is the only author of the change; an approval must come from someone else`, trust: 'signed' },
    ]);

    commitAs(repo, { author: { name: 'Bob', email: 'bob@example.com' }, message: 'docs\n', files: { 'src/pay.ts': `// money\n${PAY_HEAD}` } });
    await approve(repo, 'ann');
    expect((await find(repo)).filter((approval) => approval.accepted)).toEqual([accepted(ANN_ID, 'ann')]);
  });

  test('uncommitted work is not covered', async () => {
    const repo = await paymentsRepo();
    await approve(repo, 'ann');
    expect(await find(repo, { uncommitted: true })).toEqual([
      {
        approver: ANN_ID,
        accepted: false,
        reason: 'the change holds uncommitted work, which no approval covers; commit it and ask for a new approval',
        trust: 'signed',
      },
    ]);
    repo.write({ 'src/pay.ts': `${PAY_HEAD}// wip\n` });
    const review = await reviewSignoff(await open(repo), {
      mergeBase: repo.baseSha,
      headSha: head(repo),
      head: { kind: 'worktree' },
      policy: { ai: { signoff: false }, zones: [], approvals: { trust: 'signed', overrides: [], approvers } },
      aiAssisted: false,
      findings: [],
    });
    expect(review.approvals.map((approval) => approval.accepted)).toEqual([false]);
  });
});

describe('the approval follows the diff, not the commit', { tags: ['slow'] }, () => {
  test('an amended commit that changes the diff voids the approval; one that keeps it does not', async () => {
    const repo = await paymentsRepo();
    await approve(repo, 'ann');
    repo.git(['commit', '-q', '--amend', '-m', 'reworded, same diff']);
    expect(head(repo)).not.toBe(repo.headSha);
    expect(await find(repo)).toEqual([accepted(ANN_ID, 'ann')]);

    repo.write({ 'src/pay.ts': PAY_HEAD.replace('100', '1000') });
    repo.git(['commit', '-q', '-a', '--amend', '--no-edit']);
    const approvals = await find(repo);
    expect(approvals.filter((approval) => approval.accepted)).toEqual([]);
  });

  test('a rebase onto a newer base that keeps the diff keeps the approval', async () => {
    const repo = await paymentsRepo();
    await approve(repo, 'ann');
    repo.git(['checkout', '-q', 'main']);
    repo.write({ 'src/other.ts': 'export const other = 3;\n', 'README.md': 'news\n' });
    const newBase = repo.commit('main moves on');
    repo.git(['checkout', '-q', 'feature']);
    repo.git(['rebase', '-q', 'main']);
    expect(head(repo)).not.toBe(repo.headSha);
    expect(await find(repo, { mergeBase: newBase })).toEqual([accepted(ANN_ID, 'ann')]);
  });
});

describe('trust: trailer', { tags: ['slow'] }, () => {
  const author = { name: 'Carol', email: 'carol@example.com' };

  test('a Blast-Approved-by trailer from a listed approver on the head commit, reported as weaker', async () => {
    const repo = await gitRepo({ base: { 'src/pay.ts': PAY_BASE } });
    const sha = commitAs(repo, { author, message: 'round\n\nblast-approved-by: Bob <BOB@example.com>\n', files: { 'src/pay.ts': PAY_HEAD } });
    expect(await find(repo, { trust: 'trailer' })).toEqual([
      { approver: BOB_ID, accepted: true, reason: `Blast-Approved-by trailer in ${sha.slice(0, 12)} (unsigned: weaker than a signed approval)`, trust: 'trailer' },
    ]);
    expect(await find(repo, { trust: 'signed' })).toEqual([
      {
        approver: BOB_ID,
        accepted: false,
        reason: "approvals.trust is 'signed': a Blast-Approved-by trailer is not an approval; sign one with 'blast approve --key'",
        trust: 'trailer',
      },
    ]);
  });

  test('rejected: an email that is not an approver, a trailer before the head commit, the only author', async () => {
    const repo = await gitRepo({ base: { 'src/pay.ts': PAY_BASE } });
    const first = commitAs(repo, { author, message: 'round\n\nBlast-Approved-by: Eve <eve@example.com>\nBlast-Approved-by: Ann <ann@example.com>\n', files: { 'src/pay.ts': PAY_HEAD } });
    commitAs(repo, { author, message: 'more\n', files: { 'src/pay.ts': `${PAY_HEAD}// more\n` } });
    expect(await find(repo, { trust: 'trailer' })).toEqual([
      { approver: ANN_ID, accepted: false, reason: `the trailer is in ${first.slice(0, 12)}, not in the head commit: the commits after it are not approved`, trust: 'trailer' },
      { approver: 'Eve <eve@example.com>', accepted: false, reason: "'eve@example.com' is not an approver's email in the base policy", trust: 'trailer' },
    ]);

    const own = await gitRepo({ base: { 'src/pay.ts': PAY_BASE } });
    commitAs(own, { author: { name: 'Bob', email: 'bob@example.com' }, message: 'round\n\nBlast-Approved-by: Bob <bob@example.com>\n', files: { 'src/pay.ts': PAY_HEAD } });
    expect(await find(own, { trust: 'trailer' })).toEqual([
      { approver: BOB_ID, accepted: false, reason: `${BOB_ID} is the only author of the change; an approval must come from someone else`, trust: 'trailer' },
    ]);
  });
});

describe('approve refuses', { tags: ['slow'] }, () => {
  test('an empty change: nothing committed to approve', async () => {
    const repo = await gitRepo({ base: { 'src/pay.ts': PAY_BASE } });
    const error = await approve(repo, 'ann').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SignoffError);
    expect(error).toMatchObject({
      message: `nothing to approve: no committed change between ${repo.baseSha.slice(0, 12)} and ${repo.baseSha.slice(0, 12)}`,
      hint: 'commit the work first: uncommitted work cannot be approved',
      exitCode: 2,
    });
    expect(repo.git(['for-each-ref', 'refs/notes'])).toBe('');
  });

  test('a missing key file', async () => {
    const repo = await paymentsRepo();
    const error = await createApproval(await open(repo), {
      keyPath: `${repo.cwd}/no-such-key`,
      baseRef: 'main',
      mergeBase: repo.baseSha,
      headSha: repo.headSha,
      radius: RADIUS,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ message: `key file '${repo.cwd}/no-such-key' not found` });
  });

  test('without an explicit approver: git config identity', async () => {
    const repo = await paymentsRepo();
    const created = await createApproval(await open(repo), {
      keyPath: key('bob').path,
      baseRef: 'main',
      mergeBase: repo.baseSha,
      headSha: repo.headSha,
      radius: RADIUS,
    });
    expect(created.record.approver).toBe('Blast Test <test@blast.invalid>');
  });
});
