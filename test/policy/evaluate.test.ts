import { describe, expect, it } from 'vitest';
import {
  applyIgnore,
  defaultPolicy,
  evaluatePolicy,
  exitsNonZero,
  ignoreInput,
  isLiftedByApproval,
  verdictOf,
  type Policy,
  type PolicyInput,
} from '../../src/policy/index.js';
import type { Finding } from '../../src/types.js';
import { affected, changed, inputOf, manyAffected, policyOf } from './helpers.js';

interface RuleCase {
  name: string;
  policy: Policy;
  input: PolicyInput;
  findings: Finding[];
}

function runCases(cases: RuleCase[]): void {
  it.each(cases)('$name', ({ policy, input, findings }) => {
    expect(evaluatePolicy(policy, input).findings).toEqual(findings);
  });
}

const NO_WARN = 'thresholds: { warn: {}, fail: {} }';

describe('thresholds', () => {
  runCases([
    {
      name: 'files above the fail limit (the warn limit of the same key is not reported too)',
      policy: policyOf('thresholds: { fail: { files: 25 } }'),
      input: inputOf({ symbols: manyAffected(52) }),
      findings: [
        { rule: 'thresholds.files', severity: 'error', message: '52 affected files, above the fail limit of 25', figure: 52, limit: 25 },
      ],
    },
    {
      name: 'one file above a warn limit of 0',
      policy: policyOf('thresholds: { warn: { files: 0 }, fail: {} }'),
      input: inputOf({ symbols: manyAffected(1) }),
      findings: [
        { rule: 'thresholds.files', severity: 'warn', message: '1 affected file, above the warn limit of 0', figure: 1, limit: 0 },
      ],
    },
    {
      name: 'a figure equal to its limit does not trip it',
      policy: policyOf('thresholds: { warn: { files: 3 }, fail: { files: 5 } }'),
      input: inputOf({ symbols: manyAffected(3) }),
      findings: [],
    },
    {
      name: 'symbols above a warn limit',
      policy: policyOf('thresholds: { warn: { symbols: 1 }, fail: {} }'),
      input: inputOf({ symbols: [affected('src/a.ts', 'a'), affected('src/a.ts', 'b')] }),
      findings: [
        { rule: 'thresholds.symbols', severity: 'warn', message: '2 affected symbols, above the warn limit of 1', figure: 2, limit: 1 },
      ],
    },
    {
      name: 'packages above the default warn limit of 2',
      policy: defaultPolicy,
      input: inputOf({ packages: ['@acme/a', '@acme/b', '@acme/c'], changedPackages: ['@acme/a'] }),
      findings: [
        { rule: 'thresholds.packages', severity: 'warn', message: '3 affected packages, above the warn limit of 2', figure: 3, limit: 2 },
      ],
    },
    {
      name: 'depth above a fail limit',
      policy: policyOf('thresholds: { warn: {}, fail: { depth: 3 } }'),
      input: inputOf({ symbols: [affected('src/a.ts', 'a', 4)] }),
      findings: [{ rule: 'thresholds.depth', severity: 'error', message: 'a depth of 4, above the fail limit of 3', figure: 4, limit: 3 }],
    },
    {
      name: 'entry points above a warn limit',
      policy: policyOf('thresholds: { warn: { entryPoints: 0 }, fail: {} }'),
      input: inputOf({ entryPoints: ['packages/a/src/index.ts#run'] }),
      findings: [
        {
          rule: 'thresholds.entryPoints',
          severity: 'warn',
          message: '1 affected entry point, above the warn limit of 0',
          figure: 1,
          limit: 0,
        },
      ],
    },
    {
      name: 'score above a fail limit',
      policy: policyOf('thresholds: { warn: {}, fail: { score: 100 } }'),
      input: inputOf({ symbols: manyAffected(101) }),
      findings: [{ rule: 'thresholds.score', severity: 'error', message: 'a score of 101, above the fail limit of 100', figure: 101, limit: 100 }],
    },
    {
      name: 'a warn of one key and a fail of another are both reported, errors first',
      policy: policyOf('thresholds: { warn: { symbols: 2 }, fail: { files: 2 } }'),
      input: inputOf({ symbols: manyAffected(3) }),
      findings: [
        { rule: 'thresholds.files', severity: 'error', message: '3 affected files, above the fail limit of 2', figure: 3, limit: 2 },
        { rule: 'thresholds.symbols', severity: 'warn', message: '3 affected symbols, above the warn limit of 2', figure: 3, limit: 2 },
      ],
    },
    {
      name: 'the default policy is quiet for a small change',
      policy: defaultPolicy,
      input: inputOf({ changes: [changed('src/a.ts', 'a')], symbols: manyAffected(25) }),
      findings: [],
    },
  ]);
});

