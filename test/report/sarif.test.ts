import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { CHANGED_SYMBOL_RULE, renderSarif, SARIF_SCHEMA } from '../../src/report/index.js';
import { describeRule, toUriReference } from '../../src/report/sarif.js';
import type { Result } from '../../src/types.js';
import {
  affected,
  buildResult,
  changed,
  demoResult,
  failResult,
  largeResult,
  nothingChangedResult,
  passResult,
  removedSymbolResult,
  triviaOnlyResult,
  warnResult,
} from './result-fixture.js';

// The SARIF 2.1.0 JSON Schema as Microsoft's SARIF SDK ships it (draft-04, hence
// ajv-draft-04); ajv-formats checks the `uri` and `uri-reference` formats too.
const require = createRequire(import.meta.url);
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
// Both are CommonJS: imported from ESM, the default is `module.exports`, and the class or the
// plugin is its `default` (which they set to themselves).
const Ajv = AjvDraft04.default;
const addFormats = addFormatsModule.default;
// `unicodeRegExp: false`: the schema's `language` pattern has a stray `]`, which only a
// non-unicode RegExp accepts.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

interface Log {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri?: string; rules: Array<{ id: string; shortDescription: { text: string } }> } };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations?: Array<{
        physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number } };
        message?: { text: string };
      }>;
      suppressions?: unknown[];
      properties?: Record<string, unknown>;
    }>;
    properties: Record<string, unknown>;
  }>;
}

function parse(result: Result): Log {
  return JSON.parse(renderSarif(result)) as Log;
}

function run(result: Result): Log['runs'][number] {
  const first = parse(result).runs[0];
  if (first === undefined) throw new Error('no run');
  return first;
}

function where(location: NonNullable<Log['runs'][number]['results'][number]['locations']>[number] | undefined): string {
  if (location === undefined) return '';
  const { uri, uriBaseId } = location.physicalLocation.artifactLocation;
  const line = location.physicalLocation.region?.startLine;
  return `${uriBaseId}/${uri}${line === undefined ? '' : `:${line}`}`;
}

