import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { renderText, renderVerdictLine } from '../../src/report/index.js';
import { demoResult, failResult, nothingChangedResult, passResult, triviaOnlyResult, warnResult } from './result-fixture.js';

const plain = { chalk: new Chalk({ level: 0 }) };

describe('renderVerdictLine', () => {
  it('says the verdict, risk, score, reach and findings on one line', () => {
    expect(renderVerdictLine(demoResult(), plain)).toBe(
      'blast: WARN · low risk · score 9 · 9 affected files, 2 tests · 1 warning\n',
    );
    expect(renderVerdictLine(failResult(), plain)).toBe(
      'blast: FAIL · critical risk · score 512 · 8 affected files, 2 tests · 2 errors, 2 warnings\n',
    );
    expect(renderVerdictLine(passResult(), plain)).toBe('blast: PASS · low risk · score 8 · 6 affected files, 2 tests\n');
    expect(renderVerdictLine(warnResult(), plain)).toBe(
      'blast: WARN · medium risk · score 36 · 6 affected files, 2 tests · 1 warning, 1 info\n',
    );
  });

  it('says why there is no radius', () => {
    expect(renderVerdictLine(nothingChangedResult(), plain)).toBe('blast: PASS · low risk · score 0 · no changed symbols\n');
    expect(renderVerdictLine(triviaOnlyResult(), plain)).toBe(
      'blast: PASS · low risk · score 0 · comments and whitespace only\n',
    );
  });

  it('reads like the verdict line that ends the text report', () => {
    for (const result of [demoResult(), failResult(), passResult(), warnResult()]) {
      const text = renderText(result, { ...plain, verbose: false });
      const verdict = text.split('\n\n').at(-1)?.split('\n')[0] ?? '';
      const [, word = '', summary = ''] = /^[✔▲✖] (PASS|WARN|FAIL) {2}(.*)$/.exec(verdict) ?? [];
      const line = renderVerdictLine(result, plain);
      expect(line.startsWith(`blast: ${word} · `)).toBe(true);
      const [risk, score, ...rest] = summary.split(' · ');
      expect(line).toContain(` · ${risk} · ${score} · `);
      for (const part of rest) expect(line.endsWith(` · ${part}\n`)).toBe(true);
    }
  });

  it('colours the verdict as the text report does, through the chalk it is given', () => {
    const coloured = renderVerdictLine(failResult(), { chalk: new Chalk({ level: 1 }) });
    expect(coloured).toBe(
      'blast: \u001b[31m\u001b[1mFAIL\u001b[22m\u001b[39m · critical risk · score 512 · 8 affected files, 2 tests · 2 errors, 2 warnings\n',
    );
    expect(renderVerdictLine(warnResult(), { chalk: new Chalk({ level: 1 }) })).toContain('\u001b[33m\u001b[1mWARN\u001b[22m\u001b[39m');
    expect(renderVerdictLine(passResult(), { chalk: new Chalk({ level: 1 }) })).toContain('\u001b[32m\u001b[1mPASS\u001b[22m\u001b[39m');
  });
});