describe('ai.thresholds replace thresholds per key for AI-assisted changes', () => {
  const policy = policyOf('ai:', '  thresholds: { fail: { files: 10 } }');
  runCases([
    {
      name: 'the AI fail limit applies to an AI-assisted change',
      policy,
      input: inputOf({ symbols: manyAffected(12), aiAssisted: true }),
      findings: [
        {
          rule: 'thresholds.files',
          severity: 'error',
          message: '12 affected files, above the AI-assisted fail limit of 10',
          figure: 12,
          limit: 10,
        },
      ],
    },
    {
      name: 'the AI fail limit does not apply to other changes',
      policy,
      input: inputOf({ symbols: manyAffected(12) }),
      findings: [],
    },
    {
      name: 'keys the AI map does not give keep their thresholds limits',
      policy,
      input: inputOf({ symbols: manyAffected(12), packages: ['a', 'b', 'c'], aiAssisted: true }),
      findings: [
        {
          rule: 'thresholds.files',
          severity: 'error',
          message: '12 affected files, above the AI-assisted fail limit of 10',
          figure: 12,
          limit: 10,
        },
        { rule: 'thresholds.packages', severity: 'warn', message: '3 affected packages, above the warn limit of 2', figure: 3, limit: 2 },
      ],
    },
    {
      name: 'an AI warn limit replaces only the warn limit of its key',
      policy: policyOf('ai:', '  thresholds: { warn: { files: 5 } }'),
      input: inputOf({ symbols: manyAffected(6), aiAssisted: true }),
      findings: [
        { rule: 'thresholds.files', severity: 'warn', message: '6 affected files, above the AI-assisted warn limit of 5', figure: 6, limit: 5 },
      ],
    },
    {
      name: 'the thresholds fail limit still applies above an AI warn limit',
      policy: policyOf('thresholds: { warn: {}, fail: { files: 8 } }', 'ai:', '  thresholds: { warn: { files: 5 } }'),
      input: inputOf({ symbols: manyAffected(9), aiAssisted: true }),
      findings: [
        { rule: 'thresholds.files', severity: 'error', message: '9 affected files, above the fail limit of 8', figure: 9, limit: 8 },
      ],
    },
  ]);
});

