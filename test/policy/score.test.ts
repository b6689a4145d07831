import { describe, expect, it } from 'vitest';
import { computeScore, defaultPolicy, evaluatePolicy, riskOf, SCORE_VERSION, type Policy, type PolicyInput } from '../../src/policy/index.js';
import type { Risk, Verdict } from '../../src/types.js';
import { affected, changed, inputOf, manyAffected, policyOf } from './helpers.js';

const zoned = policyOf(
  'zones:',
  '  - { name: payments, paths: [src/payments/**], weight: 5 }',
  '  - { name: refunds, paths: [src/payments/refunds/**], weight: 7 }',
  '  - { name: ledger, paths: [src/payments/refunds/ledger.ts], weight: 2 }',
  '  - { name: generated, paths: [src/gen/**], weight: 0 }',
);

interface ScoreCase {
  name: string;
  policy: Policy;
  input: PolicyInput;
  score: number;
}

const cases: ScoreCase[] = [
  { name: 'nothing affected', policy: defaultPolicy, input: inputOf({ changes: [changed('src/a.ts', 'a')] }), score: 0 },
  { name: 'outside zones each symbol weighs 1', policy: zoned, input: inputOf({ symbols: manyAffected(3) }), score: 3 },
  {
    name: 'inside a zone a symbol weighs the zone weight',
    policy: zoned,
    input: inputOf({ symbols: [affected('src/payments/charge.ts', 'charge'), affected('src/payments/tax.ts', 'tax')] }),
    score: 10,
  },
  {
    name: 'the highest weight of overlapping zones applies (not the innermost, not the sum)',
    policy: zoned,
    input: inputOf({ symbols: [affected('src/payments/refunds/ledger.ts', 'post')] }),
    score: 7,
  },
  {
    name: 'a zone of weight 0 discounts its symbols',
    policy: zoned,
    input: inputOf({ symbols: [affected('src/gen/api.ts', 'api'), affected('src/app.ts', 'app')] }),
    score: 1,
  },
  {
    name: 'each affected package other than the changed ones adds 10',
    policy: defaultPolicy,
    input: inputOf({ packages: ['@acme/core', '@acme/web', '@acme/cli'], changedPackages: ['@acme/core'] }),
    score: 20,
  },
  {
    name: 'each entry point adds 25',
    policy: defaultPolicy,
    input: inputOf({ entryPoints: ['packages/core/src/index.ts#run', 'packages/core/src/index.ts#stop'] }),
    score: 50,
  },
  {
    name: 'all parts add up',
    policy: zoned,
    input: inputOf({
      symbols: [affected('src/payments/charge.ts', 'charge'), affected('src/app.ts', 'app')],
      packages: ['@acme/core', '@acme/web'],
      changedPackages: ['@acme/core'],
      entryPoints: ['src/index.ts#main'],
    }),
    score: 5 + 1 + 10 + 25,
  },
];

describe('computeScore (scoreVersion 1)', () => {
  it('is version 1', () => {
    expect(SCORE_VERSION).toBe(1);
  });

  it.each(cases)('$name', ({ policy, input, score }) => {
    expect(computeScore(policy, input)).toBe(score);
    expect(evaluatePolicy(policy, input).score).toBe(score);
  });
});

describe('riskOf', () => {
  it.each<{ score: number; verdict: Verdict; risk: Risk }>([
    { score: 0, verdict: 'pass', risk: 'low' },
    { score: 24, verdict: 'pass', risk: 'low' },
    { score: 25, verdict: 'pass', risk: 'medium' },
    { score: 99, verdict: 'warn', risk: 'medium' },
    { score: 100, verdict: 'pass', risk: 'high' },
    { score: 399, verdict: 'pass', risk: 'high' },
    { score: 400, verdict: 'pass', risk: 'critical' },
    { score: 3, verdict: 'warn', risk: 'low' },
    { score: 3, verdict: 'fail', risk: 'high' },
    { score: 50, verdict: 'fail', risk: 'high' },
    { score: 150, verdict: 'fail', risk: 'high' },
    { score: 600, verdict: 'fail', risk: 'critical' },
  ])('score $score, verdict $verdict: $risk', ({ score, verdict, risk }) => {
    expect(riskOf(score, verdict)).toBe(risk);
  });

  it('a failing change with a small radius is at least high', () => {
    const policy = policyOf("protected: ['src/a.ts#a']");
    const evaluation = evaluatePolicy(policy, inputOf({ changes: [changed('src/a.ts', 'a')] }));
    expect(evaluation).toMatchObject({ score: 0, verdict: 'fail', risk: 'high' });
  });

  it('the score limit of the default policy makes a large radius fail and critical', () => {
    const entryPoints = Array.from({ length: 16 }, (_, index) => `src/index.ts#e${index}`);
    const evaluation = evaluatePolicy(defaultPolicy, inputOf({ symbols: manyAffected(120), entryPoints }));
    expect(evaluation.score).toBe(120 + 16 * 25);
    expect(evaluation.findings.map((finding) => [finding.rule, finding.severity])).toEqual([
      ['thresholds.score', 'error'],
      ['thresholds.files', 'warn'],
    ]);
    expect(evaluation.risk).toBe('critical');
  });
});
