import { ts } from 'ts-morph';
import type { SymbolGraph } from '../../types.js';
import { classifyReference } from './reference-kind.js';
import type { ReferenceFinder } from './language-service.js';
import { sortDependents, type Dependent, type DependentsOf } from './reach.js';
import { isWithin, splitId, type SymbolSites } from './symbol-sites.js';

/**
 * blast's dependents of a symbol: the `from` side of its reverse edges, every edge kind. A
 * structural edge (a container on its member) is kept as containment: blast's walk follows it.
 */
export function graphDependents(graph: SymbolGraph): DependentsOf {
  const memo = new Map<string, Dependent[]>();
  return (id) => {
    const cached = memo.get(id);
    if (cached) return cached;
    const dependents = sortDependents(
      (graph.dependents.get(id) ?? []).map((edge): Dependent => {
        const file = graph.symbols.get(edge.from)?.file ?? splitId(edge.from).file;
        return edge.structural ? { symbol: edge.from, file, containment: true } : { symbol: edge.from, file };
      }),
    );
    memo.set(id, dependents);
    return dependents;
  };
}

/**
 * The language service's dependents of a symbol: for each reference that is a use (not an
 * import or export specifier, a declaration name or a documentation link) in a file of the
 * graph, the graph symbol whose lines hold it. References inside the symbol's own declaration
 * are no dependents.
 *
 * Find-references also lists the uses of sibling implementations of an interface member
 * (`this.query()` in another class implementing the same interface); they never run the
 * symbol, so they are left out and counted (`ReferenceFinder.dispatchFilter`).
 *
 * Find-references misses some references that go-to-definition sees (it does not follow
 * `module.exports = { a }` into `const { a } = require(…)`), so each dependent blast has and
 * find-references did not list is asked the other way round: a dependent whose code names the
 * symbol, by go-to-definition, is one. blast proposes, the language service decides.
 *
 * Undefined when the symbol has no name to ask about. Memoised: the closures of a sample share
 * most of their symbols.
 */
export function languageServiceDependents(
  finder: ReferenceFinder,
  sites: SymbolSites,
  graph: SymbolGraph,
  proposed: DependentsOf,
  notes: { error(id: string, error: unknown): void; siblingReference(id: string): void },
): DependentsOf {
  const files = new Set(graph.files.keys());
  const memo = new Map<string, Dependent[] | undefined>();
  return (id) => {
    if (memo.has(id)) return memo.get(id);
    const position = sites.namePosition(id);
    let dependents: Dependent[] | undefined;
    // The language service can fail on code it does not understand; one symbol is then lost, not the run.
    if (position !== undefined) {
      try {
        dependents = askLanguageService(finder, sites, graph, files, proposed, id, position, notes.siblingReference);
      } catch (error) {
        notes.error(id, error);
      }
    }
    memo.set(id, dependents);
    return dependents;
  };
}

function askLanguageService(
  finder: ReferenceFinder,
  sites: SymbolSites,
  graph: SymbolGraph,
  files: ReadonlySet<string>,
  proposed: DependentsOf,
  id: string,
  position: number,
  onSiblingReference: (id: string) => void,
): Dependent[] {
  const found: Dependent[] = [];
  const target = { file: splitId(id).file, start: position };
  const mayRun = finder.dispatchFilter(target);
  for (const reference of finder.findReferences(target.file, position)) {
    if (!files.has(reference.file)) continue;
    const sourceFile = finder.sourceFile(reference.file);
    if (!sourceFile || classifyReference(sourceFile, reference.start) !== 'use') continue;
    const line = sourceFile.getLineAndCharacterOfPosition(reference.start).line + 1;
    const symbol = sites.enclosingSymbol(reference.file, line);
    if (isWithin(symbol, id)) continue;
    if (mayRun(reference)) found.push({ symbol, file: reference.file });
    else onSiblingReference(id);
  }
  const listed = new Set(found.map((dependent) => dependent.symbol));
  for (const candidate of proposed(id) ?? []) {
    if (candidate.containment || listed.has(candidate.symbol) || isWithin(candidate.symbol, id)) continue;
    if (namesSymbol(finder, sites, graph, candidate.symbol, id)) found.push({ symbol: candidate.symbol, file: candidate.file });
  }
  return sortDependents(found);
}

/**
 * Whether the code of `dependent` names `target`: some identifier in its lines, spelled as the
 * target's name, an export name of it, or an import binding of one of those, goes to a
 * definition inside the target's declaration.
 */
function namesSymbol(finder: ReferenceFinder, sites: SymbolSites, graph: SymbolGraph, dependent: string, target: string): boolean {
  const { file, name } = splitId(dependent);
  const facts = graph.files.get(file);
  const sourceFile = finder.sourceFile(file);
  if (!facts || !sourceFile) return false;
  const targetName = splitId(target).name;
  const names = new Set([targetName.slice(targetName.lastIndexOf('.') + 1), ...(graph.symbols.get(target)?.exportedAs ?? [])]);
  for (const binding of facts.imports) if (names.has(binding.imported)) names.add(binding.local);
  const ranges = facts.declarations
    .filter((declaration) => declaration.name === name)
    .map((declaration) => [lineStart(sourceFile, declaration.startLine), lineStart(sourceFile, declaration.endLine + 1)] as const);
  const candidates: number[] = [];
  const visit = (node: ts.Node): void => {
    if (!ranges.some(([start, end]) => node.end > start && node.pos < end)) return;
    if (ts.isIdentifier(node) && names.has(node.text)) {
      const start = node.getStart(sourceFile);
      if (ranges.some(([from, to]) => start >= from && start < to)) candidates.push(start);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return candidates.some((start) => {
    if (classifyReference(sourceFile, start) !== 'use') return false;
    return finder.findDefinitions(file, start).some((definition) => {
      const definitionFile = finder.sourceFile(definition.file);
      if (!definitionFile) return false;
      const line = definitionFile.getLineAndCharacterOfPosition(definition.start).line + 1;
      return isWithin(sites.enclosingSymbol(definition.file, line), target);
    });
  });
}

function lineStart(sourceFile: ts.SourceFile, line: number): number {
  const lines = sourceFile.getLineStarts();
  return line - 1 < lines.length ? lines[line - 1]! : sourceFile.end;
}
