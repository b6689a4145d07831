import { loadProjectLayout } from '../project/index.js';
import type { FileFacts, SymbolGraph } from '../types.js';
import { buildSymbolGraph } from './build-graph.js';
import { extractFacts } from './extract-facts.js';
import { createModuleResolver } from './resolve-module.js';
import { isUnanalysableCode, scriptKindOf } from './script-kind.js';

export { extractFacts, MODULE_SYMBOL } from './extract-facts.js';
export { fingerprintFile } from './fingerprint.js';
export { scriptKindOf, isUnanalysableCode } from './script-kind.js';
export { symbolId } from './build-graph.js';

export interface GraphInput {
  /** Absolute repository root. */
  root: string;
  /** Every repo-relative path of the side (code, configs, assets). */
  paths: readonly string[];
  /** Text of a path on that side (code files, tsconfigs and package.json files are asked for). */
  readText(path: string): string | undefined;
}

export interface GraphOutput {
  graph: SymbolGraph;
  /** Code blast cannot parse (`.vue`, `.svelte`, `.astro`): listed, never silently dropped. */
  unanalysedFiles: string[];
  warnings: string[];
}

/** Paths whose text the graph stage reads: code, tsconfigs and package manifests. */
export function isGraphInput(path: string): boolean {
  if (path.includes('node_modules/')) return false;
  return scriptKindOf(path) !== undefined || /(^|\/)(tsconfig[^/]*\.json|jsconfig\.json|package\.json)$/.test(path);
}

/**
 * The symbol graph of one side of the comparison.
 * Input: the side's paths and a reader for their text. Output: the graph (plain data), the
 * files it could not analyse, and warnings (no tsconfig). Errors: ProjectError for a tsconfig
 * that cannot be parsed. Files with syntax errors are analysed as far as they parse.
 */
export function buildGraph(input: GraphInput): GraphOutput {
  const layout = loadProjectLayout(input);
  const facts = new Map<string, FileFacts>();
  const unanalysedFiles: string[] = [];
  for (const path of input.paths) {
    if (path.includes('node_modules/')) continue;
    const kind = scriptKindOf(path);
    if (kind === undefined) {
      if (isUnanalysableCode(path)) unanalysedFiles.push(path);
      continue;
    }
    const text = input.readText(path);
    if (text !== undefined) facts.set(path, extractFacts(path, text, kind));
  }
  const resolver = createModuleResolver(input.root, new Set(input.paths), layout, input.readText);
  return { graph: buildSymbolGraph(facts, resolver), unanalysedFiles, warnings: layout.warnings };
}
