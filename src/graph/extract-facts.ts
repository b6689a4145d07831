import { ts } from 'ts-morph';
import type { Declaration, FileFacts, ImportBinding, LocalExport, ReExport, ScriptKind } from '../types.js';
import { addBindingNames, collectUses } from './collect-uses.js';
import { lineOf, parseSource, syntaxErrors } from './parse.js';

import { EXPORT_EQUALS, MODULE_SYMBOL } from './names.js';

export { EXPORT_EQUALS, MODULE_SYMBOL } from './names.js';

/** A declaration with the syntax it came from, before its uses are collected. */
export interface DeclarationSite {
  name: string;
  kind: string;
  /** The nodes whose references are this symbol's uses. */
  roots: ts.Node[];
  /** The node whose range is the symbol's lines (leading JSDoc included). */
  rangeNode: ts.Node;
  /** The first declarator of a multi-declarator statement starts at the statement. */
  rangeStart?: number;
  exportedAs: string[];
  parent?: string;
  thisClass?: string;
  /** Descendants that are symbols of their own. */
  skip: Set<ts.Node>;
}

export interface FileSyntax {
  sourceFile: ts.SourceFile;
  sites: DeclarationSite[];
  imports: ImportBinding[];
  reExports: ReExport[];
  localExports: LocalExport[];
  sideEffectImports: Array<{ specifier: string; line: number }>;
}

/**
 * Per-file facts from a syntax tree alone (no program, no checker): declarations with their
 * line ranges and the bindings each one uses, import bindings, re-exports and local exports.
 * This is what the symbol graph is built from, and what the cache stores by blob id.
 */
export function extractFacts(path: string, text: string, scriptKind: ScriptKind): FileFacts {
  return factsOfSyntax(path, scriptKind, readFileSyntax(path, text, scriptKind));
}

export function factsOfSyntax(path: string, scriptKind: ScriptKind, syntax: FileSyntax): FileFacts {
  const { sourceFile } = syntax;
  const topLevelNames = new Set<string>(syntax.imports.map((binding) => binding.local));
  for (const site of syntax.sites) if (site.name !== MODULE_SYMBOL) topLevelNames.add(rootName(site.name));

  const declarations: Declaration[] = syntax.sites.map((site) => {
    const context = {
      sourceFile,
      topLevelNames,
      skip: site.skip,
      selfName: rootName(site.name),
      ...(site.thisClass === undefined ? {} : { thisClass: site.thisClass }),
    };
    const { uses, moduleUses, memberAccesses } = collectUses(site.roots, context);
    const declaration: Declaration = {
      name: site.name,
      kind: site.kind,
      startLine: lineOf(sourceFile, site.rangeStart ?? site.rangeNode.getStart(sourceFile, true)),
      endLine: lineOf(sourceFile, site.rangeNode.getEnd()),
      exportedAs: site.exportedAs,
      uses,
      moduleUses,
    };
    if (site.parent !== undefined) declaration.parent = site.parent;
    if (memberAccesses.length > 0) declaration.memberAccesses = memberAccesses;
    const memberTypes = memberTypesOf(site.rangeNode);
    if (memberTypes) declaration.memberTypes = memberTypes;
    const returns = returnsOf(site);
    if (returns !== undefined) declaration.returns = returns;
    const bases = ts.isInterfaceDeclaration(site.rangeNode) ? interfaceBases(site.rangeNode) : [];
    if (bases.length > 0) declaration.bases = bases;
    const aliasOf = ts.isTypeAliasDeclaration(site.rangeNode) ? classAliased(site.rangeNode.type) : undefined;
    if (aliasOf !== undefined) declaration.aliasOf = aliasOf;
    return declaration;
  });

  return {
    path,
    scriptKind,
    declarations,
    imports: syntax.imports,
    reExports: syntax.reExports,
    localExports: syntax.localExports,
    sideEffectImports: syntax.sideEffectImports,
    parseErrors: syntaxErrors(sourceFile),
  };
}

