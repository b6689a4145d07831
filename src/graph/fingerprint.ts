import { createHash } from 'node:crypto';
import { ts } from 'ts-morph';
import type { FileFacts, ScriptKind, SymbolFingerprint } from '../types.js';
import { factsOfSyntax, readFileSyntax, type DeclarationSite } from './extract-facts.js';
import { MODULE_SYMBOL } from './names.js';

/**
 * Fingerprints of every symbol of a file, so that a change can be told apart from trivia:
 * `hash` covers the tokens (never comments or whitespace) and where each used import binding
 * points, `signatureHash` only what users of the symbol see. Only changed files are
 * fingerprinted, so this walks tokens with `getChildren` (exact for templates, regexes and JSX)
 * rather than something faster.
 */
export function fingerprintFile(path: string, text: string, scriptKind: ScriptKind): Map<string, SymbolFingerprint> {
  return describeSource(path, text, scriptKind).fingerprints;
}

/** Facts and fingerprints of a changed file from one parse. */
export function describeSource(path: string, text: string, scriptKind: ScriptKind): { facts: FileFacts; fingerprints: Map<string, SymbolFingerprint> } {
  const syntax = readFileSyntax(path, text, scriptKind);
  const facts = factsOfSyntax(path, scriptKind, syntax);
  const importTargets = new Map(facts.imports.map((binding) => [binding.local, `${binding.specifier}:${binding.imported}:${binding.typeOnly}`]));

  const parts = new Map<string, { body: string[]; signature: string[] }>();
  syntax.sites.forEach((site, index) => {
    const entry = parts.get(site.name) ?? { body: [], signature: [] };
    parts.set(site.name, entry);
    const tokens: string[] = [];
    const signatureTokens: string[] = [];
    for (const root of site.roots) {
      collectTokens(root, syntax.sourceFile, site.skip, tokens, undefined);
      collectTokens(root, syntax.sourceFile, site.skip, signatureTokens, bodyNodesOf(root, site));
    }
    const declaration = facts.declarations[index];
    const targets = (declaration?.uses ?? [])
      .map((use) => importTargets.get(use.name))
      .filter((target): target is string => target !== undefined)
      .sort();
    const exports = [...site.exportedAs].sort();
    entry.body.push(tokens.join(' '), `targets:${targets.join(',')}`, `exports:${exports.join(',')}`);
    // Top-level code has no signature: nothing can name it, so any change to it is body.
    if (site.name !== MODULE_SYMBOL) entry.signature.push(signatureTokens.join(' '), `exports:${exports.join(',')}`);
  });

  const fingerprints = new Map<string, SymbolFingerprint>();
  for (const [name, entry] of parts) {
    fingerprints.set(name, { hash: digest(entry.body), signatureHash: digest(entry.signature) });
  }
  return { facts, fingerprints };
}

/** The parts of a declaration that its users do not see: bodies and initialisers. */
function bodyNodesOf(root: ts.Node, site: DeclarationSite): Set<ts.Node> {
  const bodies = new Set<ts.Node>();
  const addFunctionBody = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) bodies.add(node.body as ts.Node);
  };
  addFunctionBody(root);
  if (ts.isVariableDeclaration(root) || ts.isPropertyDeclaration(root)) {
    const initializer = root.initializer;
    if (initializer && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer))) {
      addFunctionBody(initializer);
    } else if (initializer && root.type) {
      // With a declared type, the initialiser is body; without one it decides the type.
      bodies.add(initializer);
    } else if (initializer && site.kind !== 'const') {
      bodies.add(initializer);
    }
  }
  if (site.kind === 'module' || site.kind === 'export' || site.kind === 'default') bodies.add(root);
  return bodies;
}

function collectTokens(
  node: ts.Node,
  sourceFile: ts.SourceFile,
  skip: ReadonlySet<ts.Node>,
  tokens: string[],
  exclude: ReadonlySet<ts.Node> | undefined,
): void {
  if (skip.has(node) || exclude?.has(node)) return;
  if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;
  const children = node.getChildren(sourceFile);
  if (children.length === 0) {
    if (node.kind === ts.SyntaxKind.EndOfFileToken) return;
    // JSX text collapses white space when rendered, so re-indenting it is trivia.
    const text = node.kind === ts.SyntaxKind.JsxText ? node.getText(sourceFile).replace(/\s+/g, ' ').trim() : node.getText(sourceFile);
    if (text !== '') tokens.push(text);
    return;
  }
  for (const child of children) collectTokens(child, sourceFile, skip, tokens, exclude);
}

function digest(parts: readonly string[]): string {
  return createHash('sha1').update(parts.join('\u0000')).digest('hex');
}

