import type { EdgeKind, Result } from '../types.js';
import { layOutRadius, type GraphOptions, type RadiusEdge, type SymbolNode } from './radius-graph.js';
import { oneLine } from './wording.js';

// Mermaid reads `#name;` and `#123;` as entities in labels, renders labels as HTML, and
// treats a backtick inside quotes as the start of a markdown string.
const ENTITIES: Record<string, string> = { '#': '#35;', '"': '#quot;', '<': '#lt;', '>': '#gt;', '&': '#amp;', '`': '#96;' };

/** Label text for Mermaid: entities for the characters it would read, one line. */
export function escapeMermaid(text: string): string {
  return oneLine(text).replace(/[#"<>&`]/g, (char) => ENTITIES[char] ?? char);
}

/** `src/a-b.ts#x` → `src_a_b_ts_x`: Mermaid ids may hold only letters, digits and `_`. */
export function sanitizeMermaidId(text: string): string {
  return text.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
}

/** Hands out sanitised ids, numbering the ones that collide, in the order they are asked for. */
function createIds(): (prefix: string, key: string) => string {
  const byKey = new Map<string, string>();
  const used = new Set<string>();
  return (prefix, key) => {
    const known = byKey.get(`${prefix}\u0000${key}`);
    if (known !== undefined) return known;
    const base = `${prefix}_${sanitizeMermaidId(key)}`.replace(/_$/, '');
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    byKey.set(`${prefix}\u0000${key}`, id);
    return id;
  };
}

const CLASS_DEFS = [
  'classDef added fill:#dcfce7,stroke:#15803d,stroke-width:2px,color:#14532d',
  'classDef removed fill:#fee2e2,stroke:#b91c1c,stroke-width:2px,color:#7f1d1d',
  'classDef modified fill:#fef3c7,stroke:#b45309,stroke-width:2px,color:#78350f',
  'classDef trivia fill:#f1f5f9,stroke:#94a3b8,stroke-width:2px',
  'classDef missing fill:#ffffff,stroke:#94a3b8,stroke-dasharray:4 3,color:#64748b',
  'classDef more fill:#ffffff,stroke:#94a3b8,stroke-dasharray:4 3,color:#475569',
];

function renderNode(node: SymbolNode, id: string): string {
  switch (node.role) {
    case 'changed': {
      const text = `${node.declarationKind} · ${node.change?.text ?? 'modified'}`;
      return `${id}(["${escapeMermaid(node.name)}<br/>${escapeMermaid(text)}"])`;
    }
    case 'affected':
      return `${id}["${escapeMermaid(node.name)}"]`;
    case 'missing':
      return `${id}["${escapeMermaid(node.name)}<br/>not in the result"]`;
  }
}

function arrow(edge: EdgeKind | undefined): string {
  switch (edge) {
    case undefined:
      return '-.->';
    case 'runtime':
      return '-->';
    case 'type':
    case 'dynamic':
    case 'unknown':
      return `-. ${edge} .->`;
    case 'package':
    case 'asset':
      return `== ${edge} ==>`;
  }
}

/**
 * `--format mermaid`: the blast radius as a Mermaid flowchart, for Markdown that renders it
 * (wrap it in a mermaid code fence) or the Mermaid CLI. The same graph as `dot`: right to
 * left from the changed symbols, one subgraph per file, each affected symbol linked to the
 * symbol it was reached from, non-runtime links labelled and dotted, the farthest symbols
 * past `maxNodes` (50) summarised one node per depth.
 */
export function renderMermaid(result: Result, options: GraphOptions = {}): string {
  const graph = layOutRadius(result, options);
  const idOf = createIds();
  // Ids are handed out in drawing order, so a collision always numbers the same symbol.
  const nodeId = (key: string): string => idOf('s', key);
  const lines = ['---', `title: ${JSON.stringify(graph.title)}`, '---', 'flowchart RL'];
  const byClass = new Map<string, string[]>();
  const addClass = (name: string, id: string): void => {
    const ids = byClass.get(name);
    if (ids === undefined) byClass.set(name, [id]);
    else ids.push(id);
  };
  for (const cluster of graph.clusters) {
    lines.push(`  subgraph ${idOf('f', cluster.file)}["${escapeMermaid(cluster.file)}"]`);
    for (const node of cluster.nodes) {
      const id = nodeId(node.id);
      lines.push(`    ${renderNode(node, id)}`);
      if (node.role === 'changed') addClass(node.change?.kind ?? 'modified', id);
      if (node.role === 'missing') addClass('missing', id);
    }
    lines.push('  end');
  }
  const summaryIds = new Map<string, string>();
  for (const summary of graph.summaries) {
    const id = idOf('more', `depth_${summary.depth}`);
    summaryIds.set(summary.id, id);
    lines.push(`  ${id}["${escapeMermaid(summary.label)}"]`);
    addClass('more', id);
  }
  const endpoint = (key: string): string => summaryIds.get(key) ?? nodeId(key);
  const target = (edge: RadiusEdge): string => (edge.toFile === undefined ? endpoint(edge.to) : idOf('f', edge.toFile));
  lines.push(...graph.edges.map((edge) => `  ${endpoint(edge.from)} ${arrow(edge.edge)} ${target(edge)}`));
  const used = CLASS_DEFS.filter((line) => byClass.has(line.split(' ')[1] ?? ''));
  lines.push(...used.map((line) => `  ${line}`));
  for (const [name, ids] of [...byClass.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    lines.push(`  class ${ids.join(',')} ${name}`);
  }
  return `${lines.join('\n')}\n`;
}