/** Member name -> type names its declared type mentions, for interfaces and object type aliases. */
function memberTypesOf(node: ts.Node): Record<string, string[]> | undefined {
  const members = ts.isInterfaceDeclaration(node)
    ? node.members
    : ts.isTypeAliasDeclaration(node) && ts.isTypeLiteralNode(node.type)
      ? node.type.members
      : undefined;
  if (!members) return undefined;
  const types: Record<string, string[]> = {};
  for (const member of members) {
    if (!member.name || !(ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))) continue;
    const isMethod = ts.isMethodSignature(member);
    const type = ts.isPropertySignature(member) || isMethod ? member.type : undefined;
    if (!type) continue;
    const names = new Set<string>();
    addTypeNames(type, names);
    if (names.size > 0) types[isMethod ? `${member.name.text}()` : member.name.text] = [...names].sort();
  }
  return Object.keys(types).length > 0 ? types : undefined;
}

/**
 * What a function or method gives its callers, by name: the types its declared return type
 * mentions, else what every `return` hands back — a `new C()` or a call `f()` (whose own return
 * leads on). Undefined when some return is anything else: then all it uses may be returned.
 */
function returnsOf(site: DeclarationSite): string[] | undefined {
  const [root] = site.roots;
  const fn =
    root !== undefined && (ts.isFunctionDeclaration(root) || ts.isMethodDeclaration(root))
      ? root
      : root !== undefined && ts.isVariableDeclaration(root) && root.initializer && (ts.isArrowFunction(root.initializer) || ts.isFunctionExpression(root.initializer))
        ? root.initializer
        : undefined;
  if (fn === undefined) return undefined;
  const names = new Set<string>();
  if (fn.type) {
    addTypeNames(fn.type, names);
    return [...names].sort();
  }
  const body = fn.body;
  if (body === undefined) return undefined;
  const returned: ts.Expression[] = [];
  if (ts.isBlock(body)) {
    let bare = false;
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
      if (ts.isReturnStatement(node)) {
        if (node.expression) returned.push(node.expression);
        else bare = true;
      }
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(body, visit);
    if (bare) return undefined;
  } else {
    returned.push(body);
  }
  for (const expression of returned) {
    let value = expression;
    while (ts.isParenthesizedExpression(value) || ts.isAwaitExpression(value) || ts.isNonNullExpression(value)) value = value.expression;
    const callee = ts.isNewExpression(value) || ts.isCallExpression(value) ? value.expression : undefined;
    if (callee === undefined || !ts.isIdentifier(callee)) return undefined;
    names.add(callee.text);
  }
  return names.size > 0 ? [...names].sort() : undefined;
}

function addTypeNames(type: ts.Node, names: Set<string>): void {
  if (ts.isTypeReferenceNode(type)) names.add(ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text);
  ts.forEachChild(type, (child) => addTypeNames(child, names));
}

/** `interface A extends B, ns.C` extends `B` and `C`. */
function interfaceBases(node: ts.InterfaceDeclaration): string[] {
  return (node.heritageClauses ?? []).flatMap((clause) =>
    clause.types.flatMap((type) => {
      const expression = type.expression;
      if (ts.isIdentifier(expression)) return [expression.text];
      return ts.isPropertyAccessExpression(expression) ? [expression.name.text] : [];
    }),
  );
}

/** The binding a type alias names whole: `C`, `C<T>`, `typeof C`, `InstanceType<typeof C>`. */
function classAliased(type: ts.TypeNode): string | undefined {
  let node = type;
  while (ts.isParenthesizedTypeNode(node)) node = node.type;
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
    const [argument] = node.typeArguments ?? [];
    if (node.typeName.text === 'InstanceType' && argument !== undefined) return classAliased(argument);
    return node.typeName.text;
  }
  if (ts.isTypeQueryNode(node) && ts.isIdentifier(node.exprName)) return node.exprName.text;
  return undefined;
}

/** `Class.member` and `Ns.member` belong to the top-level binding `Class` / `Ns`. */
function rootName(name: string): string {
  const dot = name.indexOf('.');
  return dot === -1 ? name : name.slice(0, dot);
}

