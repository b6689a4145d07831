import type { SymbolVerification, VerifyReport } from '../../types.js';
import { performance } from 'node:perf_hooks';
import { loadProjectLayout, workspacePackages } from '../../project/index.js';
import type { SymbolGraph } from '../../types.js';
import { MODULE_SYMBOL } from '../names.js';
import { compareDisagreements, compareReach, firstUnmatched, sumFigures, type Disagreement, type Figures, type HasDependent } from './compare.js';
import { graphDependents, languageServiceDependents } from './dependents.js';
import { ReferenceFinder } from './language-service.js';
import { walkClosure, type Cut } from './reach.js';
import { compareText, drawSample, sampleCandidates } from './sample.js';
import { createSymbolSites, splitId } from './symbol-sites.js';

export type { Disagreement, Figures, Level, Side } from './compare.js';
export type { SymbolVerification, VerifyReport } from '../../types.js';
export type { Cut } from './reach.js';
export { createRandom, drawSample, sampleCandidates } from './sample.js';

export interface VerifyInput {
  /** Absolute repository root; the language service reads the files at `root/path`. */
  root: string;
  /** Every repo-relative path (code, configs); the code files of `graph` make the program. */
  paths: readonly string[];
  /** Text of a path, the same as `graph` was built from. */
  readText(path: string): string | undefined;
  /** blast's graph of the same files (`buildGraph`). */
  graph: SymbolGraph;
  /** How many exported symbols to draw. */
  sample: number;
  seed: number;
  /** Verify exactly these symbol ids instead of a sample (members included). */
  symbols?: readonly string[];
  /** The bar, as fractions (defaults 0.99 and 0.9). */
  minRecall?: number;
  minPrecision?: number;
  /** Symbols the language service expands per transitive closure (default 2000). */
  maxSymbols?: number;
  /** Time budget: past it, closures not yet walked keep their direct level only. */
  maxSeconds?: number;
  onProgress?: (done: number, total: number) => void;
}



/**
 * `blast verify`: measures blast's graph against TypeScript's language service.
 * Input: the repository on disk, its graph and a seeded sample size. Output: file-level recall
 * and precision of blast's dependents, direct and transitive, and every disagreement with the
 * chain that led each side there. Errors: ProjectError for an unreadable tsconfig.
 * Rules, the same on both sides: a reference inside the symbol's own declaration is no use of
 * it; import and export specifiers are not uses (re-exports are transparent); a dependent is
 * the graph symbol whose lines hold the reference; `<module>` is reached, never expanded; the
 * transitive level is the closure over references, so blast's structural edges (a class on its
 * own member), which stand for no reference, are not followed there but counted apart.
 */
