import { describe, expect, it } from 'vitest';
import { escapeCommandData, escapeCommandProperty, renderGithub } from '../../src/report/index.js';
import type { Result } from '../../src/types.js';
import { failResult, nothingChangedResult } from './result-fixture.js';

describe('renderGithub', () => {
  it('annotates each finding and ends with one summary notice', () => {
    expect(renderGithub(failResult()).split('\n')).toEqual([
      "::error file=src/auth/session.ts,line=8,title=blast protected::protected symbol 'src/auth/session.ts#verifySession' is reached",
      '::error title=blast thresholds.fail.score::score 512 is above the fail limit [512 (limit 500)]',
      "::notice file=src/payments/charge.ts,line=42,title=blast zone%3Apayments::change inside zone 'payments' needs a sign-off (error, overridden by Ann)",
      '::warning file=.blast.yml,title=blast policy-changed::the policy file changed; it was read at the merge-base',
      '::warning title=blast thresholds.warn.files::9 files affected [9 (limit 5)]',
      '::notice::blast FAIL: critical risk, score 512; 4 changed symbols; blast radius 10 symbols in 8 files, 2 tests, ' +
        '2 packages, 1 entry point, max depth 3; 2 errors, 2 warnings; 1 file not parsed; owners @acme/platform (4 files), @acme/cli (2); ' +
        'origin/main 9f8e7d6 (merge-base 5c4b3a2) .. feature/config-loader 1a2b3c4',
      '',
    ]);
  });

  it('prints only the summary when there is nothing to annotate', () => {
    expect(renderGithub(nothingChangedResult())).toBe(
      '::notice::blast PASS: low risk, score 0; 0 changed symbols; blast radius 0 symbols in 0 files, 0 tests, ' +
        '0 packages, 0 entry points, max depth 0; origin/main 9f8e7d6 (merge-base 5c4b3a2) .. feature/config-loader 1a2b3c4\n',
    );
  });

  it('escapes messages and properties as the runner reads them', () => {
    const result: Result = {
      ...nothingChangedResult(),
      findings: [
        { rule: 'zone:a,b', severity: 'info', message: '100% sure\r\nline two: done', file: 'src/odd,name:x.ts', line: 7 },
      ],
    };
    expect(renderGithub(result).split('\n')[0]).toBe(
      '::notice file=src/odd%2Cname%3Ax.ts,line=7,title=blast zone%3Aa%2Cb::100%25 sure%0D%0Aline two: done',
    );
  });

  it('escapes % before it adds escapes of its own', () => {
    expect(escapeCommandData('%0A\n')).toBe('%250A%0A');
    expect(escapeCommandProperty('a:b,c%\r')).toBe('a%3Ab%2Cc%25%0D');
  });

  it('drops a line that has no file, which the runner would ignore', () => {
    const result: Result = {
      ...nothingChangedResult(),
      findings: [{ rule: 'r', severity: 'error', message: 'm', line: 4 }],
    };
    expect(renderGithub(result).split('\n')[0]).toBe('::error title=blast r::m');
  });
});