/** The declaration sites and module-level bindings of a file, with their syntax nodes. */
export function readFileSyntax(path: string, text: string, scriptKind: ScriptKind): FileSyntax {
  const sourceFile = parseSource(path, text, scriptKind);
  const syntax: FileSyntax = { sourceFile, sites: [], imports: [], reExports: [], localExports: [], sideEffectImports: [] };
  for (const statement of sourceFile.statements) readStatement(statement, syntax);
  attachLocalExports(syntax);
  return syntax;
}

function readStatement(statement: ts.Statement, syntax: FileSyntax): void {
  const { sourceFile } = syntax;
  const line = () => lineOf(sourceFile, statement.getStart(sourceFile));

  if (ts.isImportDeclaration(statement)) {
    readImport(statement, syntax, line());
    return;
  }
  if (ts.isImportEqualsDeclaration(statement)) {
    const reference = statement.moduleReference;
    if (ts.isExternalModuleReference(reference) && ts.isStringLiteralLike(reference.expression)) {
      syntax.imports.push({
        local: statement.name.text,
        imported: '*',
        specifier: reference.expression.text,
        typeOnly: statement.isTypeOnly,
        line: line(),
        isRequire: true,
      });
      if (hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
        syntax.localExports.push({ exported: statement.name.text, local: statement.name.text, line: line() });
      }
    } else {
      syntax.sites.push(site(statement.name.text, 'alias', statement, exportNames(statement, statement.name.text)));
    }
    return;
  }
  if (ts.isExportDeclaration(statement)) {
    readExportDeclaration(statement, syntax, line());
    return;
  }
  if (ts.isExportAssignment(statement)) {
    const exported = statement.isExportEquals ? EXPORT_EQUALS : 'default';
    if (ts.isIdentifier(statement.expression)) {
      syntax.localExports.push({ exported, local: statement.expression.text, line: line() });
    } else {
      syntax.sites.push(site('default', 'default', statement, [exported]));
    }
    return;
  }
  if (ts.isFunctionDeclaration(statement)) {
    const name = statement.name?.text ?? 'default';
    syntax.sites.push(site(name, 'function', statement, exportNames(statement, name)));
    return;
  }
  if (ts.isClassDeclaration(statement)) {
    const name = statement.name?.text ?? 'default';
    readClass(statement, name, exportNames(statement, name), syntax);
    return;
  }
  if (ts.isInterfaceDeclaration(statement)) {
    syntax.sites.push(site(statement.name.text, 'interface', statement, exportNames(statement, statement.name.text)));
    return;
  }
  if (ts.isTypeAliasDeclaration(statement)) {
    syntax.sites.push(site(statement.name.text, 'type', statement, exportNames(statement, statement.name.text)));
    return;
  }
  if (ts.isEnumDeclaration(statement)) {
    syntax.sites.push(site(statement.name.text, 'enum', statement, exportNames(statement, statement.name.text)));
    return;
  }
  if (ts.isModuleDeclaration(statement)) {
    readModuleDeclaration(statement, syntax);
    return;
  }
  if (ts.isVariableStatement(statement)) {
    readVariableStatement(statement, syntax);
    return;
  }
  if (readCommonJsExport(statement, syntax)) return;
  // Anything else at the top level runs when the module loads: the file's `<module>` symbol.
  syntax.sites.push(site(MODULE_SYMBOL, 'module', statement, []));
}

function readImport(statement: ts.ImportDeclaration, syntax: FileSyntax, line: number): void {
  if (!ts.isStringLiteralLike(statement.moduleSpecifier)) return;
  const specifier = statement.moduleSpecifier.text;
  const clause = statement.importClause;
  if (!clause) {
    syntax.sideEffectImports.push({ specifier, line });
    return;
  }
  const clauseTypeOnly = clause.isTypeOnly;
  if (clause.name) {
    syntax.imports.push({ local: clause.name.text, imported: 'default', specifier, typeOnly: clauseTypeOnly, line });
  }
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) {
    syntax.imports.push({ local: bindings.name.text, imported: '*', specifier, typeOnly: clauseTypeOnly, line });
  } else if (bindings) {
    for (const element of bindings.elements) {
      syntax.imports.push({
        local: element.name.text,
        imported: moduleExportName(element.propertyName ?? element.name),
        specifier,
        typeOnly: clauseTypeOnly || element.isTypeOnly,
        line,
      });
    }
  }
}

