import { createHash } from 'node:crypto';
import type { FileFacts, Resolution, SymbolFingerprint, SymbolGraph, TreeFile } from '../types.js';
import { buildSymbolGraph } from './build-graph.js';
import type { GraphCache } from './graph-cache.js';
import { extractAllFacts } from './parse-files.js';
import { isUnanalysableCode, scriptKindOf } from './script-kind.js';

export { clearGraphCache, disabledCache, openGraphCache, type GraphCache } from './graph-cache.js';
export { MODULE_SYMBOL, symbolId } from './names.js';
export { isUnanalysableCode, scriptKindOf } from './script-kind.js';

export type TextReader = (paths: readonly string[]) => Promise<ReadonlyMap<string, string>>;

export interface GraphInput {
  /** Absolute repository root. */
  root: string;
  /** Every file of the side, with its blob id (the cache key of its facts). */
  files: readonly TreeFile[];
  /** Texts of files of that side; asked only for what the cache does not hold. */
  readTexts: TextReader;
  cache: GraphCache;
}

export interface GraphOutput {
  graph: SymbolGraph;
  /** Code blast cannot parse (`.vue`, `.svelte`, `.astro`): listed, never silently dropped. */
  unanalysedFiles: string[];
  warnings: string[];
  /** How many files were parsed (the rest came from the cache). */
  parsedFiles: number;
}

/** Paths whose text resolution reads: tsconfigs and package manifests. */
function isProjectFile(path: string): boolean {
  return !path.includes('node_modules/') && /(^|\/)(tsconfig[^/]*\.json|jsconfig\.json|package\.json)$/.test(path);
}

function isCodeFile(path: string): boolean {
  return !path.includes('node_modules/') && scriptKindOf(path) !== undefined;
}

/**
 * The symbol graph of one side of the comparison.
 * Input: the side's files with blob ids, a reader for their text, the cache. Output: the graph
 * (plain data), the files it could not analyse, warnings (no tsconfig, a base config not
 * installed). Errors: ProjectError for a tsconfig that cannot be parsed. Files with syntax
 * errors are analysed as far as they parse. Only files whose blob the cache does not know are
 * read and parsed; only specifiers it has not resolved in this project state are resolved.
 */
export async function buildGraph(input: GraphInput): Promise<GraphOutput> {
  const codeFiles = input.files.filter((file) => isCodeFile(file.path));
  const unanalysedFiles = input.files.filter((file) => !file.path.includes('node_modules/') && isUnanalysableCode(file.path)).map((file) => file.path);
  const facts = await factsOf(codeFiles, input);

  const snapshotKey = projectSnapshotKey(input.files);
  const cached = input.cache.snapshot(snapshotKey);
  const resolutions = new Map(cached?.resolutions ?? []);
  const requests = specifiersOf(facts.byPath.values());
  const missing = requests.filter(([from, specifier]) => !resolutions.has(resolutionKey(from, specifier)));
  let warnings = cached?.warnings ?? [];
  if (missing.length > 0 || cached === undefined) {
    const resolved = await resolveSpecifiers(input, missing);
    for (const [key, resolution] of resolved.resolutions) resolutions.set(key, resolution);
    warnings = resolved.warnings;
  }
  // Keep only what this state of the project uses, so the snapshot does not grow with history.
  const used = new Map(requests.map(([from, specifier]) => [resolutionKey(from, specifier), resolutions.get(resolutionKey(from, specifier))!]));
  if (missing.length > 0 || cached === undefined) input.cache.storeSnapshot(snapshotKey, { resolutions: used, warnings });

  const resolver = { resolve: (from: string, specifier: string): Resolution => used.get(resolutionKey(from, specifier)) ?? { kind: 'unresolved' } };
  return { graph: buildSymbolGraph(facts.byPath, resolver), unanalysedFiles, warnings, parsedFiles: facts.parsed };
}