describe('zones', () => {
  const policy = policyOf(
    NO_WARN,
    'zones:',
    '  - { name: payments, paths: [src/payments/**], weight: 5, severity: error }',
    '  - { name: docs, paths: [docs/**], severity: info }',
  );
  runCases([
    {
      name: 'a changed symbol inside',
      policy,
      input: inputOf({ changes: [changed('src/payments/refund.ts', 'refund', 30), changed('src/payments/charge.ts', 'charge', 12)] }),
      findings: [
        {
          rule: 'zones.payments',
          severity: 'error',
          message: "zone 'payments' holds 2 changed symbols",
          file: 'src/payments/charge.ts',
          line: 12,
        },
      ],
    },
    {
      name: 'affected symbols inside',
      policy,
      input: inputOf({
        changes: [changed('src/core/money.ts', 'round')],
        symbols: [affected('src/payments/tax.ts', 'tax'), affected('src/payments/charge.ts', 'charge', 2, 'src/payments/tax.ts#tax')],
      }),
      findings: [
        { rule: 'zones.payments', severity: 'error', message: "zone 'payments' holds 2 affected symbols", file: 'src/payments/charge.ts' },
      ],
    },
    {
      name: 'a changed non-code file inside',
      policy,
      input: inputOf({ changedFiles: ['src/payments/rates.json'] }),
      findings: [{ rule: 'zones.payments', severity: 'error', message: "zone 'payments' holds 1 changed file", file: 'src/payments/rates.json' }],
    },
    {
      name: 'changed symbols, changed files and affected symbols together',
      policy,
      input: inputOf({
        changes: [changed('src/payments/charge.ts', 'charge', 7)],
        changedFiles: ['src/payments/charge.ts', 'src/payments/rates.json'],
        symbols: [affected('src/payments/a.ts', 'a'), affected('src/payments/b.ts', 'b')],
      }),
      findings: [
        {
          rule: 'zones.payments',
          severity: 'error',
          message: "zone 'payments' holds 1 changed symbol, 1 changed file and 2 affected symbols",
          file: 'src/payments/charge.ts',
          line: 7,
        },
      ],
    },
    {
      name: 'a symbol moved out of the zone still counts',
      policy,
      input: inputOf({ changes: [{ ...changed('src/billing/charge.ts', 'charge', 3), oldFile: 'src/payments/charge.ts' }] }),
      findings: [
        { rule: 'zones.payments', severity: 'error', message: "zone 'payments' holds 1 changed symbol", file: 'src/billing/charge.ts', line: 3 },
      ],
    },
    {
      name: 'an info zone is a finding that does not change the verdict',
      policy,
      input: inputOf({ changedFiles: ['docs/guide.md'] }),
      findings: [{ rule: 'zones.docs', severity: 'info', message: "zone 'docs' holds 1 changed file", file: 'docs/guide.md' }],
    },
    {
      name: 'nothing inside',
      policy,
      input: inputOf({ changes: [changed('src/core/money.ts', 'round')], symbols: [affected('src/app/cart.ts', 'total')] }),
      findings: [],
    },
  ]);

  it('gives the verdict pass for an info finding', () => {
    expect(evaluatePolicy(policy, inputOf({ changedFiles: ['docs/guide.md'] })).verdict).toBe('pass');
  });
});

describe('protected', () => {
  const policy = policyOf(NO_WARN, "protected: ['src/auth/session.ts#verifySession', 'src/auth/token.ts#sign']");
  runCases([
    {
      name: 'a protected symbol is changed',
      policy,
      input: inputOf({ changes: [changed('src/auth/session.ts', 'verifySession', 14)] }),
      findings: [
        {
          rule: 'protected',
          severity: 'error',
          message: "protected symbol 'src/auth/session.ts#verifySession' is modified",
          file: 'src/auth/session.ts',
          line: 14,
        },
      ],
    },
    {
      name: 'a protected symbol is removed',
      policy,
      input: inputOf({ changes: [changed('src/auth/token.ts', 'sign', 3, 'removed')] }),
      findings: [
        {
          rule: 'protected',
          severity: 'error',
          message: "protected symbol 'src/auth/token.ts#sign' is removed",
          file: 'src/auth/token.ts',
          line: 3,
        },
      ],
    },
    {
      name: 'a protected symbol is affected',
      policy,
      input: inputOf({
        changes: [changed('src/crypto/hmac.ts', 'hmac')],
        symbols: [
          affected('src/auth/token.ts', 'sign', 1, 'src/crypto/hmac.ts#hmac'),
          affected('src/auth/session.ts', 'verifySession', 2, 'src/auth/token.ts#sign'),
        ],
      }),
      findings: [
        {
          rule: 'protected',
          severity: 'error',
          message: "protected symbol 'src/auth/session.ts#verifySession' is affected at depth 2, via 'src/auth/token.ts#sign'",
          file: 'src/auth/session.ts',
        },
        {
          rule: 'protected',
          severity: 'error',
          message: "protected symbol 'src/auth/token.ts#sign' is affected at depth 1, via 'src/crypto/hmac.ts#hmac'",
          file: 'src/auth/token.ts',
        },
      ],
    },
    {
      name: 'another symbol of the same file is not protected',
      policy,
      input: inputOf({ changes: [changed('src/auth/session.ts', 'createSession')] }),
      findings: [],
    },
  ]);
});

