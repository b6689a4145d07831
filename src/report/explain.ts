import type { ChalkInstance } from 'chalk';
import type { DependentsTree, ExplainedSymbol, Explanation, WhyHop } from '../types.js';

/** `blast explain` as text: per symbol, its why-path with lines and barrels, then its dependents. */
export function renderExplainText(explanation: Explanation, options: { chalk: ChalkInstance }): string {
  const { chalk } = options;
  const lines: string[] = [];
  for (const symbol of explanation.symbols) {
    if (lines.length > 0) lines.push('');
    lines.push(`${chalk.bold(symbol.id)}  ${chalk.dim(symbol.declarationKind)}  ${statusText(symbol, chalk)}`);
    if (symbol.status === 'affected') {
      lines.push(chalk.dim('  why'));
      for (const [index, hop] of symbol.path.entries()) lines.push(...hopLines(hop, index === symbol.path.length - 1, chalk));
    }
    const count = countTree(symbol.dependents);
    lines.push(chalk.dim(`  dependents${count === 0 ? ': none' : `, ${explanation.depth} level${explanation.depth === 1 ? '' : 's'}`}`));
    lines.push(...treeText(symbol.dependents, '    ', chalk));
  }
  if (explanation.symbols.length === 0) lines.push(`no symbols in '${explanation.target}'`);
  return `${lines.join('\n')}\n`;
}

export function renderExplainJson(explanation: Explanation): string {
  return `${JSON.stringify(explanation, null, 2)}\n`;
}

function statusText(symbol: ExplainedSymbol, chalk: ChalkInstance): string {
  if (symbol.status === 'changed') return chalk.yellow(`changed (${symbol.change}${symbol.surface ? `, ${symbol.surface}` : ''})`);
  if (symbol.status === 'affected') return chalk.cyan(`affected at depth ${symbol.depth}`);
  return chalk.dim(symbol.change === 'trivia' ? 'changed, comments or white space only: no radius' : 'not affected by this change');
}

/** A hop as the symbol, then how it reaches the next one (the changed symbol ends the path). */
function hopLines(hop: WhyHop, isLast: boolean, chalk: ChalkInstance): string[] {
  if (isLast) return [`    ${hop.id}${chalk.yellow('  changed')}`];
  const through = hop.through && hop.through.length > 0 ? `, through ${hop.through.join(' → ')}` : '';
  const at = `${hop.file}:${hop.referenceLine ?? hop.line}`;
  return [`    ${hop.id}`, chalk.dim(`      └ ${hop.edge ?? 'runtime'} reference at ${at}${through}`)];
}

function treeText(nodes: readonly DependentsTree[], indent: string, chalk: ChalkInstance): string[] {
  const lines: string[] = [];
  nodes.forEach((node, index) => {
    const isLast = index === nodes.length - 1;
    const branch = isLast ? '└─ ' : '├─ ';
    const note = node.cycle ? chalk.dim(' (cycle)') : '';
    lines.push(`${indent}${branch}${node.id}${chalk.dim(`  ${node.edge}, line ${node.line}`)}${note}`);
    const childIndent = `${indent}${isLast ? '   ' : '│  '}`;
    lines.push(...treeText(node.children, childIndent, chalk));
    if (node.omitted) lines.push(`${childIndent}${chalk.dim(`… ${node.omitted} more dependents`)}`);
  });
  return lines;
}

function countTree(nodes: readonly DependentsTree[]): number {
  return nodes.reduce((sum, node) => sum + 1 + countTree(node.children), 0);
}
