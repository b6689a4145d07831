import { spawnSync } from 'node:child_process';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_NODES, render, renderDot, renderMermaid } from '../../src/report/index.js';
import { quoteDot } from '../../src/report/dot.js';
import { escapeMermaid, sanitizeMermaidId } from '../../src/report/mermaid.js';
import { layOutRadius } from '../../src/report/radius-graph.js';
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
} from './result-fixture.js';

const hasDot = spawnSync('dot', ['-V'], { encoding: 'utf8' }).error === undefined;
const NO_DOT = 'Graphviz `dot` is not on PATH: install graphviz (apt-get install graphviz) to check that the dot output renders';

/** 900 affected symbols in 60 files over 4 depths, from 3 changed symbols. */
const large = (): Result => largeResult({ changes: 3, files: 60, perFile: 15 });

/** Names and paths with every character the two syntaxes treat specially. */
function oddNamesResult(): Result {
  return buildResult({
    changes: [changed('src/we"ird\\dir/a#b.ts', 'say"hi"', { line: 3 })],
    symbols: [
      affected('src/<tags>&`ticks`.tsx', '<module>', 1, 'src/we"ird\\dir/a#b.ts#say"hi"', { edge: 'type' }),
      affected('src/end.ts', 'end', 2, 'src/<tags>&`ticks`.tsx#<module>', { edge: 'unknown' }),
      affected('src/a-b.ts', 'x', 1, 'src/we"ird\\dir/a#b.ts#say"hi"', { edge: 'dynamic' }),
      affected('src/a_b.ts', 'x', 1, 'src/we"ird\\dir/a#b.ts#say"hi"', { edge: 'package' }),
      affected('src/a b.ts', 'x\ny', 1, 'src/we"ird\\dir/a#b.ts#say"hi"', { edge: 'asset' }),
    ],
  });
}

/** Renders dot with Graphviz; undefined and a skipped test when it is not installed. */
function renderSvg(dot: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const dotNodeIds = (dot: string): string[] =>
  [...dot.matchAll(/^ {4}"((?:[^"\\]|\\.)*)" \[label=/gm)].map((match) => match[1] ?? '');

describe('layOutRadius', () => {
  it('draws the changed symbols and the nearest affected ones up to the cap, then one summary per depth', () => {
    const result = large();
    const graph = layOutRadius(result);
    const drawn = graph.clusters.flatMap((cluster) => cluster.nodes);
    expect(drawn).toHaveLength(DEFAULT_MAX_NODES);
    expect(drawn.filter((node) => node.role === 'changed')).toHaveLength(3);
    const affectedDrawn = drawn.filter((node) => node.role === 'affected');
    // The nearest: every depth-1 symbol (15 files × 15) before any deeper one would be 225,
    // so the 47 drawn are all at depth 1, first by file, then by name.
    expect(new Set(affectedDrawn.map((node) => node.depth))).toEqual(new Set([1]));
    const depthOne = result.affected.symbols
      .filter((symbol) => symbol.depth === 1)
      .sort((a, b) => (a.file === b.file ? (a.name < b.name ? -1 : 1) : a.file < b.file ? -1 : 1))
      .slice(0, 47)
      .map((symbol) => symbol.id);
    expect(affectedDrawn.map((node) => node.id).sort()).toEqual([...depthOne].sort());
    expect(graph.summaries.map((summary) => summary.label)).toEqual([
      '… and 178 more symbols in 12 files at depth 1',
      '… and 225 more symbols in 15 files at depth 2',
      '… and 225 more symbols in 15 files at depth 3',
      '… and 225 more symbols in 15 files at depth 4',
    ]);
    const omitted = graph.summaries.reduce((sum, summary) => sum + summary.symbols, 0);
    expect(omitted + affectedDrawn.length).toBe(result.affected.symbols.length);
    expect(graph.title).toBe(
      'blast radius of 3 changed symbols: 900 affected symbols in 60 files, max depth 4; the nearest 47 drawn',
    );
  });

  it('links each summary to what its symbols were reached from, one link per file', () => {
    const graph = layOutRadius(largeResult({ changes: 3, files: 60, perFile: 3 }));
    const fromDepth2 = graph.edges.filter((edge) => edge.from === 'more-depth-2');
    // The 43 symbols left at depth 2 hang off 43 drawn depth-1 symbols in 15 files; in one
    // file only one of them, which keeps its own link.
    expect(fromDepth2).toHaveLength(15);
    expect(fromDepth2.filter((edge) => edge.toFile !== undefined)).toHaveLength(14);
    expect(fromDepth2.every((edge) => edge.edge === undefined)).toBe(true);
    expect(graph.edges.filter((edge) => edge.from === 'more-depth-4').map((edge) => edge.to)).toEqual(['more-depth-3']);
  });

  it('keeps every changed symbol even when they alone pass the cap', () => {
    const graph = layOutRadius(large(), { maxNodes: 2 });
    const drawn = graph.clusters.flatMap((cluster) => cluster.nodes);
    expect(drawn.map((node) => node.role)).toEqual(['changed', 'changed', 'changed']);
    expect(graph.summaries.map((summary) => summary.depth)).toEqual([1, 2, 3, 4]);
    expect(graph.edges.filter((edge) => edge.from === 'more-depth-1').map((edge) => edge.to)).toEqual([
      'src/core/module-00000.ts#handler00000',
      'src/core/module-00001.ts#handler00001',
      'src/core/module-00002.ts#handler00002',
    ]);
  });

  it('draws everything under the cap, and nothing for trivia or no change', () => {
    const graph = layOutRadius(demoResult());
    expect(graph.clusters.flatMap((cluster) => cluster.nodes)).toHaveLength(11);
    expect(graph.summaries).toEqual([]);
    expect(graph.edges).toHaveLength(9);
    expect(layOutRadius(triviaOnlyResult()).clusters).toEqual([]);
    expect(layOutRadius(nothingChangedResult()).clusters).toEqual([]);
  });

  it('shows a via that leads out of the result as a missing symbol', () => {
    const result = passResult();
    const broken: Result = {
      ...result,
      affected: {
        ...result.affected,
        symbols: result.affected.symbols.map((symbol) =>
          symbol.id === 'src/cli/run.ts#runCommand' ? { ...symbol, via: 'src/gone.ts#vanished' } : symbol,
        ),
      },
    };
    const graph = layOutRadius(broken);
    const gone = graph.clusters.find((cluster) => cluster.file === 'src/gone.ts');
    expect(gone?.nodes).toEqual([
      { id: 'src/gone.ts#vanished', name: 'vanished', file: 'src/gone.ts', declarationKind: '', role: 'missing', depth: 0 },
    ]);
    expect(graph.edges).toContainEqual({ from: 'src/cli/run.ts#runCommand', to: 'src/gone.ts#vanished', edge: 'runtime' });
  });
});