describe('renderSarif', () => {
  it.each([
    ['pass', passResult],
    ['warn', warnResult],
    ['fail', failResult],
    ['demo', demoResult],
    ['nothing-changed', nothingChangedResult],
    ['trivia-only', triviaOnlyResult],
    ['removed-symbol', removedSymbolResult],
    ['large', () => largeResult({ changes: 40, files: 60, perFile: 3, findings: 2 })],
  ])('is valid SARIF 2.1.0 for a %s result', (_name, build) => {
    const log: unknown = JSON.parse(renderSarif(build()));
    const isValid = validate(log);
    expect(ajv.errorsText(validate.errors, { separator: '\n' })).toBe('No errors');
    expect(isValid).toBe(true);
  });

  it('has a schema check that rejects what code scanning would', () => {
    const log = parse(demoResult());
    const bad = (edit: (run: Log['runs'][number]) => void): boolean => {
      const copy = structuredClone(log);
      const first = copy.runs[0];
      if (first !== undefined) edit(first);
      return validate(copy);
    };
    expect(bad((r) => Object.assign(r.results[0] ?? {}, { level: 'warn' }))).toBe(false);
    expect(bad((r) => Object.assign(r.results[0]?.locations?.[0]?.physicalLocation.artifactLocation ?? {}, { uri: 'a b' }))).toBe(false);
    expect(bad((r) => Object.assign(r.tool.driver, { version: 1 }))).toBe(false);
    expect(bad(() => undefined)).toBe(true);
  });

  it('writes one run of blast with the version of the result and no guessed homepage', () => {
    const log = parse(demoResult());
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0]?.tool.driver;
    expect(driver?.name).toBe('blast');
    expect(driver?.version).toBe('0.1.0');
    expect(driver).not.toHaveProperty('informationUri');
  });

  it('reports the demo as a warning and a note per changed symbol, with how far each reaches', () => {
    const { tool, results, properties } = run(demoResult());
    expect(tool.driver.rules).toEqual([
      { id: CHANGED_SYMBOL_RULE, shortDescription: { text: 'A changed symbol and how far its change reaches' }, defaultConfiguration: { level: 'note' } },
      { id: 'thresholds.files', shortDescription: { text: 'The number of affected files is above a policy limit' } },
    ]);
    expect(results.map((r) => [r.ruleId, r.ruleIndex, r.level, r.message.text, where(r.locations?.[0])])).toEqual([
      ['thresholds.files', 1, 'warning', '9 affected files, above the warn limit of 5', '%SRCROOT%/.blast.yml'],
      [CHANGED_SYMBOL_RULE, 0, 'note', 'isCartEmpty (function) added: nothing depends on it', '%SRCROOT%/src/cart/cart.ts:17'],
      [
        CHANGED_SYMBOL_RULE,
        0,
        'note',
        'formatPrice (function) modified (signature): reaches 9 symbols in 9 files',
        '%SRCROOT%/src/money/format.ts:1',
      ],
    ]);
    expect(results[0]?.properties).toEqual({ figure: 9, limit: 5 });
    expect(results[0]?.locations?.[0]?.message).toEqual({ text: 'the policy that sets this rule' });
    expect(results[2]?.properties).toEqual({ symbol: 'src/money/format.ts#formatPrice', affectedSymbols: 9, affectedFiles: 9 });
    expect(properties).toEqual({ verdict: 'warn', risk: 'low', score: 9, scoreVersion: 1, owners: [] });
  });

  it('maps every severity to its level and marks an approved finding as suppressed', () => {
    const { results, tool } = run(failResult());
    const findings = results.filter((r) => r.ruleId !== CHANGED_SYMBOL_RULE);
    expect(findings.map((r) => [r.ruleId, r.level, where(r.locations?.[0]), r.suppressions ?? null])).toEqual([
      ['protected', 'error', '%SRCROOT%/src/auth/session.ts:8', null],
      ['thresholds.fail.score', 'error', '%SRCROOT%/.blast.yml', null],
      [
        'zone:payments',
        'error',
        '%SRCROOT%/src/payments/charge.ts:42',
        [{ kind: 'external', status: 'accepted', justification: 'approved by Ann' }],
      ],
      ['policy-changed', 'warning', '%SRCROOT%/.blast.yml', null],
      ['thresholds.warn.files', 'warning', '%SRCROOT%/.blast.yml', null],
    ]);
    expect(tool.driver.rules.map((rule) => rule.id)).toEqual([
      CHANGED_SYMBOL_RULE,
      'policy-changed',
      'protected',
      'thresholds.fail.score',
      'thresholds.warn.files',
      'zone:payments',
    ]);
    for (const result of results) expect(tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
    const info = run(warnResult()).results.find((r) => r.ruleId === 'trigger');
    expect(info?.level).toBe('note');
  });

  it('counts the reach of each changed symbol by the why-paths that start there', () => {
    const notes = run(failResult()).results.filter((r) => r.ruleId === CHANGED_SYMBOL_RULE);
    expect(notes.map((r) => [r.message.text, where(r.locations?.[0])])).toEqual([
      ['DEFAULTS (const) modified (body): nothing depends on it', '%SRCROOT%/src/config/load.ts:5'],
      ['loadConfig (function) modified (signature): reaches 9 symbols in 7 files', '%SRCROOT%/src/config/load.ts:14'],
      ['charge (function) modified (signature): reaches 1 symbol in 1 file', '%SRCROOT%/src/payments/charge.ts:42'],
      ['slugify (function) added: nothing depends on it', '%SRCROOT%/src/util/strings.ts:30'],
    ]);
  });

  it('leaves trivia out and gives a removed symbol its file without a head line', () => {
    expect(run(triviaOnlyResult()).results).toEqual([]);
    expect(run(triviaOnlyResult()).tool.driver.rules).toEqual([]);
    const removed = run(removedSymbolResult()).results.find((r) => r.message.text.startsWith('formatDate '));
    expect(removed?.message.text).toBe('formatDate (function) removed: reaches 2 symbols in 2 files');
    expect(removed?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'src/format/date.ts', uriBaseId: '%SRCROOT%' },
    });
  });

  it('anchors a finding without a file at the first changed symbol when the policy is built in', () => {
    const result = buildResult(
      {
        changes: [changed('src/b.ts', 'b', { line: 3 }), changed('src/a.ts', 'a', { line: 9 })],
        symbols: [affected('src/c.ts', 'c', 1, 'src/a.ts#a')],
        findings: [{ rule: 'thresholds.files', severity: 'error', message: 'too many', figure: 1, limit: 0 }],
      },
      { policy: { path: null, source: 'default' } },
    );
    const finding = run(result).results[0];
    expect(where(finding?.locations?.[0])).toBe('%SRCROOT%/src/a.ts:9');
    expect(finding?.locations?.[0]?.message).toEqual({ text: 'the first changed symbol' });
    const empty = run({ ...nothingChangedResult(), policy: { path: null, source: 'default' }, findings: result.findings });
    expect(empty.results[0]).not.toHaveProperty('locations');
  });

  it('writes paths as relative URI references', () => {
    expect(toUriReference('src/a b/c#d?.ts')).toBe('src/a%20b/c%23d%3F.ts');
    expect(toUriReference('c:x/@scope/100%.ts')).toBe('c%3Ax/%40scope/100%25.ts');
    const result = buildResult({ changes: [changed('src/my file#1.ts', 'x', { line: 2 })] });
    const log = parse(result);
    expect(validate(log)).toBe(true);
    expect(where(log.runs[0]?.results[0]?.locations?.[0])).toBe('%SRCROOT%/src/my%20file%231.ts:2');
  });

  it('describes the rules it knows by their key and any other by name', () => {
    expect(describeRule('thresholds.score')).toBe('The score is above a policy limit');
    expect(describeRule('zones.payments')).toBe("A change or an affected symbol inside zone 'payments'");
    expect(describeRule('triggers')).toBe('A file listed under triggers changed');
    expect(describeRule('protected')).toBe('A protected symbol is changed or in the blast radius');
    expect(describeRule('ai.signoff')).toBe("blast policy rule 'ai.signoff'");
  });

  it('is byte-identical for equal results, whatever order their lists are in', async () => {
    const result = failResult();
    const shuffled: Result = {
      ...result,
      changes: [...result.changes].reverse(),
      affected: { ...result.affected, symbols: [...result.affected.symbols].reverse() },
      findings: [...result.findings].reverse(),
      timingsMs: { total: 1 },
    };
    expect(renderSarif(shuffled)).toBe(renderSarif(result));
    expect(renderSarif(result).endsWith('}\n')).toBe(true);
    await expect(renderSarif(result)).toMatchFileSnapshot('__snapshots__/sarif-fail.sarif');
  });
});