describe('triggers', () => {
  const policy = policyOf(
    NO_WARN,
    'triggers:',
    "  - { paths: ['tsconfig*.json', 'package-lock.json'], reason: build configuration }",
    "  - { paths: ['.github/workflows/**'], reason: CI workflow, severity: error }",
  );
  runCases([
    {
      name: 'changed files that match',
      policy,
      input: inputOf({ changedFiles: ['tsconfig.base.json', 'src/a.ts', 'package-lock.json'] }),
      findings: [
        {
          rule: 'triggers',
          severity: 'warn',
          message: 'build configuration: package-lock.json and tsconfig.base.json changed',
          file: 'package-lock.json',
        },
      ],
    },
    {
      name: 'many matching files are summarised',
      policy,
      input: inputOf({
        changedFiles: ['.github/workflows/a.yml', '.github/workflows/b.yml', '.github/workflows/c.yml', '.github/workflows/d.yml', '.github/workflows/e.yml'],
      }),
      findings: [
        {
          rule: 'triggers',
          severity: 'error',
          message: 'CI workflow: .github/workflows/a.yml, .github/workflows/b.yml, .github/workflows/c.yml and 2 more changed',
          file: '.github/workflows/a.yml',
        },
      ],
    },
    {
      name: 'no matching file',
      policy,
      input: inputOf({ changedFiles: ['src/tsconfig-loader.ts', 'README.md'] }),
      findings: [],
    },
  ]);
});

describe('ignore', () => {
  const policy = policyOf(
    "ignore: ['**/*.generated.ts']",
    'thresholds: { warn: { files: 0 }, fail: {} }',
    'zones: [{ name: api, paths: [src/api/**], severity: error }]',
  );

  runCases([
    {
      name: 'ignored files leave the figures and the zones',
      policy,
      input: inputOf({
        changes: [changed('src/api/client.generated.ts', 'request')],
        symbols: [affected('src/api/types.generated.ts', 'Types')],
      }),
      findings: [],
    },
    {
      name: 'other files still count',
      policy,
      input: inputOf({
        changes: [changed('src/core.ts', 'core')],
        symbols: [affected('src/api/types.generated.ts', 'Types'), affected('src/app.ts', 'app')],
      }),
      findings: [{ rule: 'thresholds.files', severity: 'warn', message: '1 affected file, above the warn limit of 0', figure: 1, limit: 0 }],
    },
  ]);

  it('filters the result lists for the pipeline, keeping packages and owners', () => {
    const lists = {
      changes: [changed('src/api/client.generated.ts', 'request'), changed('src/core.ts', 'core')],
      affected: {
        symbols: [affected('src/api/types.generated.ts', 'Types'), affected('src/app.ts', 'app')],
        files: ['src/api/types.generated.ts', 'src/app.ts'],
        tests: ['test/api.generated.ts', 'test/app.test.ts'],
        packages: ['@acme/api'],
        entryPoints: ['src/api/index.generated.ts#default', 'src/index.ts#run'],
        owners: [{ owner: '@acme/api-team', files: 2 }],
      },
    };
    expect(applyIgnore(policy, lists)).toEqual({
      changes: [changed('src/core.ts', 'core')],
      affected: {
        symbols: [affected('src/app.ts', 'app')],
        files: ['src/app.ts'],
        tests: ['test/app.test.ts'],
        packages: ['@acme/api'],
        entryPoints: ['src/index.ts#run'],
        owners: [{ owner: '@acme/api-team', files: 2 }],
      },
    });
    expect(applyIgnore(defaultPolicy, lists)).toBe(lists);
  });

  it('recomputes the depth and drops ignored changed files', () => {
    const input = inputOf({
      symbols: [affected('src/a.ts', 'a', 1), affected('src/deep.generated.ts', 'deep', 5)],
      changedFiles: ['src/x.generated.ts', 'src/y.ts'],
    });
    const kept = ignoreInput(policy, input);
    expect(kept.maxDepth).toBe(1);
    expect(kept.changedFiles).toEqual(['src/y.ts']);
  });
});