describe('renderDot', () => {
  it.each([
    ['demo', demoResult],
    ['fail', failResult],
    ['removed-symbol', removedSymbolResult],
    ['nothing-changed', nothingChangedResult],
    ['large-capped', () => largeResult({ changes: 3, files: 60, perFile: 3 })],
  ])('draws a %s result', async (name, build) => {
    await expect(renderDot(build())).toMatchFileSnapshot(`__snapshots__/graph-${name}.dot`);
  });

  it('boxes symbols by file, marks the changed ones and labels edges other than runtime', () => {
    const dot = renderDot(failResult());
    expect(dot.startsWith('digraph blast {\n  graph [rankdir=RL,')).toBe(true);
    expect(dot.endsWith('}\n')).toBe(true);
    expect(dot).toContain('  subgraph "cluster_src/server/index.ts" {\n    graph [label="src/server/index.ts",');
    expect(dot).toContain(
      '    "src/config/load.ts#loadConfig" [label="loadConfig\\nfunction · modified (signature)", fillcolor="#fef3c7", color="#b45309",',
    );
    expect(dot).toContain('    "src/util/strings.ts#slugify" [label="slugify\\nfunction · added", fillcolor="#dcfce7",');
    expect(dot).toContain('  "src/payments/refund.ts#refund" -> "src/payments/charge.ts#charge" [style=dotted, label="dynamic"];');
    expect(dot).toContain('  "src/server/options.ts#ServerOptions" -> "src/config/load.ts#loadConfig" [style=dashed, label="type"];');
    expect(dot).toContain('  "src/cli/run.ts#runCommand" -> "src/config/load.ts#loadConfig";\n');
    expect(dot).toContain(
      '  { rank=same; "src/config/load.ts#DEFAULTS"; "src/config/load.ts#loadConfig"; "src/payments/charge.ts#charge"; "src/util/strings.ts#slugify"; }',
    );
  });

  it('caps a large radius at 50 symbols and summarises the rest by depth', () => {
    const dot = renderDot(large());
    expect(dotNodeIds(dot)).toHaveLength(50);
    expect(dot).toContain('  "more-depth-2" [label="… and 225 more symbols in 15 files at depth 2", shape=note,');
    expect(dotNodeIds(renderDot(large(), { maxNodes: 10 }))).toHaveLength(10);
    const options = { chalk: new Chalk({ level: 0 }), verbose: true };
    expect(dotNodeIds(render(large(), 'dot', options))).toHaveLength(903);
    expect(dotNodeIds(render(large(), 'dot', { ...options, maxNodes: 20 }))).toHaveLength(20);
  });

  it('escapes quotes and backslashes, and keeps labels on one line', () => {
    expect(quoteDot('say "hi" \\n')).toBe('"say \\"hi\\" \\\\n"');
    expect(quoteDot('a\nb')).toBe('"a b"');
    const dot = renderDot(oddNamesResult());
    expect(dot).toContain('"src/we\\"ird\\\\dir/a#b.ts#say\\"hi\\"" [label="say\\"hi\\"\\nfunction · modified (body)"');
    expect(dot).toContain('subgraph "cluster_src/we\\"ird\\\\dir/a#b.ts"');
    expect(dot).toContain('"src/a b.ts#x y" [label="x y"');
  });

  it('is the same for equal results, whatever order their lists are in', () => {
    const result = failResult();
    const shuffled: Result = {
      ...result,
      changes: [...result.changes].reverse(),
      affected: { ...result.affected, symbols: [...result.affected.symbols].reverse() },
    };
    expect(renderDot(shuffled)).toBe(renderDot(result));
    expect(renderDot(large())).toBe(renderDot({ ...large(), affected: { ...large().affected, symbols: [...large().affected.symbols].reverse() } }));
  });

  it('renders with Graphviz without a warning', (context) => {
    context.skip(!hasDot, NO_DOT);
    for (const result of [demoResult(), failResult(), removedSymbolResult(), nothingChangedResult(), large(), oddNamesResult()]) {
      const svg = renderSvg(renderDot(result));
      expect(svg.stderr).toBe('');
      expect(svg.status).toBe(0);
      expect(svg.stdout).toContain('<svg');
    }
  });

  it('shows names and file paths in the SVG as they are', (context) => {
    context.skip(!hasDot, NO_DOT);
    const svg = renderSvg(renderDot(oddNamesResult())).stdout;
    // SVG text is XML-escaped; Graphviz must not have read any of dot's escapes in it.
    expect(svg).toContain('>say&quot;hi&quot;</text>');
    expect(svg).toContain('>src/we&quot;ird\\dir/a#b.ts</text>');
    expect(svg).toContain('>src/&lt;tags&gt;&amp;`ticks`.tsx</text>');
    const demo = renderSvg(renderDot(demoResult())).stdout;
    for (const text of ['formatPrice', 'function · modified (signature)', 'src/money/format.ts', '&lt;module&gt;', 'routes']) {
      expect(demo).toContain(`>${text}</text>`);
    }
  });
});

