import type { Finding, Result, Severity } from '../types.js';
import { sortFindings } from './ordering.js';
import { VERDICT_WORD } from './verdict-line.js';
import { countOf, describeBase, describeFigure, describeFindingCounts, describeHead, describeOwners, formatNumber, shortSha } from './wording.js';

/** Owners named in the summary notice before the rest are counted. */
const MAX_OWNERS = 5;

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warn: 'warning', info: 'notice' };

/** Escapes a workflow command's message, as the runner's `escapeData` does. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value, as the runner's `escapeProperty` does. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function renderFinding(finding: Finding): string {
  const isInForce = finding.overriddenBy === undefined;
  const command = isInForce ? COMMAND[finding.severity] : 'notice';
  const properties: string[] = [];
  // The runner ignores `line` without `file`, so a location is all or nothing.
  if (finding.file !== undefined) {
    properties.push(`file=${escapeCommandProperty(finding.file)}`);
    if (finding.line !== undefined) properties.push(`line=${finding.line}`);
  }
  properties.push(`title=${escapeCommandProperty(`blast ${finding.rule}`)}`);
  const figure = describeFigure(finding);
  const message =
    finding.message +
    (figure === undefined ? '' : ` [${figure}]`) +
    (isInForce ? '' : ` (${finding.severity}, overridden by ${finding.overriddenBy ?? ''})`);
  return `::${command} ${properties.join(',')}::${escapeCommandData(message)}`;
}

/** `; owners @a (3 files), @b (1)`, the first few: a notice is one line in the run's log. */
function describeOwnersClause(result: Result): string {
  const owners = describeOwners(result.affected.owners);
  if (owners.length === 0) return '';
  const rest = owners.length - MAX_OWNERS;
  return `; owners ${owners.slice(0, MAX_OWNERS).join(', ')}${rest > 0 ? `, +${formatNumber(rest)} more` : ''}`;
}

/**
 * `--format github`: one workflow command per finding (`::error`, `::warning`, `::notice`, with
 * `file` and `line` when the finding has them, so the runner annotates the pull request's diff),
 * then one `::notice::` summary line (with the owners of the changed and affected files, from
 * CODEOWNERS). Findings an approval lifted are notices.
 */
export function renderGithub(result: Result): string {
  const { stats } = result;
  const counts = describeFindingCounts(result.findings);
  const summary =
    `blast ${VERDICT_WORD[result.verdict]}: ${result.risk} risk, score ${formatNumber(result.score)}; ` +
    `${countOf(stats.changedSymbols, 'changed symbol')}; ` +
    `blast radius ${countOf(stats.affectedSymbols, 'symbol')} in ${countOf(stats.affectedFiles, 'file')}, ` +
    `${countOf(stats.affectedTests, 'test')}, ${countOf(stats.affectedPackages, 'package')}, ` +
    `${countOf(stats.entryPoints, 'entry point')}, max depth ${formatNumber(stats.maxDepth)}` +
    (counts === '' ? '' : `; ${counts}`) +
    (stats.unparsedFiles.length === 0 ? '' : `; ${countOf(stats.unparsedFiles.length, 'file')} not parsed`) +
    describeOwnersClause(result) +
    `; ${describeBase(result.base)} (merge-base ${shortSha(result.base.mergeBase)}) .. ${describeHead(result.head)}`;
  const lines = sortFindings(result.findings).map(renderFinding);
  lines.push(`::notice::${escapeCommandData(summary)}`);
  return `${lines.join('\n')}\n`;
}
