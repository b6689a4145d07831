import { ts } from 'ts-morph';
import type { Declaration, SymbolGraph } from '../../types.js';
import { MODULE_SYMBOL, readFileSyntax, type DeclarationSite } from '../extract-facts.js';

/**
 * Where the graph's symbols are in their files: the position of a symbol's declared name (what
 * the language service is asked about) and, the other way round, the innermost symbol whose
 * lines hold a given line (what a reference found by the language service belongs to).
 */
export interface SymbolSites {
  /** Offset of the symbol's name in its file, or undefined when it has none to ask about. */
  namePosition(id: string): number | undefined;
  /** The innermost symbol of the file whose lines hold `line`; `<module>` when none does. */
  enclosingSymbol(file: string, line: number): string;
}

export function createSymbolSites(graph: SymbolGraph, readText: (path: string) => string | undefined): SymbolSites {
  const positions = new Map<string, Map<string, number>>();
  const byFile = new Map<string, readonly Declaration[]>();

  const positionsOf = (file: string): Map<string, number> => {
    const cached = positions.get(file);
    if (cached) return cached;
    const found = new Map<string, number>();
    const facts = graph.files.get(file);
    const text = readText(file);
    if (facts && text !== undefined) {
      const syntax = readFileSyntax(file, text, facts.scriptKind);
      for (const site of syntax.sites) {
        if (found.has(site.name)) continue;
        const position = namePositionOf(site, syntax.sourceFile);
        if (position !== undefined) found.set(site.name, position);
      }
    }
    positions.set(file, found);
    return found;
  };

  const declarationsOf = (file: string): readonly Declaration[] => {
    const cached = byFile.get(file);
    if (cached) return cached;
    // Innermost first: the latest start, then the earliest end, then the deepest name.
    const sorted = [...(graph.files.get(file)?.declarations ?? [])].sort(
      (a, b) => b.startLine - a.startLine || a.endLine - b.endLine || depthOf(b.name) - depthOf(a.name),
    );
    byFile.set(file, sorted);
    return sorted;
  };

  return {
    namePosition(id) {
      const { file, name } = splitId(id);
      if (name === MODULE_SYMBOL) return undefined;
      return positionsOf(file).get(name);
    },
    enclosingSymbol(file, line) {
      const declaration = declarationsOf(file).find((candidate) => candidate.startLine <= line && line <= candidate.endLine);
      return `${file}#${declaration?.name ?? MODULE_SYMBOL}`;
    },
  };
}

/** DESIGN §2: split at the first `#` after the last `/`. */
export function splitId(id: string): { file: string; name: string } {
  const hash = id.indexOf('#', id.lastIndexOf('/') + 1);
  return { file: id.slice(0, hash), name: id.slice(hash + 1) };
}

/** Whether `id` is `container` itself or one of its members (`C`, `C.m`, `C.m.n`). */
export function isWithin(id: string, container: string): boolean {
  return id === container || id.startsWith(`${container}.`);
}

function depthOf(name: string): number {
  let depth = 0;
  for (const char of name) if (char === '.') depth++;
  return depth;
}

/** The offset of the identifier (or keyword) that names a declaration site. */
function namePositionOf(site: DeclarationSite, sourceFile: ts.SourceFile): number | undefined {
  if (site.name === MODULE_SYMBOL) return undefined;
  const node = site.rangeNode;
  const wanted = site.parent === undefined ? site.name : site.name.slice(site.parent.length + 1);
  const named = (node as { name?: ts.Node }).name;
  if (named !== undefined && nameText(named) === wanted) return named.getStart(sourceFile);
  if (ts.isConstructorDeclaration(node)) {
    const keyword = node.getChildren(sourceFile).find((child) => child.kind === ts.SyntaxKind.ConstructorKeyword);
    return keyword?.getStart(sourceFile);
  }
  for (const root of [...site.roots, node]) {
    if (ts.isVariableDeclaration(root)) {
      const binding = findBinding(root.name, wanted);
      if (binding) return binding.getStart(sourceFile);
    }
    if (ts.isVariableStatement(root)) {
      for (const declaration of root.declarationList.declarations) {
        const binding = findBinding(declaration.name, wanted);
        if (binding) return binding.getStart(sourceFile);
      }
    }
  }
  // `exports.a = …`, `module.exports.a = …`, and `module.exports = …` (named `default`).
  if (ts.isExpressionStatement(node) && ts.isBinaryExpression(node.expression) && ts.isPropertyAccessExpression(node.expression.left)) {
    return node.expression.left.name.getStart(sourceFile);
  }
  if (site.name === 'default') {
    // `export default <expression>`, `export =`, `export default function () {}`: ask at `default`
    // (or at `=`), which the language service takes for the module's default export.
    const keyword = node.getChildren(sourceFile).find((child) => child.kind === ts.SyntaxKind.DefaultKeyword || child.kind === ts.SyntaxKind.EqualsToken);
    if (keyword) return keyword.getStart(sourceFile);
    const modifier = ts.canHaveModifiers(node) ? ts.getModifiers(node)?.find((candidate) => candidate.kind === ts.SyntaxKind.DefaultKeyword) : undefined;
    if (modifier) return modifier.getStart(sourceFile);
  }
  return undefined;
}

function nameText(node: ts.Node): string | undefined {
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node) || ts.isStringLiteral(node) || ts.isNumericLiteral(node)) return node.text;
  return undefined;
}

function findBinding(name: ts.BindingName, wanted: string): ts.Identifier | undefined {
  if (ts.isIdentifier(name)) return name.text === wanted ? name : undefined;
  for (const element of name.elements) {
    if (!ts.isBindingElement(element)) continue;
    const found = findBinding(element.name, wanted);
    if (found) return found;
  }
  return undefined;
}