export function verifyGraph(input: VerifyInput): VerifyReport {
  const started = performance.now();
  const { graph } = input;
  const minRecall = input.minRecall ?? 0.99;
  const minPrecision = input.minPrecision ?? 0.9;
  const candidates = sampleCandidates(graph);
  const sampled = input.symbols ? [...new Set(input.symbols)].sort() : drawSample(candidates, input.sample, input.seed);

  const files = [...graph.files.keys()].sort();
  const finder = new ReferenceFinder({
    root: input.root,
    files,
    readText: input.readText,
    layout: loadProjectLayout(input),
    workspaces: workspacePackages(input.paths, input.readText),
    paths: new Set(input.paths),
  });
  const afterProgram = performance.now();

  const sites = createSymbolSites(graph, input.readText);
  const fromGraph = graphDependents(graph);
  const languageServiceErrors: Array<{ symbol: string; message: string }> = [];
  let siblingReferences = 0;
  const fromLanguageService = languageServiceDependents(finder, sites, graph, fromGraph, {
    error(symbol, error) {
      languageServiceErrors.push({ symbol, message: error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error) });
    },
    siblingReference() {
      siblingReferences++;
    },
  });
  const expandable = (id: string) => splitId(id).name !== MODULE_SYMBOL;
  const hasDependent = (dependentsOf: typeof fromGraph): HasDependent => (on, dependent) =>
    (dependentsOf(on) ?? []).some((candidate) => candidate.symbol === dependent && !candidate.containment);
  const otherSide = { 'language-service': hasDependent(fromGraph), blast: hasDependent(fromLanguageService) };
  const deadline = input.maxSeconds === undefined ? Infinity : started + input.maxSeconds * 1000;
  const limits = { maxSymbols: input.maxSymbols ?? 2000, deadline, now: () => performance.now() };
  const unbounded = { maxSymbols: Infinity, deadline: Infinity, now: () => 0 };

  const unlocated: string[] = [];
  const symbols: SymbolVerification[] = [];
  const disagreements: Disagreement[] = [];
  sampled.forEach((id, index) => {
    input.onProgress?.(index, sampled.length);
    if (fromLanguageService(id) === undefined) {
      unlocated.push(id);
      return;
    }
    const truth = walkClosure(id, fromLanguageService, limits, expandable);
    const blast = walkClosure(id, fromGraph, unbounded, expandable);
    const walked = walkClosure(id, fromGraph, unbounded, expandable, true);
    const direct = compareReach(id, 'direct', truth.direct, blast.direct);
    disagreements.push(...direct.disagreements);
    const containmentOnlyFiles = [...walked.transitive.keys()].filter((file) => !blast.transitive.has(file)).length;
    const verification: SymbolVerification = { id, direct: direct.figures, containmentOnlyFiles };
    if (truth.cut === undefined) {
      const transitive = compareReach(id, 'transitive', truth.transitive, blast.transitive);
      disagreements.push(...transitive.disagreements);
      verification.transitive = transitive.figures;
    } else {
      verification.cut = truth.cut;
    }
    symbols.push(verification);
  });
  input.onProgress?.(sampled.length, sampled.length);

  const direct = sumFigures(symbols.map((symbol) => symbol.direct));
  const compared = symbols.filter((symbol) => symbol.transitive !== undefined);
  const complete = compared.flatMap((symbol) => (symbol.transitive ? [symbol.transitive] : []));
  const containmentOnlyFiles = compared.reduce((sum, symbol) => sum + symbol.containmentOnlyFiles, 0);
  const transitive = { ...sumFigures(complete), symbols: complete.length, containmentOnlyFiles };
  const failures = [
    ...belowBar('direct', direct, minRecall, minPrecision),
    ...(complete.length > 0 ? belowBar('transitive', transitive, minRecall, minPrecision) : []),
  ];
  for (const disagreement of disagreements) {
    const unmatched = firstUnmatched(disagreement.chain, otherSide[disagreement.seenBy]);
    if (unmatched) disagreement.unmatched = unmatched;
  }
  const finished = performance.now();
  return {
    seed: input.seed,
    candidates: candidates.length,
    sampled,
    unlocated,
    languageServiceErrors: languageServiceErrors.sort((a, b) => compareText(a.symbol, b.symbol)),
    direct,
    transitive,
    symbols,
    disagreements: disagreements.sort(compareDisagreements),
    minRecall,
    minPrecision,
    failures,
    programFiles: files.length,
    siblingReferences,
    timingsMs: {
      languageService: Math.round(afterProgram - started),
      references: Math.round(finished - afterProgram),
      total: Math.round(finished - started),
    },
  };
}

function belowBar(level: string, figures: Figures, minRecall: number, minPrecision: number): string[] {
  const failures: string[] = [];
  if (figures.recall < minRecall) failures.push(`${level} recall ${percent(figures.recall)} is below ${percent(minRecall)}`);
  if (figures.precision < minPrecision) failures.push(`${level} precision ${percent(figures.precision)} is below ${percent(minPrecision)}`);
  return failures;
}

function percent(fraction: number): string {
  return `${(Math.floor(fraction * 1000) / 10).toFixed(1)}%`;
}
