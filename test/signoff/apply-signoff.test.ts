import { describe, expect, test } from 'vitest';
import { defaultPolicy, isLiftedByApproval as policyIsLifted, type Policy } from '../../src/policy/index.js';
import { applySignoff, isLiftedByApproval, type Approval, type SignoffPolicy } from '../../src/signoff/index.js';
import type { Finding } from '../../src/types.js';

const ANN = { name: 'Ann', email: 'ann@example.com', key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAnn ann' };
const BOB = { name: 'Bob', email: 'bob@example.com', key: null };

function policy(overrides: Partial<{ aiSignoff: boolean; trust: 'signed' | 'trailer'; overrides: string[]; approvers: SignoffPolicy['approvals']['approvers'] }> = {}): SignoffPolicy {
  return {
    ai: { signoff: overrides.aiSignoff ?? true },
    zones: [
      { name: 'payments', signoff: true },
      { name: 'docs', signoff: false },
    ],
    approvals: { trust: overrides.trust ?? 'signed', overrides: overrides.overrides ?? [], approvers: overrides.approvers ?? [ANN, BOB] },
  };
}

const WARN_FILES: Finding = { rule: 'thresholds.files', severity: 'warn', message: '30 affected files, above the warn limit of 25', figure: 30, limit: 25 };
const PAYMENTS: Finding = { rule: 'zones.payments', severity: 'error', message: "zone 'payments' holds 1 changed symbol", file: 'src/payments/pay.ts', line: 3 };
const DOCS: Finding = { rule: 'zones.docs', severity: 'warn', message: "zone 'docs' holds 1 changed file", file: 'docs/a.md' };
const PROTECTED: Finding = { rule: 'protected', severity: 'error', message: "protected symbol 'src/auth/session.ts#verifySession' is affected" };
const INFO: Finding = { rule: 'triggers', severity: 'info', message: 'a note' };

const accepted = (approver: string, trust: Approval['trust'] = 'signed'): Approval => ({ approver, accepted: true, reason: 'ok', trust });
const rejected = (approver: string): Approval => ({ approver, accepted: false, reason: 'no', trust: 'signed' });

describe('applySignoff', () => {
  test('an AI-assisted change with a warn finding needs sign-off: the plain message, as an error', () => {
    const findings = applySignoff([WARN_FILES], { policy: policy(), aiAssisted: true, approvals: [] });
    expect(findings).toEqual([
      {
        rule: 'ai.signoff',
        severity: 'error',
        message: 'AI-assisted change with a high blast radius: sign-off required from one of: Ann <ann@example.com>',
      },
      WARN_FILES,
    ]);
  });

  test('under trust: trailer, approvers with an email can sign off too', () => {
    const [first] = applySignoff([WARN_FILES], { policy: policy({ trust: 'trailer' }), aiAssisted: true, approvals: [] });
    expect(first?.message).toBe('AI-assisted change with a high blast radius: sign-off required from one of: Ann <ann@example.com>, Bob <bob@example.com>');
  });

  test('no approver who can sign off: said plainly', () => {
    const [first] = applySignoff([WARN_FILES], { policy: policy({ approvers: [] }), aiAssisted: true, approvals: [] });
    expect(first?.message).toBe(
      'AI-assisted change with a high blast radius: sign-off required, but the base policy lists no approver who can give it (approvals.approvers)',
    );
  });

  test('no sign-off needed: not AI-assisted, ai.signoff off, or only info findings', () => {
    expect(applySignoff([WARN_FILES], { policy: policy(), aiAssisted: false, approvals: [] })).toEqual([WARN_FILES]);
    expect(applySignoff([WARN_FILES], { policy: policy({ aiSignoff: false }), aiAssisted: true, approvals: [] })).toEqual([WARN_FILES]);
    expect(applySignoff([INFO], { policy: policy(), aiAssisted: true, approvals: [] })).toEqual([INFO]);
    expect(applySignoff([], { policy: policy(), aiAssisted: true, approvals: [] })).toEqual([]);
  });

  test('an accepted approval lifts ai.signoff and zones with signoff; never protected; rejected approvals lift nothing', () => {
    const input = [WARN_FILES, PAYMENTS, DOCS, PROTECTED];
    const none = applySignoff(input, { policy: policy(), aiAssisted: true, approvals: [rejected('Mallory')] });
    expect(none.filter((finding) => finding.overriddenBy !== undefined)).toEqual([]);
    expect(none.find((finding) => finding.rule === 'zones.payments.signoff')).toEqual({
      rule: 'zones.payments.signoff',
      severity: 'info',
      message: "zone 'payments' needs sign-off to lift its error: sign-off required from one of: Ann <ann@example.com>",
      file: 'src/payments/pay.ts',
      line: 3,
    });

    const lifted = applySignoff(input, { policy: policy(), aiAssisted: true, approvals: [accepted('Ann <ann@example.com>'), rejected('Mallory')] });
    const by = Object.fromEntries(lifted.map((finding) => [finding.rule, finding.overriddenBy]));
    expect(by).toEqual({
      'ai.signoff': 'Ann <ann@example.com>',
      'zones.payments': 'Ann <ann@example.com>',
      protected: undefined,
      'thresholds.files': undefined,
      'zones.docs': undefined,
    });
    expect(lifted.map((finding) => finding.rule)).toEqual(['ai.signoff', 'protected', 'zones.payments', 'thresholds.files', 'zones.docs']);
  });

  test('approvals.overrides: thresholds covers thresholds.files; a trailer approval is marked as such', () => {
    const lifted = applySignoff([WARN_FILES, DOCS], {
      policy: policy({ overrides: ['thresholds', 'zones.docs'], trust: 'trailer' }),
      aiAssisted: false,
      approvals: [accepted('Bob <bob@example.com>', 'trailer'), accepted('Ann <ann@example.com>')],
    });
    expect(lifted.map((finding) => finding.overriddenBy)).toEqual(['Bob <bob@example.com> (trailer), Ann <ann@example.com>', 'Bob <bob@example.com> (trailer), Ann <ann@example.com>']);
  });

  test('the same rule as the policy stage, plus ai.signoff', () => {
    const full: Policy = {
      ...defaultPolicy,
      zones: [
        { name: 'payments', paths: ['src/payments/**'], weight: 1, severity: 'error', signoff: true },
        { name: 'docs', paths: ['docs/**'], weight: 1, severity: 'warn', signoff: false },
      ],
      approvals: { trust: 'signed', overrides: ['thresholds.files', 'triggers'], approvers: [] },
    };
    for (const rule of ['protected', 'zones.payments', 'zones.docs', 'thresholds.files', 'thresholds.score', 'triggers', 'thresholdsx']) {
      expect({ rule, lifted: isLiftedByApproval(full, rule) }).toEqual({ rule, lifted: policyIsLifted(full, { rule }) });
    }
    expect(isLiftedByApproval(full, 'ai.signoff')).toBe(true);
    const signoffPolicy: SignoffPolicy = { ai: full.ai, zones: full.zones, approvals: full.approvals };
    expect(signoffPolicy.zones).toHaveLength(2);
  });
});