function readExportDeclaration(statement: ts.ExportDeclaration, syntax: FileSyntax, line: number): void {
  const specifier =
    statement.moduleSpecifier && ts.isStringLiteralLike(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
  const clause = statement.exportClause;
  if (specifier !== undefined) {
    if (!clause) {
      syntax.reExports.push({ exported: '*', imported: '*', specifier, typeOnly: statement.isTypeOnly, line });
    } else if (ts.isNamespaceExport(clause)) {
      syntax.reExports.push({ exported: moduleExportName(clause.name), imported: '*', specifier, typeOnly: statement.isTypeOnly, line });
    } else {
      for (const element of clause.elements) {
        syntax.reExports.push({
          exported: moduleExportName(element.name),
          imported: moduleExportName(element.propertyName ?? element.name),
          specifier,
          typeOnly: statement.isTypeOnly || element.isTypeOnly,
          line,
        });
      }
    }
    return;
  }
  if (clause && ts.isNamedExports(clause)) {
    for (const element of clause.elements) {
      syntax.localExports.push({
        exported: moduleExportName(element.name),
        local: moduleExportName(element.propertyName ?? element.name),
        line,
      });
    }
  }
}

function readClass(node: ts.ClassDeclaration, name: string, exportedAs: string[], syntax: FileSyntax): void {
  const classSite = site(name, 'class', node, exportedAs);
  const members: DeclarationSite[] = [];
  for (const member of node.members) {
    const memberName = memberNameOf(member);
    if (memberName === undefined) continue;
    classSite.skip.add(member);
    const memberSite = site(`${name}.${memberName}`, memberKindOf(member), member, []);
    memberSite.parent = name;
    memberSite.thisClass = name;
    members.push(memberSite);
    if (ts.isConstructorDeclaration(member)) members.push(...parameterProperties(member, name));
  }
  syntax.sites.push(classSite, ...members);
}

/** `constructor(private readonly users: Users)` declares the property `users` too. */
function parameterProperties(constructor: ts.ConstructorDeclaration, className: string): DeclarationSite[] {
  return constructor.parameters.flatMap((parameter) => {
    if (!ts.isIdentifier(parameter.name) || !ts.isParameterPropertyDeclaration(parameter, constructor)) return [];
    const property = site(`${className}.${parameter.name.text}`, 'property', parameter, []);
    property.parent = className;
    property.thisClass = className;
    return [property];
  });
}

function memberNameOf(member: ts.ClassElement): string | undefined {
  if (ts.isConstructorDeclaration(member)) return 'constructor';
  const name = member.name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) {
    return name.text;
  }
  return undefined;
}

function memberKindOf(member: ts.ClassElement): string {
  if (ts.isMethodDeclaration(member)) return 'method';
  if (ts.isPropertyDeclaration(member)) return 'property';
  if (ts.isGetAccessorDeclaration(member)) return 'getter';
  if (ts.isSetAccessorDeclaration(member)) return 'setter';
  if (ts.isConstructorDeclaration(member)) return 'constructor';
  return 'member';
}

function readModuleDeclaration(node: ts.ModuleDeclaration, syntax: FileSyntax): void {
  if (ts.isStringLiteral(node.name)) {
    // `declare module 'x' {}` augments another module: one symbol, named so it cannot clash.
    const name = `module:${node.name.text.replaceAll('/', '%2F')}`;
    syntax.sites.push(site(name, 'module-augmentation', node, []));
    return;
  }
  const name = node.name.text;
  if (name === 'global') {
    syntax.sites.push(site('global', 'global', node, []));
    return;
  }
  readNamespace(node, name, exportNames(node, name), syntax, undefined);
}