describe('the evaluation as a whole', () => {
  it('sorts findings by severity, then rule, and derives verdict, score and risk', () => {
    const policy = policyOf(
      'thresholds: { warn: { files: 1 }, fail: {} }',
      'zones: [{ name: payments, paths: [src/payments/**], weight: 5, severity: error }]',
      "protected: ['src/auth/session.ts#verifySession']",
      "triggers: [{ paths: ['tsconfig.json'], reason: build configuration, severity: info }]",
    );
    const evaluation = evaluatePolicy(
      policy,
      inputOf({
        changes: [changed('src/auth/session.ts', 'verifySession', 9)],
        symbols: [affected('src/payments/charge.ts', 'charge', 1, 'src/auth/session.ts#verifySession'), affected('src/app.ts', 'app')],
        changedFiles: ['src/auth/session.ts', 'tsconfig.json'],
      }),
    );
    expect(evaluation).toEqual({
      findings: [
        {
          rule: 'protected',
          severity: 'error',
          message: "protected symbol 'src/auth/session.ts#verifySession' is modified",
          file: 'src/auth/session.ts',
          line: 9,
        },
        { rule: 'zones.payments', severity: 'error', message: "zone 'payments' holds 1 affected symbol", file: 'src/payments/charge.ts' },
        { rule: 'thresholds.files', severity: 'warn', message: '2 affected files, above the warn limit of 1', figure: 2, limit: 1 },
        { rule: 'triggers', severity: 'info', message: 'build configuration: tsconfig.json changed', file: 'tsconfig.json' },
      ],
      score: 6,
      risk: 'high',
      verdict: 'fail',
    });
  });
});

describe('verdict and exit', () => {
  it.each([
    { severities: [], verdict: 'pass' },
    { severities: ['info'], verdict: 'pass' },
    { severities: ['info', 'warn'], verdict: 'warn' },
    { severities: ['warn', 'error', 'info'], verdict: 'fail' },
  ] as const)('$severities gives $verdict', ({ severities, verdict }) => {
    expect(verdictOf(severities.map((severity) => ({ severity })))).toBe(verdict);
  });

  it('exits non-zero only for a failing verdict in enforce mode', () => {
    const observe = policyOf('mode: observe');
    expect(exitsNonZero(defaultPolicy, 'fail')).toBe(true);
    expect(exitsNonZero(defaultPolicy, 'warn')).toBe(false);
    expect(exitsNonZero(defaultPolicy, 'pass')).toBe(false);
    expect(exitsNonZero(observe, 'fail')).toBe(false);
  });

  it('observe mode keeps the verdict', () => {
    const observe = policyOf('mode: observe', "protected: ['src/a.ts#a']");
    expect(evaluatePolicy(observe, inputOf({ changes: [changed('src/a.ts', 'a')] })).verdict).toBe('fail');
  });
});

describe('isLiftedByApproval', () => {
  const policy = policyOf(
    'zones:',
    '  - { name: payments, paths: [src/payments/**], severity: error, signoff: true }',
    '  - { name: auth, paths: [src/auth/**], severity: error }',
    'approvals: { overrides: [thresholds.files, triggers] }',
  );
  it.each([
    { rule: 'zones.payments', lifted: true },
    { rule: 'zones.auth', lifted: false },
    { rule: 'thresholds.files', lifted: true },
    { rule: 'thresholds.score', lifted: false },
    { rule: 'triggers', lifted: true },
    { rule: 'protected', lifted: false },
  ])('$rule: $lifted', ({ rule, lifted }) => {
    expect(isLiftedByApproval(policy, { rule })).toBe(lifted);
  });

  it('a broad override covers every key, but never protected', () => {
    const broad = policyOf('approvals: { overrides: [thresholds, zones] }');
    expect(isLiftedByApproval(broad, { rule: 'thresholds.depth' })).toBe(true);
    expect(isLiftedByApproval(broad, { rule: 'zones.anything' })).toBe(true);
    expect(isLiftedByApproval(broad, { rule: 'protected' })).toBe(false);
  });
});
