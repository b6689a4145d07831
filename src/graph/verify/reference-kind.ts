import { ts } from 'ts-morph';

/**
 * What a reference the language service reports is, for blast's purpose:
 * - `use`: code that depends on the symbol;
 * - `binding`: an import or export specifier, `export … from`, `export default a`,
 *   `module.exports = a` — re-exports are transparent in blast (DESIGN §2), so a barrel is no user;
 * - `declaration`: the name of a declaration (the symbol's own, an override, an implementation);
 * - `doc`: `{@link X}` and `@see X` in documentation comments.
 */
export type ReferenceKind = 'use' | 'binding' | 'declaration' | 'doc';

const docKinds = new Set<ts.SyntaxKind>([ts.SyntaxKind.JSDocLink, ts.SyntaxKind.JSDocLinkCode, ts.SyntaxKind.JSDocLinkPlain, ts.SyntaxKind.JSDocSeeTag]);
const bindingKinds = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.ImportDeclaration,
  ts.SyntaxKind.ImportEqualsDeclaration,
  ts.SyntaxKind.ExportDeclaration,
  ts.SyntaxKind.JSDocImportTag,
]);

/** Declarations whose `name` is a definition, not a use of what it names. */
const declarationKinds = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.ClassExpression,
  ts.SyntaxKind.InterfaceDeclaration,
  ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.EnumDeclaration,
  ts.SyntaxKind.EnumMember,
  ts.SyntaxKind.ModuleDeclaration,
  ts.SyntaxKind.VariableDeclaration,
  ts.SyntaxKind.Parameter,
  ts.SyntaxKind.TypeParameter,
  ts.SyntaxKind.PropertyDeclaration,
  ts.SyntaxKind.PropertySignature,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.MethodSignature,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
  ts.SyntaxKind.PropertyAssignment,
]);

export function classifyReference(sourceFile: ts.SourceFile, position: number): ReferenceKind {
  const chain = nodesAt(sourceFile, position);
  const node = chain[chain.length - 1];
  if (node === undefined) return 'use';
  if (chain.some((ancestor) => docKinds.has(ancestor.kind))) return 'doc';
  if (chain.some((ancestor) => bindingKinds.has(ancestor.kind))) return 'binding';
  const parent = node.parent;
  if (parent === undefined) return 'use';
  if (ts.isExportAssignment(parent) && parent.expression === node) return 'binding';
  if (isCommonJsReExport(node)) return 'binding';
  // A binding element without a property name (`const { a } = ns`) reads property `a`.
  if (ts.isBindingElement(parent)) return parent.name === node && parent.propertyName !== undefined ? 'declaration' : 'use';
  if (declarationKinds.has(parent.kind) && (parent as { name?: ts.Node }).name === node) return 'declaration';
  return 'use';
}

/** The innermost node holding `position` (a reference's identifier, where one starts). */
export function nodeAt(sourceFile: ts.SourceFile, position: number): ts.Node | undefined {
  return nodesAt(sourceFile, position).at(-1);
}

/** The nodes from the file down to the innermost one holding `position`, JSDoc included. */
function nodesAt(sourceFile: ts.SourceFile, position: number): ts.Node[] {
  const chain: ts.Node[] = [];
  let node: ts.Node | undefined = sourceFile;
  while (node !== undefined) {
    chain.push(node);
    // getChildren, unlike forEachChild, has the JSDoc comments and the tokens.
    node = node.getChildren(sourceFile).find((child) => child.pos <= position && position < child.end && child.kind !== ts.SyntaxKind.EndOfFileToken);
  }
  return chain;
}

/** `module.exports = a`, `exports.b = a`, `module.exports = { a, b: a }` at the top level. */
function isCommonJsReExport(node: ts.Node): boolean {
  let value: ts.Node = node;
  let parent = node.parent;
  if (ts.isShorthandPropertyAssignment(parent) || (ts.isPropertyAssignment(parent) && parent.initializer === node)) {
    value = parent.parent;
    parent = value.parent;
  }
  if (!parent || !ts.isBinaryExpression(parent) || parent.right !== value || parent.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  if (!ts.isExpressionStatement(parent.parent) || !ts.isSourceFile(parent.parent.parent)) return false;
  // Only `module.exports = { … }` lists exports; `exports.a = { b }` is a value built from `b`.
  if (value !== node) return isModuleExports(parent.left);
  const left = parent.left;
  return ts.isPropertyAccessExpression(left) && (isModuleExports(left) || (ts.isIdentifier(left.expression) && left.expression.text === 'exports') || isModuleExports(left.expression));
}

function isModuleExports(expression: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.expression) && expression.expression.text === 'module' && expression.name.text === 'exports';
}