function readNamespace(
  node: ts.ModuleDeclaration,
  name: string,
  exportedAs: string[],
  syntax: FileSyntax,
  parent: string | undefined,
): void {
  const namespaceSite = site(name, 'namespace', node, exportedAs);
  if (parent !== undefined) namespaceSite.parent = parent;
  syntax.sites.push(namespaceSite);
  const body = node.body;
  if (!body) return;
  if (ts.isModuleDeclaration(body)) {
    // `namespace A.B {}` nests B inside A.
    namespaceSite.skip.add(body);
    readNamespace(body, `${name}.${body.name.text}`, [], syntax, name);
    return;
  }
  if (!ts.isModuleBlock(body)) return;
  for (const statement of body.statements) {
    for (const [memberName, kind, memberNode] of namespaceMembers(statement)) {
      namespaceSite.skip.add(memberNode);
      if (ts.isModuleDeclaration(memberNode)) {
        readNamespace(memberNode, `${name}.${memberName}`, [], syntax, name);
        continue;
      }
      const memberSite = site(`${name}.${memberName}`, kind, memberNode, []);
      memberSite.parent = name;
      syntax.sites.push(memberSite);
    }
  }
}

function namespaceMembers(statement: ts.Statement): Array<[string, string, ts.Node]> {
  if (ts.isVariableStatement(statement)) {
    const kind = variableKind(statement.declarationList);
    const names = new Set<string>();
    for (const declaration of statement.declarationList.declarations) addBindingNames(declaration.name, names);
    return [...names].map((name) => [name, kind, statement]);
  }
  if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) return [[statement.name.text, 'namespace', statement]];
  const kinds: Array<[(node: ts.Node) => boolean, string]> = [
    [ts.isFunctionDeclaration, 'function'],
    [ts.isClassDeclaration, 'class'],
    [ts.isInterfaceDeclaration, 'interface'],
    [ts.isTypeAliasDeclaration, 'type'],
    [ts.isEnumDeclaration, 'enum'],
  ];
  for (const [test, kind] of kinds) {
    const named = statement as { name?: ts.Node };
    if (test(statement) && named.name && ts.isIdentifier(named.name)) return [[named.name.text, kind, statement]];
  }
  return [];
}

function readVariableStatement(statement: ts.VariableStatement, syntax: FileSyntax): void {
  const kind = variableKind(statement.declarationList);
  const isExported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
  const declarations = statement.declarationList.declarations;
  declarations.forEach((declaration, index) => {
    if (readRequireBinding(declaration, syntax)) return;
    const names = new Set<string>();
    addBindingNames(declaration.name, names);
    // A lone declarator spans its statement (keywords, JSDoc); in a list each spans itself.
    const rangeNode = declarations.length === 1 ? statement : declaration;
    for (const name of names) {
      const declarationSite = site(name, kind, rangeNode, isExported ? [name] : []);
      declarationSite.roots = [declaration];
      if (declarations.length > 1 && index === 0) declarationSite.rangeStart = statement.getStart(syntax.sourceFile, true);
      syntax.sites.push(declarationSite);
    }
  });
}

/** `const x = require('m')` and `const { a, b: c } = require('m')` are import bindings. */
function readRequireBinding(declaration: ts.VariableDeclaration, syntax: FileSyntax): boolean {
  const specifier = requireSpecifier(declaration.initializer);
  if (specifier === undefined) return false;
  const line = lineOf(syntax.sourceFile, declaration.getStart(syntax.sourceFile));
  if (ts.isIdentifier(declaration.name)) {
    syntax.imports.push({ local: declaration.name.text, imported: '*', specifier, typeOnly: false, line, isRequire: true });
    return true;
  }
  if (ts.isObjectBindingPattern(declaration.name)) {
    for (const element of declaration.name.elements) {
      if (element.dotDotDotToken || !ts.isIdentifier(element.name)) return false;
      const property = element.propertyName;
      const imported = property === undefined ? element.name.text : ts.isIdentifier(property) || ts.isStringLiteral(property) ? property.text : undefined;
      if (imported === undefined) return false;
      syntax.imports.push({ local: element.name.text, imported, specifier, typeOnly: false, line, isRequire: true });
    }
    return true;
  }
  return false;
}

