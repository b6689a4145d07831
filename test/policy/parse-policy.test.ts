import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { defaultPolicy, formatConfigIssues, parsePolicy, type Policy } from '../../src/policy/index.js';

const FILE = '.blast.yml';

/** The lines of a YAML file. */
function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

function errorsOf(text: string): { lines: string[]; message: string } {
  try {
    parsePolicy(text, FILE);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { lines: formatConfigIssues(error), message: error.message };
  }
  throw new Error('expected a ConfigError');
}

interface InvalidCase {
  name: string;
  yaml: string;
  errors: string[];
}

const invalid: InvalidCase[] = [
  // --- the file as a whole
  { name: 'empty file', yaml: '', errors: ['.blast.yml:1:1: error: the policy is empty; add `version: 1` or run `blast init`'] },
  {
    name: 'comments only',
    yaml: yaml('# nothing yet'),
    errors: ['.blast.yml:1:1: error: the policy is empty; add `version: 1` or run `blast init`'],
  },
  {
    name: 'a list instead of a mapping',
    yaml: yaml('# policy', '- version: 1'),
    errors: ['.blast.yml:2:1: error: the policy must be a mapping of policy keys, got a list'],
  },
  // --- YAML syntax
  {
    name: 'unclosed flow sequence',
    yaml: yaml('version: 1', 'ignore: [a, b', 'tests: []'),
    errors: [
      '.blast.yml:3:1: error: invalid YAML: flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
  },
  {
    name: 'unclosed quote',
    yaml: yaml('version: 1', 'mode: "enforce'),
    errors: ['.blast.yml:3:1: error: invalid YAML: missing closing "quote'],
  },
  {
    name: 'duplicate key',
    yaml: yaml('version: 1', 'mode: enforce', 'mode: observe'),
    errors: [".blast.yml:3:1: error: duplicate key 'mode'; a key may appear only once in a mapping"],
  },
  {
    name: 'two documents',
    yaml: yaml('version: 1', '---', 'version: 1'),
    errors: [".blast.yml:2:1: error: a policy file holds one YAML document; remove the second '---'"],
  },
  {
    name: 'alias without an anchor',
    yaml: yaml('version: 1', 'base: *main'),
    errors: ['.blast.yml:2:7: error: invalid YAML: unresolved alias (the anchor must be set before the alias): main'],
  },
  // --- version
  { name: 'missing version', yaml: yaml('mode: observe'), errors: [".blast.yml:1:1: error: missing key 'version'; add `version: 1`"] },
  {
    name: 'missing version after comments',
    yaml: yaml('# blast policy', 'mode: observe'),
    errors: [".blast.yml:1:1: error: missing key 'version'; add `version: 1`"],
  },
  { name: 'wrong version', yaml: yaml('version: 2'), errors: ['.blast.yml:1:10: error: version must be 1, got 2'] },
  { name: 'version as a string', yaml: yaml("version: '1'"), errors: [".blast.yml:1:10: error: version must be 1, got '1'"] },
  { name: 'empty version', yaml: yaml('version:'), errors: ['.blast.yml:1:9: error: version must be 1, got an empty value'] },
  // --- unknown keys, at every level
  {
    name: 'unknown top-level key with a suggestion',
    yaml: yaml('version: 1', 'threshold:', '  warn: { files: 3 }'),
    errors: [".blast.yml:2:1: error: unknown key 'threshold'; did you mean 'thresholds'?"],
  },
  {
    name: 'unknown top-level key written in another case style',
    yaml: yaml('version: 1', 'on-missing-base: all', 'maxdepth: 3'),
    errors: [
      ".blast.yml:2:1: error: unknown key 'on-missing-base'; did you mean 'onMissingBase'?",
      ".blast.yml:3:1: error: unknown key 'maxdepth'; did you mean 'maxDepth'?",
    ],
  },
  {
    name: 'unknown top-level key without a suggestion',
    yaml: yaml('version: 1', 'owners: []'),
    errors: [
      ".blast.yml:2:1: error: unknown key 'owners'; expected one of 'version', 'mode', 'base', 'onMissingBase', 'tests', 'ignore', 'thresholds', 'zones', 'protected', 'stopAt', 'maxDepth', 'triggers', 'ai', 'approvals'",
    ],
  },
  {
    name: 'unknown level in thresholds',
    yaml: yaml('version: 1', 'thresholds:', '  fial: { files: 3 }'),
    errors: [".blast.yml:3:3: error: unknown key 'fial' in thresholds; did you mean 'fail'?"],
  },
  {
    name: 'unknown figure in a limits map',
    yaml: yaml('version: 1', 'thresholds:', '  warn:', '    file: 3', '    entrypoints: 1', '    commits: 9'),
    errors: [
      ".blast.yml:4:5: error: unknown key 'file' in thresholds.warn; did you mean 'files'?",
      ".blast.yml:5:5: error: unknown key 'entrypoints' in thresholds.warn; did you mean 'entryPoints'?",
      ".blast.yml:6:5: error: unknown key 'commits' in thresholds.warn; expected one of 'files', 'symbols', 'packages', 'depth', 'entryPoints', 'score'",
    ],
  },
  {
    name: 'unknown key in a zone',
    yaml: yaml('version: 1', 'zones:', '  - name: payments', '    paths: [src/payments/**]', '    weigth: 5'),
    errors: [".blast.yml:5:5: error: unknown key 'weigth' in zones[0]; did you mean 'weight'?"],
  },
  {
    name: 'unknown key in a trigger',
    yaml: yaml('version: 1', 'triggers:', '  - paths: [tsconfig.json]', '    reasons: build'),
    errors: [
      ".blast.yml:3:5: error: missing key 'reason' in triggers[0]",
      ".blast.yml:4:5: error: unknown key 'reasons' in triggers[0]; did you mean 'reason'?",
    ],
  },
  {
    name: 'unknown keys in ai',
    yaml: yaml('version: 1', 'ai:', '  signof: true', '  detect:', '    trailer: []', '  thresholds:', '    fail: { file: 3 }'),
    errors: [
      ".blast.yml:3:3: error: unknown key 'signof' in ai; did you mean 'signoff'?",
      ".blast.yml:5:5: error: unknown key 'trailer' in ai.detect; did you mean 'trailers'?",
      ".blast.yml:7:13: error: unknown key 'file' in ai.thresholds.fail; did you mean 'files'?",
    ],
  },
  {
    name: 'unknown keys in approvals',
    yaml: yaml('version: 1', 'approvals:', '  approver:', '    - { name: Ann, mail: ann@example.com }'),
    errors: [".blast.yml:3:3: error: unknown key 'approver' in approvals; did you mean 'approvers'?"],
  },
  {
    name: 'unknown key in an approver',
    yaml: yaml('version: 1', 'approvals:', '  trust: trailer', '  approvers:', '    - { name: Ann, mail: ann@example.com }'),
    errors: [
      ".blast.yml:5:7: error: approvals.approvers[0] ('Ann') has no email; `trust: trailer` matches the email of a `Blast-Approved-by:` trailer",
      ".blast.yml:5:20: error: unknown key 'mail' in approvals.approvers[0]; did you mean 'email'?",
    ],
  },
  // --- wrong types and values
  {
    name: 'a word where a limit goes',
    yaml: yaml('version: 1', 'thresholds:', '  fail:', '    files: lots'),
    errors: [".blast.yml:4:12: error: thresholds.fail.files must be a non-negative integer, got 'lots'"],
  },
  {
    name: 'negative and fractional limits',
    yaml: yaml('version: 1', 'thresholds:', '  warn: { score: -5, depth: 2.5 }'),
    errors: [
      '.blast.yml:3:18: error: thresholds.warn.score must be a non-negative integer, got -5',
      '.blast.yml:3:29: error: thresholds.warn.depth must be a non-negative integer, got 2.5',
    ],
  },
  {
    name: 'a limits map that is a number',
    yaml: yaml('version: 1', 'thresholds:', '  warn: 25'),
    errors: [
      '.blast.yml:3:9: error: thresholds.warn must be a mapping of limits (files, symbols, packages, depth, entryPoints, score), got 25',
    ],
  },
  {
    name: 'maxDepth below 1',
    yaml: yaml('version: 1', 'maxDepth: 0'),
    errors: ['.blast.yml:2:11: error: maxDepth must be a positive integer, got 0'],
  },
  {
    name: 'unknown mode',
    yaml: yaml('version: 1', 'mode: strict'),
    errors: [".blast.yml:2:7: error: mode must be one of 'enforce', 'observe', got 'strict'"],
  },
  {
    name: 'unknown onMissingBase and trust',
    yaml: yaml('version: 1', 'onMissingBase: skip', 'approvals: { trust: none }'),
    errors: [
      ".blast.yml:2:16: error: onMissingBase must be one of 'fail', 'all', got 'skip'",
      ".blast.yml:3:21: error: approvals.trust must be one of 'signed', 'trailer', got 'none'",
    ],
  },
  {
    name: 'empty base',
    yaml: yaml('version: 1', "base: ''"),
    errors: [".blast.yml:2:7: error: base must be a non-empty git ref, got ''"],
  },
  {
    name: 'a string where a list goes',
    yaml: yaml('version: 1', "ignore: '**/*.generated.ts'", 'tests: [1]'),
    errors: [
      ".blast.yml:2:9: error: ignore must be a list of globs, got '**/*.generated.ts'",
      '.blast.yml:3:9: error: tests[0] must be a glob, got 1',
    ],
  },
  {
    name: 'zones as a mapping',
    yaml: yaml('version: 1', 'zones:', '  payments: [src/payments/**]'),
    errors: ['.blast.yml:3:3: error: zones must be a list of zones, got a mapping'],
  },
  {
    name: 'zone with a missing paths, a bad name, a bad severity and a yes-no signoff',
    yaml: yaml('version: 1', 'zones:', "  - name: 'my zone'", '    severity: fatal', '    signoff: yes'),
    errors: [
      ".blast.yml:3:5: error: missing key 'paths' in zones[0]",
      ".blast.yml:3:11: error: zones[0].name must be a zone name of letters, digits, '.', '_' and '-', got 'my zone'",
      ".blast.yml:4:15: error: zones[0].severity must be one of 'info', 'warn', 'error', got 'fatal'",
      ".blast.yml:5:14: error: zones[0].signoff must be true or false, got 'yes'",
    ],
  },
  {
    name: 'zone with no paths',
    yaml: yaml('version: 1', 'zones:', '  - { name: payments, paths: [], weight: -1 }'),
    errors: [
      '.blast.yml:3:30: error: zones[0].paths must be a non-empty list of globs, got an empty list',
      '.blast.yml:3:42: error: zones[0].weight must be a non-negative integer, got -1',
    ],
  },
  {
    name: 'approver with a bad email and key',
    yaml: yaml('version: 1', 'approvals:', '  approvers:', '    - { name: Ann, email: ann, key: AAAA }'),
    errors: [
      ".blast.yml:4:27: error: approvals.approvers[0].email must be an email address, got 'ann'",
      ".blast.yml:4:37: error: approvals.approvers[0].key must be an ssh public key like 'ssh-ed25519 AAAA…', got 'AAAA'",
    ],
  },
  {
    name: 'overrides that are not rules, or protected',
    yaml: yaml('version: 1', 'approvals:', '  overrides: [everything, protected]'),
    errors: [
      ".blast.yml:3:15: error: approvals.overrides[0] must be 'thresholds', 'thresholds.<key>', 'zones', 'zones.<name>' or 'triggers', got 'everything'",
      ".blast.yml:3:27: error: approvals.overrides[1] must not be 'protected': no approval lifts a protected finding",
    ],
  },
  // --- semantic rules
  {
    name: 'duplicate zone names',
    yaml: yaml('version: 1', 'zones:', '  - { name: payments, paths: [src/pay/**] }', '  - { name: payments, paths: [src/billing/**] }'),
    errors: [
      ".blast.yml:4:13: error: duplicate zone name 'payments' (also zones[0].name); zone names must be unique",
    ],
  },
  {
    name: 'invalid globs',
    yaml: yaml(
      'version: 1',
      "ignore: ['src/{a,b', '/dist/**', '!src/keep.ts', 'src/[ab', '']",
      'triggers:',
      "  - { paths: ['tsconfig*.json', 'x/{'], reason: build }",
      'ai:',
      '  detect:',
      '    authors: ["*\\\\[bot\\\\]@users.noreply.github.com"]',
      "    branches: ['copilot/{']",
    ),
    errors: [
      ".blast.yml:2:10: error: ignore[0] must be a valid glob, got 'src/{a,b': '{' is never closed",
      ".blast.yml:2:22: error: ignore[1] must be a valid glob, got '/dist/**': globs are relative to the repository root; drop the leading '/'",
      ".blast.yml:2:34: error: ignore[2] must be a valid glob, got '!src/keep.ts': negation is not supported; a leading '!' would match every other path",
      ".blast.yml:2:50: error: ignore[3] must be a valid glob, got 'src/[ab': '[' is never closed",
      ".blast.yml:2:61: error: ignore[4] must be a valid glob, got '': it is empty",
      ".blast.yml:4:33: error: triggers[0].paths[1] must be a valid glob, got 'x/{': '{' is never closed",
      ".blast.yml:8:16: error: ai.detect.branches[0] must be a valid glob, got 'copilot/{': '{' is never closed",
    ],
  },
  {
    name: 'warn limit above its fail limit',
    yaml: yaml(
      'version: 1',
      'thresholds:',
      '  warn: { files: 200, score: 500 }',
      '  fail: { files: 150, score: 500 }',
      'ai:',
      '  thresholds: { warn: { depth: 9 }, fail: { depth: 4 } }',
    ),
    errors: [
      '.blast.yml:3:18: error: thresholds.warn.files (200) is above thresholds.fail.files (150); a warn limit must not be above its fail limit',
      '.blast.yml:6:32: error: ai.thresholds.warn.depth (9) is above ai.thresholds.fail.depth (4); a warn limit must not be above its fail limit',
    ],
  },
  {
    name: 'invalid trailer regex',
    yaml: yaml('version: 1', 'ai:', '  detect:', "    trailers: ['^co-authored-by: (copilot', '[a-']"),
    errors: [
      ".blast.yml:4:16: error: ai.detect.trailers[0] must be a valid regular expression, got '^co-authored-by: (copilot': unterminated group",
      ".blast.yml:4:45: error: ai.detect.trailers[1] must be a valid regular expression, got '[a-': unterminated character class",
    ],
  },
  {
    name: 'protected entries that are not symbol ids',
    yaml: yaml('version: 1', "protected: ['src/auth/session.ts', 'src/auth/*.ts#verify', '#verify', 'src/a.ts#ok']"),
    errors: [
      ".blast.yml:2:13: error: protected[0] must be a symbol id 'path#name', got 'src/auth/session.ts'",
      ".blast.yml:2:36: error: protected[1] must be a symbol id 'path#name', got 'src/auth/*.ts#verify'",
      ".blast.yml:2:60: error: protected[2] must be a symbol id 'path#name', got '#verify'",
    ],
  },
  {
    name: 'stopAt entries: a broken id and a broken glob',
    yaml: yaml('version: 1', "stopAt: ['src/routes/index.ts#', 'src/{routes', 'src/hub.ts#hub', 'src/routes/**']"),
    errors: [
      ".blast.yml:2:10: error: stopAt[0] must be a glob or a symbol id 'path#name', got 'src/routes/index.ts#'",
      ".blast.yml:2:34: error: stopAt[1] must be a valid glob, got 'src/{routes': '{' is never closed",
    ],
  },
  {
    name: 'override of a zone that does not exist',
    yaml: yaml('version: 1', 'zones: [{ name: payments, paths: [src/payments/**] }]', 'approvals: { overrides: [zones.billing] }'),
    errors: [
      ".blast.yml:3:26: error: approvals.overrides[0] names zone 'billing', which is not defined; defined zones: 'payments'",
    ],
  },
  {
    name: 'approver without a key under signed trust',
    yaml: yaml('version: 1', 'approvals:', '  approvers:', '    - { name: Ann, email: ann@example.com }'),
    errors: [
      ".blast.yml:4:7: error: approvals.approvers[0] ('Ann') has no key; `trust: signed` verifies approvals with the ssh key of a listed approver",
    ],
  },
  // --- many problems at once, reported together and sorted by position
  {
    name: 'several errors at once, sorted by position',
    yaml: yaml(
      'mode: strict',
      'threshold: 1',
      'zones:',
      '  - { name: core, paths: [src/core/**] }',
      '  - { name: core, paths: [lib/**], weight: heavy }',
      'thresholds:',
      '  fail:',
      '    files: lots',
    ),
    errors: [
      ".blast.yml:1:1: error: missing key 'version'; add `version: 1`",
      ".blast.yml:1:7: error: mode must be one of 'enforce', 'observe', got 'strict'",
      ".blast.yml:2:1: error: unknown key 'threshold'; did you mean 'thresholds'?",
      ".blast.yml:5:13: error: duplicate zone name 'core' (also zones[0].name); zone names must be unique",
      ".blast.yml:5:44: error: zones[1].weight must be a non-negative integer, got 'heavy'",
      ".blast.yml:8:12: error: thresholds.fail.files must be a non-negative integer, got 'lots'",
    ],
  },
];

describe('parsePolicy: invalid policies', () => {
  it.each(invalid)('$name', ({ yaml: text, errors }) => {
    const { lines, message } = errorsOf(text);
    expect(lines).toEqual(errors);
    expect(message).toBe(`.blast.yml has ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}`);
  });

  it('gives each issue its file, position and key path', () => {
    try {
      parsePolicy(yaml('version: 1', 'thresholds:', '  fail:', '    files: lots'), 'config/.blast.yml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      if (!(error instanceof ConfigError)) return;
      expect(error.exitCode).toBe(2);
      expect(error.issues).toEqual([
        {
          file: 'config/.blast.yml',
          line: 4,
          col: 12,
          path: 'thresholds.fail.files',
          message: "thresholds.fail.files must be a non-negative integer, got 'lots'",
        },
      ]);
    }
  });
});

interface ValidCase {
  name: string;
  yaml: string;
  /** The parts of the normalised policy that differ from `defaultPolicy`. */
  differs: Partial<Policy>;
}

const NO_LIMITS = { files: null, symbols: null, packages: null, depth: null, entryPoints: null, score: null };

const valid: ValidCase[] = [
  { name: 'only a version', yaml: yaml('version: 1'), differs: {} },
  { name: 'comments and a version', yaml: yaml('# blast', 'version: 1 # always'), differs: {} },
  {
    name: 'a warn map replaces the default warn map and keeps the default fail map',
    yaml: yaml('version: 1', 'thresholds:', '  warn: { symbols: 40 }'),
    differs: {
      thresholds: { warn: { ...NO_LIMITS, symbols: 40 }, fail: { ...NO_LIMITS, files: 150, score: 500 } },
    },
  },
  {
    name: 'an empty fail map removes every fail limit',
    yaml: yaml('version: 1', 'thresholds:', '  fail: {}'),
    differs: {
      thresholds: { warn: { ...NO_LIMITS, files: 25, packages: 2 }, fail: NO_LIMITS },
    },
  },
  {
    name: 'zones and triggers take their defaults',
    yaml: yaml(
      'version: 1',
      'zones:',
      '  - name: payments',
      '    paths: [src/payments/**]',
      'triggers:',
      "  - { paths: ['tsconfig*.json'], reason: build configuration }",
    ),
    differs: {
      zones: [{ name: 'payments', paths: ['src/payments/**'], weight: 1, severity: 'warn', signoff: false }],
      triggers: [{ paths: ['tsconfig*.json'], reason: 'build configuration', severity: 'warn' }],
    },
  },
  {
    name: 'approvers without email or key get null (trailer trust needs only the email)',
    yaml: yaml('version: 1', 'approvals:', '  trust: trailer', '  approvers: [{ name: Ann, email: ann@example.com }]'),
    differs: {
      approvals: { trust: 'trailer', overrides: [], approvers: [{ name: 'Ann', email: 'ann@example.com', key: null }] },
    },
  },
  {
    name: 'stopAt mixes globs and symbol ids; protected ids may name members',
    yaml: yaml('version: 1', 'stopAt: [src/routes/index.ts, src/hub.ts#hub]', "protected: ['src/a.ts#Session.#secret']"),
    differs: { stopAt: ['src/routes/index.ts', 'src/hub.ts#hub'], protected: ['src/a.ts#Session.#secret'] },
  },
  {
    name: 'a tests list replaces the built-in one',
    yaml: yaml('version: 1', 'tests: ["**/*.test.ts"]', 'mode: observe', 'maxDepth: 3', 'base: origin/develop'),
    differs: { tests: ['**/*.test.ts'], mode: 'observe', maxDepth: 3, base: 'origin/develop' },
  },
];

describe('parsePolicy: valid policies', () => {
  it.each(valid)('$name', ({ yaml: text, differs }) => {
    expect(parsePolicy(text, FILE)).toEqual({ ...defaultPolicy, ...differs });
  });

  it('normalises the example policy of DESIGN §6', () => {
    const text = String.raw`version: 1
mode: enforce                      # enforce | observe (report the verdict, exit 0)
base: origin/main                  # see §3 for its place in the order
onMissingBase: fail                # fail | all
tests: ["**/*.test.*", "**/*.spec.*", "**/__tests__/**", "test/**", "tests/**"]   # the default
ignore: ["**/*.generated.ts"]      # dropped from changes and counts; edges through them kept
thresholds:                        # keys: files, symbols, packages, depth, entryPoints, score
  warn: { files: 25, packages: 2 } # a figure above a limit trips it
  fail: { files: 150, score: 500 }
zones:
  - name: payments
    paths: ["src/payments/**"]     # globs
    weight: 5                      # score weight of affected symbols inside
    severity: error                # a change or an affected symbol inside is a finding: info | warn | error
    signoff: true                  # an approval lifts this zone's error
protected: ["src/auth/session.ts#verifySession"]   # any reach is an error; no approval lifts it
stopAt: ["src/routes/index.ts"]    # globs or symbol ids: hubs are affected, not walked past
maxDepth: 8
triggers:
  - paths: ["tsconfig*.json", "package-lock.json"]
    reason: build configuration
    severity: warn
ai:
  detect:                          # added to the built-in patterns
    trailers: ["^co-authored-by:.*\\b(copilot|claude|cursor|codex|devin|aider|gemini)\\b"]  # regexes, any case
    authors: ["*\\[bot\\]@users.noreply.github.com"]    # globs
    branches: ["copilot/*", "codex/*", "claude/*"]      # globs
  thresholds: { fail: { files: 10 } }   # per key, replaces ` + '`thresholds`' + String.raw` for AI-assisted changes
  signoff: true                    # AI-assisted with any warn or error finding needs an approval
approvals:
  trust: signed                    # signed | trailer
  overrides: [thresholds]          # what an approval lifts besides zones with signoff and ai.signoff
  approvers:
    - { name: Ann, email: ann@example.com, key: "ssh-ed25519 AAAA..." }
`;
    const policy = parsePolicy(text, FILE);
    expect(policy).toEqual({
      version: 1,
      mode: 'enforce',
      base: 'origin/main',
      onMissingBase: 'fail',
      tests: ['**/*.test.*', '**/*.spec.*', '**/__tests__/**', 'test/**', 'tests/**'],
      ignore: ['**/*.generated.ts'],
      thresholds: {
        warn: { ...NO_LIMITS, files: 25, packages: 2 },
        fail: { ...NO_LIMITS, files: 150, score: 500 },
      },
      zones: [{ name: 'payments', paths: ['src/payments/**'], weight: 5, severity: 'error', signoff: true }],
      protected: ['src/auth/session.ts#verifySession'],
      stopAt: ['src/routes/index.ts'],
      maxDepth: 8,
      triggers: [{ paths: ['tsconfig*.json', 'package-lock.json'], reason: 'build configuration', severity: 'warn' }],
      ai: {
        detect: {
          trailers: ['^co-authored-by:.*\\b(copilot|claude|cursor|codex|devin|aider|gemini)\\b'],
          authors: ['*\\[bot\\]@users.noreply.github.com'],
          branches: ['copilot/*', 'codex/*', 'claude/*'],
        },
        thresholds: { warn: NO_LIMITS, fail: { ...NO_LIMITS, files: 10 } },
        signoff: true,
      },
      approvals: {
        trust: 'signed',
        overrides: ['thresholds'],
        approvers: [{ name: 'Ann', email: 'ann@example.com', key: 'ssh-ed25519 AAAA...' }],
      },
    });
  });

  it('returns a deeply frozen policy', () => {
    const policy = parsePolicy(yaml('version: 1', 'zones: [{ name: core, paths: [src/**] }]'), FILE);
    expect(Object.isFrozen(policy)).toBe(true);
    expect(Object.isFrozen(policy.zones)).toBe(true);
    expect(Object.isFrozen(policy.zones[0]?.paths)).toBe(true);
    expect(Object.isFrozen(policy.thresholds.warn)).toBe(true);
  });
});

describe('defaultPolicy', () => {
  it('is the fully defaulted policy of DESIGN §6', () => {
    expect(defaultPolicy).toEqual({
      version: 1,
      mode: 'enforce',
      base: null,
      onMissingBase: 'fail',
      tests: ['**/*.test.*', '**/*.spec.*', '**/__tests__/**', 'test/**', 'tests/**'],
      ignore: [],
      thresholds: {
        warn: { ...NO_LIMITS, files: 25, packages: 2 },
        fail: { ...NO_LIMITS, files: 150, score: 500 },
      },
      zones: [],
      protected: [],
      stopAt: [],
      maxDepth: null,
      triggers: [],
      ai: { detect: { trailers: [], authors: [], branches: [] }, thresholds: { warn: NO_LIMITS, fail: NO_LIMITS }, signoff: false },
      approvals: { trust: 'signed', overrides: [], approvers: [] },
    });
  });

  it('is frozen, and parsing does not share its arrays', () => {
    expect(Object.isFrozen(defaultPolicy.tests)).toBe(true);
    expect(parsePolicy(yaml('version: 1'), FILE).tests).not.toBe(defaultPolicy.tests);
  });
});