async function factsOf(codeFiles: readonly TreeFile[], input: GraphInput): Promise<{ byPath: Map<string, FileFacts>; parsed: number }> {
  const byPath = new Map<string, FileFacts>();
  const toParse: TreeFile[] = [];
  for (const file of codeFiles) {
    const known = input.cache.facts(file.path, file.blob);
    if (known) byPath.set(file.path, known);
    else toParse.push(file);
  }
  if (toParse.length > 0) {
    const texts = await input.readTexts(toParse.map((file) => file.path));
    const jobs = toParse.flatMap((file) => {
      const text = texts.get(file.path);
      const kind = scriptKindOf(file.path);
      return text === undefined || kind === undefined ? [] : [{ path: file.path, text, kind }];
    });
    const blobs = new Map(toParse.map((file) => [file.path, file.blob]));
    for (const parsed of await extractAllFacts(jobs)) {
      byPath.set(parsed.path, parsed);
      input.cache.storeFacts(parsed.path, blobs.get(parsed.path)!, parsed);
    }
  }
  // Graph order must not depend on which files came from the cache.
  const sorted = new Map([...byPath].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { byPath: sorted, parsed: toParse.length };
}

function resolutionKey(from: string, specifier: string): string {
  return `${from}\u0000${specifier}`;
}

/** Every (file, specifier) pair the graph will ask about, once each. */
function specifiersOf(facts: Iterable<FileFacts>): Array<[string, string]> {
  const pairs = new Map<string, [string, string]>();
  const add = (from: string, specifier: string) => pairs.set(resolutionKey(from, specifier), [from, specifier]);
  for (const file of facts) {
    for (const binding of file.imports) add(file.path, binding.specifier);
    for (const reExport of file.reExports) add(file.path, reExport.specifier);
    for (const sideEffect of file.sideEffectImports) add(file.path, sideEffect.specifier);
    for (const declaration of file.declarations) for (const use of declaration.moduleUses) add(file.path, use.specifier);
  }
  return [...pairs.values()];
}

/**
 * A state of the project as resolution sees it: which files exist and what the tsconfigs and
 * manifests say. Any file added, removed or renamed, or any config edited, is a new state.
 */
function projectSnapshotKey(files: readonly TreeFile[]): string {
  const hash = createHash('sha1');
  for (const file of files) {
    hash.update(file.path);
    hash.update(isProjectFile(file.path) ? `\u0000${file.blob}\n` : '\n');
  }
  return hash.digest('hex');
}

/** Resolves with TypeScript (loaded here, not before): the configs are read only now. */
async function resolveSpecifiers(input: GraphInput, pairs: ReadonlyArray<[string, string]>): Promise<{ resolutions: Map<string, Resolution>; warnings: string[] }> {
  const [{ loadProjectLayout }, { createModuleResolver }] = await Promise.all([import('../project/index.js'), import('./resolve-module.js')]);
  const paths = input.files.map((file) => file.path);
  const projectTexts = await input.readTexts(paths.filter(isProjectFile));
  const readText = (path: string) => projectTexts.get(path);
  const layout = loadProjectLayout({ root: input.root, paths, readText });
  const resolver = createModuleResolver(input.root, new Set(paths), layout, readText);
  const resolutions = new Map<string, Resolution>();
  for (const [from, specifier] of pairs) resolutions.set(resolutionKey(from, specifier), resolver.resolve(from, specifier));
  return { resolutions, warnings: layout.warnings };
}

export interface SideFile {
  path: string;
  blob: string;
}

export interface FileSide {
  facts: FileFacts;
  fingerprints: ReadonlyMap<string, SymbolFingerprint>;
}

/**
 * Facts and fingerprints of a few files of one side (the changed files), from the cache when it
 * knows their blobs; `known` supplies facts already extracted for the graph.
 */
export async function describeFiles(
  files: readonly SideFile[],
  readTexts: TextReader,
  cache: GraphCache,
  known?: ReadonlyMap<string, FileFacts>,
): Promise<Map<string, FileSide>> {
  const sides = new Map<string, FileSide>();
  const missing = files.filter((file) => {
    const facts = known?.get(file.path) ?? cache.facts(file.path, file.blob);
    const fingerprints = cache.fingerprints(file.path, file.blob);
    if (facts && fingerprints) sides.set(file.path, { facts, fingerprints });
    return !(facts && fingerprints);
  });
  if (missing.length === 0) return sides;
  const [{ extractFacts }, { fingerprintFile }] = await Promise.all([import('./extract-facts.js'), import('./fingerprint.js')]);
  const texts = await readTexts(missing.map((file) => file.path));
  for (const file of missing) {
    const text = texts.get(file.path);
    const kind = scriptKindOf(file.path);
    if (text === undefined || kind === undefined) continue;
    const facts = known?.get(file.path) ?? cache.facts(file.path, file.blob) ?? extractFacts(file.path, text, kind);
    const fingerprints = fingerprintFile(file.path, text, kind);
    cache.storeFacts(file.path, file.blob, facts);
    cache.storeFingerprints(file.path, file.blob, fingerprints);
    sides.set(file.path, { facts, fingerprints });
  }
  return sides;
}
