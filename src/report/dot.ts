import type { ChangeKind, EdgeKind, Result } from '../types.js';
import { layOutRadius, type GraphOptions, type RadiusEdge, type SymbolNode } from './radius-graph.js';
import { formatNumber, oneLine } from './wording.js';

const FONT = 'Helvetica,Arial,sans-serif';

/** Fill and outline of a changed symbol, by its kind of change; affected symbols stay white. */
const CHANGE_COLOURS: Record<ChangeKind, { fill: string; line: string }> = {
  added: { fill: '#dcfce7', line: '#15803d' },
  removed: { fill: '#fee2e2', line: '#b91c1c' },
  modified: { fill: '#fef3c7', line: '#b45309' },
  trivia: { fill: '#f1f5f9', line: '#94a3b8' },
};

const EDGE_STYLES: Record<EdgeKind, string> = {
  runtime: '',
  type: 'style=dashed',
  dynamic: 'style=dotted',
  unknown: 'style=dashed, color="#b91c1c", fontcolor="#b91c1c"',
  package: 'style=bold',
  asset: 'style=bold',
};

/**
 * A dot double-quoted string. Backslashes are doubled as well as quotes escaped, since labels
 * read `\n`, `\l` and `\N` as escapes; line breaks in the text become spaces.
 */
export function quoteDot(text: string): string {
  return `"${oneLine(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Several lines of one label, each quoted-escaped, joined by dot's centred line break. */
function labelLines(...lines: string[]): string {
  const quoted = lines.map((line) => quoteDot(line).slice(1, -1));
  return `"${quoted.join('\\n')}"`;
}

function renderNode(node: SymbolNode): string {
  const id = quoteDot(node.id);
  switch (node.role) {
    case 'changed': {
      const change = node.change ?? { kind: 'modified', text: 'modified' };
      const { fill, line } = CHANGE_COLOURS[change.kind];
      const label = labelLines(node.name, `${node.declarationKind} · ${change.text}`);
      return `${id} [label=${label}, fillcolor="${fill}", color="${line}", penwidth=2, tooltip=${quoteDot(`${node.id} (changed)`)}];`;
    }
    case 'affected':
      return `${id} [label=${quoteDot(node.name)}, tooltip=${quoteDot(`${node.id} (depth ${formatNumber(node.depth)})`)}];`;
    case 'missing':
      return `${id} [label=${labelLines(node.name, 'not in the result')}, style="rounded,dashed", fontcolor="#64748b"];`;
  }
}

function renderEdge(edge: RadiusEdge): string {
  const attributes =
    edge.edge === undefined
      ? 'style=dashed, color="#94a3b8"' + (edge.toFile === undefined ? '' : `, lhead=${quoteDot(`cluster_${edge.toFile}`)}`)
      : [EDGE_STYLES[edge.edge], edge.edge === 'runtime' ? '' : `label=${quoteDot(edge.edge)}`]
          .filter((part) => part !== '')
          .join(', ');
  return `  ${quoteDot(edge.from)} -> ${quoteDot(edge.to)}${attributes === '' ? '' : ` [${attributes}]`};`;
}

/**
 * `--format dot` (Graphviz): the blast radius as a directed graph, laid out right to left so
 * the changed symbols (coloured by kind of change) sit on the left and each depth is a column
 * further right. Each affected symbol points at the symbol it was reached from (`via`); edges
 * other than `runtime` are labelled and drawn dashed or dotted. Symbols are boxed by file.
 * Past `maxNodes` symbols (50) the farthest are summarised, one node per depth.
 */
export function renderDot(result: Result, options: GraphOptions = {}): string {
  const graph = layOutRadius(result, options);
  const lines = [
    'digraph blast {',
    `  graph [rankdir=RL, newrank=true, compound=true, label=${quoteDot(graph.title)}, labelloc=t, labeljust=l, fontname="${FONT}", fontsize=13, nodesep=0.25, ranksep=0.7];`,
    `  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#64748b", fontname="${FONT}", fontsize=11, height=0.3, margin="0.12,0.04"];`,
    `  edge [color="#64748b", arrowsize=0.6, fontname="${FONT}", fontsize=9, fontcolor="#475569"];`,
  ];
  for (const cluster of graph.clusters) {
    lines.push(
      '',
      `  subgraph ${quoteDot(`cluster_${cluster.file}`)} {`,
      `    graph [label=${quoteDot(cluster.file)}, style="rounded,filled", fillcolor="#f8fafc", color="#cbd5e1", fontcolor="#334155", fontsize=10, labeljust=r];`,
      ...cluster.nodes.map((node) => `    ${renderNode(node)}`),
      '  }',
    );
  }
  if (graph.summaries.length > 0) lines.push('');
  for (const summary of graph.summaries) {
    lines.push(
      `  ${quoteDot(summary.id)} [label=${quoteDot(summary.label)}, shape=note, style="dashed", color="#94a3b8", fontcolor="#475569"];`,
    );
  }
  // One column per depth, changed symbols first: a reader counts steps from the change by
  // columns. `newrank` lets these constraints cross the file clusters.
  const columns = new Map<number, string[]>();
  for (const cluster of graph.clusters) {
    for (const node of cluster.nodes) {
      if (node.role === 'missing') continue;
      const column = columns.get(node.depth);
      if (column === undefined) columns.set(node.depth, [node.id]);
      else column.push(node.id);
    }
  }
  for (const summary of graph.summaries) {
    const column = columns.get(summary.depth);
    if (column === undefined) columns.set(summary.depth, [summary.id]);
    else column.push(summary.id);
  }
  if (columns.size > 0) lines.push('');
  for (const [, ids] of [...columns.entries()].sort(([a], [b]) => a - b)) {
    lines.push(`  { rank=same; ${ids.map(quoteDot).join('; ')}; }`);
  }
  if (graph.edges.length > 0) lines.push('');
  lines.push(...graph.edges.map(renderEdge), '}');
  return `${lines.join('\n')}\n`;
}
