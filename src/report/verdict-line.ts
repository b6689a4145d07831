import type { ChalkInstance } from 'chalk';
import type { Result, Verdict } from '../types.js';
import type { RenderOptions } from './render-options.js';
import { countOf, describeFindingCounts, formatNumber } from './wording.js';

/** `PASS`, `WARN`, `FAIL`: the verdict as every format names it. */
export const VERDICT_WORD: Record<Verdict, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' };

const VERDICT_MARK: Record<Verdict, string> = { pass: '✔', warn: '▲', fail: '✖' };

/** The verdict word in its colour, bold; `✖ FAIL` with `withMark`, as the text report ends. */
export function paintVerdict(verdict: Verdict, c: ChalkInstance, withMark: boolean): string {
  const text = withMark ? `${VERDICT_MARK[verdict]} ${VERDICT_WORD[verdict]}` : VERDICT_WORD[verdict];
  switch (verdict) {
    case 'pass':
      return c.green.bold(text);
    case 'warn':
      return c.yellow.bold(text);
    case 'fail':
      return c.red.bold(text);
  }
}

/**
 * What follows the verdict, to be joined with ` · `: `low risk`, `score 9`, with `withReach`
 * `9 affected files, 2 tests`, and the findings in force (`1 error, 2 warnings`) when any are.
 */
export function describeVerdictSummary(result: Result, withReach: boolean): string[] {
  const counts = describeFindingCounts(result.findings);
  return [
    `${result.risk} risk`,
    `score ${formatNumber(result.score)}`,
    ...(withReach ? [describeReach(result)] : []),
    ...(counts === '' ? [] : [counts]),
  ];
}

/** `9 affected files, 2 tests`, or why there is no radius. */
function describeReach(result: Result): string {
  // A changed dependency or imported file has a radius without any changed symbol.
  const hasRadius = result.affected.symbols.length > 0;
  if (result.changes.length === 0 && !hasRadius) return 'no changed symbols';
  if (!hasRadius && result.changes.every((change) => change.change === 'trivia')) return 'comments and whitespace only';
  const { stats } = result;
  return `${countOf(stats.affectedFiles, 'affected file')}, ${countOf(stats.affectedTests, 'test')}`;
}

/**
 * The line `--quiet` prints, ending in a newline:
 * `blast: WARN · low risk · score 9 · 9 affected files, 2 tests · 1 warning`. It reads like
 * the verdict line that ends the text report, with the reach added, since nothing else is
 * printed. Colour comes only from `options.chalk`.
 */
export function renderVerdictLine(result: Result, options: Pick<RenderOptions, 'chalk'>): string {
  const summary = describeVerdictSummary(result, true);
  return `blast: ${paintVerdict(result.verdict, options.chalk, false)} · ${summary.join(' · ')}\n`;
}