describe('renderMermaid', () => {
  it.each([
    ['demo', demoResult],
    ['fail', failResult],
    ['removed-symbol', removedSymbolResult],
    ['nothing-changed', nothingChangedResult],
    ['large-capped', () => largeResult({ changes: 3, files: 60, perFile: 3 })],
  ])('draws a %s result', async (name, build) => {
    await expect(renderMermaid(build())).toMatchFileSnapshot(`__snapshots__/graph-${name}.mmd`);
  });

  /** Checks the structure a Mermaid parser relies on and returns the ids of the nodes. */
  function checkStructure(mermaid: string): { nodes: string[]; edges: Array<[string, string]>; subgraphs: string[] } {
    const lines = mermaid.split('\n');
    expect(lines.slice(0, 4)).toEqual(['---', expect.stringMatching(/^title: "[^"]+"$/), '---', 'flowchart RL']);
    expect(lines.at(-1)).toBe('');
    const nodes: string[] = [];
    const subgraphs: string[] = [];
    const edges: Array<[string, string]> = [];
    let depth = 0;
    for (const line of lines.slice(4, -1)) {
      const subgraph = /^ {2}subgraph ([A-Za-z0-9_]+)\["([^"]*)"\]$/.exec(line);
      const node = /^ {2,4}([A-Za-z0-9_]+)(?:\["[^"]*"\]|\(\["[^"]*"\]\))$/.exec(line);
      const edge = /^ {2}([A-Za-z0-9_]+) (-->|-\.->|-\. (?:type|dynamic|unknown) \.->|== (?:package|asset) ==>) ([A-Za-z0-9_]+)$/.exec(line);
      if (subgraph !== null) {
        expect(depth).toBe(0);
        depth++;
        subgraphs.push(subgraph[1] ?? '');
      } else if (line === '  end') {
        depth--;
      } else if (node !== null) {
        nodes.push(node[1] ?? '');
      } else if (edge !== null) {
        edges.push([edge[1] ?? '', edge[3] ?? '']);
      } else {
        expect(line).toMatch(/^ {2}(classDef [a-z]+ [a-z-]+:.+|class [A-Za-z0-9_,]+ [a-z]+)$/);
      }
    }
    expect(depth).toBe(0);
    expect(new Set(nodes).size).toBe(nodes.length);
    const known = new Set([...nodes, ...subgraphs]);
    for (const [from, to] of edges) {
      expect(nodes).toContain(from);
      expect(known.has(to)).toBe(true);
    }
    return { nodes, edges, subgraphs };
  }

  it('writes a flowchart of subgraphs per file, nodes, links and classes', () => {
    const mermaid = renderMermaid(demoResult());
    const { nodes, edges, subgraphs } = checkStructure(mermaid);
    expect(nodes).toHaveLength(11);
    expect(edges).toHaveLength(9);
    expect(subgraphs).toHaveLength(10);
    expect(mermaid).toContain('  subgraph f_src_money_format_ts["src/money/format.ts"]\n');
    expect(mermaid).toContain('    s_src_money_format_ts_formatPrice(["formatPrice<br/>function · modified (signature)"])\n');
    expect(mermaid).toContain('  s_src_catalog_product_card_tsx_ProductCard --> s_src_money_format_ts_formatPrice\n');
    expect(mermaid).toContain('    s_test_cart_test_ts_module["#lt;module#gt;"]\n');
    expect(mermaid).toContain('  class s_src_cart_cart_ts_isCartEmpty added\n  class s_src_money_format_ts_formatPrice modified\n');
    const fail = renderMermaid(failResult());
    checkStructure(fail);
    expect(fail).toContain('  s_src_payments_refund_ts_refund -. dynamic .-> s_src_payments_charge_ts_charge\n');
    expect(fail).toContain('  s_src_server_options_ts_ServerOptions -. type .-> s_src_config_load_ts_loadConfig\n');
  });

  it('caps a large radius at 50 symbols and links the summaries', () => {
    const mermaid = renderMermaid(large());
    const { nodes } = checkStructure(mermaid);
    expect(nodes.filter((id) => id.startsWith('s_'))).toHaveLength(50);
    expect(nodes.filter((id) => id.startsWith('more_'))).toEqual(['more_depth_1', 'more_depth_2', 'more_depth_3', 'more_depth_4']);
    expect(mermaid).toContain('  more_depth_2["… and 225 more symbols in 15 files at depth 2"]\n');
    expect(mermaid).toContain('  more_depth_3 -.-> more_depth_2\n');
    expect(mermaid).toContain(
      '  more_depth_2 -.-> f_packages_app_0_src_features_feature_00000_index_ts\n',
    );
  });

  it('escapes labels into entities and sanitises ids, numbering collisions', () => {
    expect(escapeMermaid('a "b" <c> & #d `e`')).toBe('a #quot;b#quot; #lt;c#gt; #amp; #35;d #96;e#96;');
    expect(sanitizeMermaidId('src/a-b.ts#<module>')).toBe('src_a_b_ts_module');
    const mermaid = renderMermaid(oddNamesResult());
    const { nodes } = checkStructure(mermaid);
    expect(nodes).toContain('s_src_a_b_ts_x');
    expect(nodes).toContain('s_src_a_b_ts_x_2');
    expect(nodes).toContain('s_src_a_b_ts_x_y');
    expect(mermaid).toContain('  subgraph f_src_we_ird_dir_a_b_ts["src/we#quot;ird\\dir/a#35;b.ts"]\n');
    expect(mermaid).toContain('(["say#quot;hi#quot;<br/>function · modified (body)"])');
    expect(mermaid).toContain('["src/#lt;tags#gt;#amp;#96;ticks#96;.tsx"]');
    expect(mermaid).toContain(' == package ==> ');
    expect(mermaid).toContain(' -. unknown .-> ');
    expect(mermaid).toContain('    s_src_a_b_ts_x_y["x y"]\n');
  });

  it('is the same for equal results, whatever order their lists are in', () => {
    const result = oddNamesResult();
    const shuffled: Result = { ...result, affected: { ...result.affected, symbols: [...result.affected.symbols].reverse() } };
    expect(renderMermaid(shuffled)).toBe(renderMermaid(result));
  });
});