function requireSpecifier(expression: ts.Expression | undefined): string | undefined {
  if (!expression || !ts.isCallExpression(expression)) return undefined;
  if (!ts.isIdentifier(expression.expression) || expression.expression.text !== 'require') return undefined;
  const [argument] = expression.arguments;
  return argument !== undefined && ts.isStringLiteralLike(argument) ? argument.text : undefined;
}

/**
 * CommonJS exports at the top level: `module.exports = x`, `module.exports = { a, b: c }`,
 * `exports.a = …` and `module.exports.a = …`. Returns false for any other statement.
 */
function readCommonJsExport(statement: ts.Statement, syntax: FileSyntax): boolean {
  if (!ts.isExpressionStatement(statement)) return false;
  const expression = statement.expression;
  if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const target = commonJsTarget(expression.left);
  if (target === undefined) return false;
  const line = lineOf(syntax.sourceFile, statement.getStart(syntax.sourceFile));
  const value = expression.right;
  if (target === EXPORT_EQUALS && ts.isObjectLiteralExpression(value)) {
    for (const property of value.properties) {
      const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined;
      if (name === undefined) {
        syntax.sites.push(site(MODULE_SYMBOL, 'module', property, []));
      } else if (ts.isShorthandPropertyAssignment(property)) {
        syntax.localExports.push({ exported: name, local: name, line });
      } else if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.initializer)) {
        syntax.localExports.push({ exported: name, local: property.initializer.text, line });
      } else {
        const propertySite = site(name, 'export', property, [name]);
        syntax.sites.push(propertySite);
      }
    }
    return true;
  }
  if (ts.isIdentifier(value)) {
    syntax.localExports.push({ exported: target, local: value.text, line });
    return true;
  }
  const name = target === EXPORT_EQUALS ? 'default' : target;
  const exportSite = site(name, 'export', statement, [target]);
  exportSite.roots = [value];
  syntax.sites.push(exportSite);
  return true;
}

function commonJsTarget(left: ts.Expression): string | undefined {
  if (!ts.isPropertyAccessExpression(left)) return undefined;
  const object = left.expression;
  const isModuleExports = (node: ts.Expression) =>
    ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'module' && node.name.text === 'exports';
  if (isModuleExports(left)) return EXPORT_EQUALS;
  if (ts.isIdentifier(object) && object.text === 'exports') return left.name.text;
  if (isModuleExports(object)) return left.name.text;
  return undefined;
}

/** `export {a as b}` of a local declaration adds `b` to the declaration's export names. */
function attachLocalExports(syntax: FileSyntax): void {
  const importedNames = new Set(syntax.imports.map((binding) => binding.local));
  const kept: LocalExport[] = [];
  for (const localExport of syntax.localExports) {
    const targets = syntax.sites.filter((candidate) => candidate.name === localExport.local);
    if (targets.length > 0 && !importedNames.has(localExport.local)) {
      for (const target of targets) {
        if (!target.exportedAs.includes(localExport.exported)) target.exportedAs.push(localExport.exported);
      }
    }
    // Kept in every case: resolution of an export name reads local exports first.
    kept.push(localExport);
  }
  syntax.localExports = kept;
}

function site(name: string, kind: string, node: ts.Node, exportedAs: string[]): DeclarationSite {
  return { name, kind, roots: [node], rangeNode: node, exportedAs, skip: new Set() };
}

function exportNames(node: ts.Node, name: string): string[] {
  if (!hasModifier(node, ts.SyntaxKind.ExportKeyword)) return [];
  return hasModifier(node, ts.SyntaxKind.DefaultKeyword) ? ['default'] : [name];
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === kind);
}

function variableKind(list: ts.VariableDeclarationList): string {
  if (list.flags & ts.NodeFlags.Const) return 'const';
  if (list.flags & ts.NodeFlags.Let) return 'let';
  return 'var';
}

function moduleExportName(name: ts.ModuleExportName): string {
  return name.text;
}
