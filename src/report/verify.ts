import type { ChalkInstance } from 'chalk';
import type { Disagreement, Figures, VerifyReport } from '../types.js';

/** Disagreements listed per edge before the rest is counted. */
const FILES_PER_EDGE = 5;

/** `blast verify` as text: the figures against the bar, then the disagreements by the edge behind them. */
export function renderVerifyText(report: VerifyReport, options: { chalk: ChalkInstance; verbose: boolean }): string {
  const { chalk } = options;
  const lines: string[] = [];
  // Rounded down, as the bar's messages are: 98.99% never reads as 99.0%.
  const percent = (value: number) => `${(Math.floor(value * 1000) / 10).toFixed(1)}%`;
  const figure = (figures: Figures, key: 'recall' | 'precision') =>
    key === 'recall' ? `${percent(figures.recall)} (${figures.commonFiles}/${figures.languageServiceFiles})` : `${percent(figures.precision)} (${figures.commonFiles}/${figures.blastFiles})`;
  lines.push(
    `blast verify: ${report.sampled.length} of ${report.candidates} exported symbols (seed ${report.seed}), ${report.programFiles} files, against the language service`,
    '',
    `${''.padEnd(12)}${'recall'.padEnd(22)}precision`,
    `${'direct'.padEnd(12)}${figure(report.direct, 'recall').padEnd(22)}${figure(report.direct, 'precision')}`,
    `${'transitive'.padEnd(12)}${figure(report.transitive, 'recall').padEnd(22)}${figure(report.transitive, 'precision')}${chalk.dim(`  over ${report.transitive.symbols} complete closures`)}`,
  );
  if (report.siblingReferences > 0) {
    lines.push(chalk.dim(`left out: ${report.siblingReferences} language-service references to sibling implementations of an interface member (they never run the symbol)`));
  }
  if (report.unlocated.length > 0) lines.push(chalk.dim(`not located by the language service: ${report.unlocated.join(', ')}`));
  if (report.disagreements.length > 0) {
    lines.push('', `Disagreements  ${report.disagreements.length}, by the edge one side has and the other not`);
    for (const [edge, group] of groupByEdge(report.disagreements)) {
      const [first] = group;
      const side = first!.seenBy === 'blast' ? 'only blast' : 'only the language service';
      lines.push(`  ${edge}  ${chalk.dim(`(${side}, ${group.length} file${group.length === 1 ? '' : 's'})`)}`);
      const shown = options.verbose ? group : group.slice(0, FILES_PER_EDGE);
      for (const item of shown) lines.push(chalk.dim(`    ${item.level.padEnd(10)} ${item.file}  from ${item.symbol}`));
      if (shown.length < group.length) lines.push(chalk.dim(`    … ${group.length - shown.length} more (--verbose)`));
    }
  }
  lines.push('');
  if (report.failures.length === 0) {
    lines.push(chalk.green(`✔ at or above the bar: recall ${percent(report.minRecall)}, precision ${percent(report.minPrecision)}`));
  } else {
    for (const failure of report.failures) lines.push(chalk.red(`✖ ${failure}`));
  }
  return `${lines.join('\n')}\n`;
}

function groupByEdge(disagreements: readonly Disagreement[]): Array<[string, Disagreement[]]> {
  const groups = new Map<string, Disagreement[]>();
  for (const item of disagreements) {
    const edge = item.unmatched ? `${item.unmatched.dependent} → ${item.unmatched.on}` : `${item.symbol} → ${item.file}`;
    const key = `${item.seenBy}\u0000${edge}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)).map(([key, items]) => [key.split('\u0000')[1]!, items]);
}
