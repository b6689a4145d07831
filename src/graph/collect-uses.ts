import { ts } from 'ts-morph';
import type { BindingUse, ModuleUse } from '../types.js';
import { lineOf } from './parse.js';

/** What a walk over one declaration needs to know about its file. */
export interface UseContext {
  sourceFile: ts.SourceFile;
  /** Top-level bindings of the file: declarations and import bindings. */
  topLevelNames: ReadonlySet<string>;
  /** Nodes inside the walked roots that are symbols of their own (class members, namespace members). */
  skip: ReadonlySet<ts.Node>;
  /** The symbol's own name: a declaration referring to itself is no edge. */
  selfName: string;
  /** For class members: the class name, so `this.x` becomes a use of member `x`. */
  thisClass?: string;
}

export interface CollectedUses {
  uses: BindingUse[];
  moduleUses: ModuleUse[];
  memberAccesses: string[];
}

/**
 * The bindings of the file that the given nodes reference, with their position kind.
 * Names shadowed by a local declaration, a parameter or a type parameter are not references to
 * the top-level binding; property names, labels and declaration names are not references at all.
 */
export function collectUses(roots: readonly ts.Node[], context: UseContext): CollectedUses {
  const byKey = new Map<string, BindingUse>();
  const moduleUses: ModuleUse[] = [];
  const memberAccesses = new Set<string>();
  // `const repo = manager.getRepository(User)` then `repo.save()`: read as `getRepository().save`.
  const localOrigins = new Map<string, string>();
  const { sourceFile, topLevelNames, skip } = context;

  const record = (name: string, member: string | undefined, isType: boolean, node: ts.Node) => {
    if (name === context.selfName && member === undefined) return;
    const key = member === undefined ? name : `${name}\u0000${member}`;
    // `keyof typeof lib` is the whole shape: every export name counts.
    const query = node.parent;
    const isTypeQuery = member === undefined && ts.isTypeQueryNode(query) && query.exprName === node && !isKeyOf(query.parent);
    // `ns[key]`: which export is read, only the running program knows.
    const isComputed = member === undefined && ts.isElementAccessExpression(query) && query.expression === node && !ts.isStringLiteralLike(query.argumentExpression);
    const existing = byKey.get(key);
    if (existing) {
      if (!isType) existing.kind = 'runtime';
      if (!isTypeQuery) delete existing.typeQuery;
      if (!isComputed) delete existing.computed;
      return;
    }
    const use: BindingUse = { name, kind: isType ? 'type' : 'runtime', line: lineOf(sourceFile, node.getStart(sourceFile)) };
    if (member !== undefined) use.member = member;
    if (isTypeQuery) use.typeQuery = true;
    if (isComputed) use.computed = true;
    byKey.set(key, use);
  };

  const visit = (node: ts.Node, scopes: ReadonlyArray<ReadonlySet<string>>, inType: boolean): void => {
    if (skip.has(node)) return;
    const declared = namesDeclaredIn(node);
    const innerScopes = declared.size > 0 ? [...scopes, declared] : scopes;
    const nodeInType = inType || isTypePosition(node);

    if (ts.isIdentifier(node)) {
      const name = node.text;
      if (topLevelNames.has(name) && isReference(node) && !isShadowed(name, scopes)) {
        const members = membersAccessed(node);
        if (members.length === 0) record(name, undefined, nodeInType, node);
        for (const member of members) record(name, member, nodeInType, node);
        // `new C()` uses the class and its constructor.
        if (ts.isNewExpression(node.parent) && node.parent.expression === node) record(name, 'constructor', nodeInType, node);
      }
      return;
    }
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const name = ts.isPropertyAccessExpression(node)
        ? node.name.text
        : ts.isStringLiteralLike(node.argumentExpression)
          ? node.argumentExpression.text
          : undefined;
      const receiver = node.expression;
      if (name !== undefined && receiver.kind === ts.SyntaxKind.ThisKeyword) {
        // `this.constructor` is the runtime's property (the class of the instance), no call of a constructor.
        if (context.thisClass !== undefined && name !== 'constructor') record(context.thisClass, name, nodeInType, node);
      } else if (name !== undefined && !(ts.isIdentifier(receiver) && topLevelNames.has(receiver.text))) {
        memberAccesses.add(name);
        // `a.scene.render()` also records `scene.render`: read through `scene`, `render` is Scene's.
        const via = unwrap(receiver);
        if (ts.isPropertyAccessExpression(via)) memberAccesses.add(`${via.name.text}.${name}`);
        const origin = ts.isIdentifier(via) ? localOrigins.get(via.text) : undefined;
        if (origin !== undefined) memberAccesses.add(`${origin}.${name}`);
        // `runner.cursor().sort()` also records `cursor().sort`: `sort` is on what `cursor` returns;
        // `createService().run()` records `createService().run` alike.
        const called = ts.isCallExpression(via) ? calleeName(via) : undefined;
        if (called !== undefined) memberAccesses.add(`${called}().${name}`);
      }
    }
    // `({ manager }: Runner)` and `const { manager } = runner` read `manager`.
    if (ts.isBindingElement(node) && ts.isIdentifier(node.name) && ts.isObjectBindingPattern(node.parent) && !node.dotDotDotToken) {
      const property = node.propertyName === undefined ? node.name.text : ts.isIdentifier(node.propertyName) || ts.isStringLiteral(node.propertyName) ? node.propertyName.text : undefined;
      if (property !== undefined) {
        memberAccesses.add(property);
        localOrigins.set(node.name.text, property);
        // `const { scene } = this.app` reads `app.scene`, as `this.app.scene` would.
        const declaration = node.parent.parent;
        const origin = ts.isVariableDeclaration(declaration) && declaration.initializer ? originOf(declaration.initializer) : undefined;
        if (origin !== undefined) memberAccesses.add(`${origin}.${property}`);
      }
    }
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const origin = originOf(node.initializer);
      if (origin !== undefined) localOrigins.set(node.name.text, origin);
    }
    // `this.subscribers.forEach((s) => s.beforeQuery())` and `for (const s of this.subscribers)`:
    // an element is read through the collection's name, whose type names are the element's too.
    const element = elementBinding(node);
    if (element !== undefined) {
      const collection = unwrap(element.collection);
      const origin = ts.isIdentifier(collection) ? localOrigins.get(collection.text) : originOf(collection);
      if (origin !== undefined) localOrigins.set(element.name, origin);
    }
    if (ts.isCallExpression(node)) {
      const moduleUse = moduleUseOf(node, sourceFile);
      if (moduleUse) moduleUses.push(moduleUse);
    }
    ts.forEachChild(node, (child) => visit(child, innerScopes, nodeInType));
  };

  for (const root of roots) visit(root, [], false);
  return { uses: [...byKey.values()], moduleUses, memberAccesses: [...memberAccesses].sort() };
}

function isKeyOf(node: ts.Node): boolean {
  return ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.KeyOfKeyword;
}

/** What a local's value was read from: `p` for `x.p`, `m()` for `x.m(…)` or `m(…)` (awaited or not). */
function originOf(initializer: ts.Expression): string | undefined {
  let value = unwrap(initializer);
  if (ts.isAwaitExpression(value)) value = unwrap(value.expression);
  if (ts.isPropertyAccessExpression(value)) return value.name.text;
  if (ts.isCallExpression(value)) {
    const called = calleeName(value);
    if (called !== undefined) return `${called}()`;
  }
  return undefined;
}

/** Array methods whose callback's first parameter is an element of the array. */
const elementCallbacks = new Set(['forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'flatMap']);

/** The local an element of a collection is bound to, and the collection's expression. */
function elementBinding(node: ts.Node): { name: string; collection: ts.Expression } | undefined {
  if (ts.isForOfStatement(node) && ts.isVariableDeclarationList(node.initializer)) {
    const [declaration] = node.initializer.declarations;
    return declaration !== undefined && ts.isIdentifier(declaration.name) ? { name: declaration.name.text, collection: node.expression } : undefined;
  }
  if (!ts.isCallExpression(node)) return undefined;
  const callee = unwrap(node.expression);
  const [callback] = node.arguments;
  if (!ts.isPropertyAccessExpression(callee) || !elementCallbacks.has(callee.name.text) || callback === undefined) return undefined;
  if (!(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return undefined;
  const [parameter] = callback.parameters;
  return parameter !== undefined && ts.isIdentifier(parameter.name) ? { name: parameter.name.text, collection: callee.expression } : undefined;
}

/** `m` of `x.m(…)` and of `m(…)`. */
function calleeName(call: ts.CallExpression): string | undefined {
  const callee = unwrap(call.expression);
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return ts.isIdentifier(callee) ? callee.text : undefined;
}

function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isNonNullExpression(current) || ts.isParenthesizedExpression(current)) current = current.expression;
  return current;
}

function isShadowed(name: string, scopes: ReadonlyArray<ReadonlySet<string>>): boolean {
  return scopes.some((scope) => scope.has(name));
}

/**
 * The members a reference names: `ns.a`, `ns['a']`, the type `ns.A`, and the type-level ways of
 * naming a member — `C['m']`, `(typeof C)['m']`, `InstanceType<typeof C>['m']`, `Pick<C, 'a' | 'b'>`.
 * None: the binding is used whole.
 */
function membersAccessed(identifier: ts.Identifier): string[] {
  const parent = identifier.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === identifier) return [parent.name.text];
  if (ts.isQualifiedName(parent) && parent.left === identifier) return [parent.right.text];
  if (ts.isElementAccessExpression(parent) && parent.expression === identifier && ts.isStringLiteralLike(parent.argumentExpression)) {
    return [parent.argumentExpression.text];
  }
  if (isSpyTarget(identifier)) return [((parent as ts.CallExpression).arguments[1] as ts.StringLiteralLike).text];
  return typeLevelMembers(identifier);
}

/** `vi.spyOn(ns, 'a')` and `jest.spyOn(ns, 'a')` use `ns.a`, not all of `ns`. */
function isSpyTarget(identifier: ts.Identifier): boolean {
  const call = identifier.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== identifier) return false;
  const second = call.arguments[1];
  const callee = call.expression;
  return (
    second !== undefined &&
    ts.isStringLiteralLike(second) &&
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === 'spyOn' &&
    ts.isIdentifier(callee.expression) &&
    (callee.expression.text === 'vi' || callee.expression.text === 'jest')
  );
}

function typeLevelMembers(identifier: ts.Identifier): string[] {
  let node: ts.Node = identifier;
  const climb = (test: (parent: ts.Node) => boolean) => {
    if (test(node.parent)) node = node.parent;
  };
  climb((parent) => ts.isTypeReferenceNode(parent) && parent.typeName === node);
  climb((parent) => ts.isTypeQueryNode(parent) && parent.exprName === node);
  const holder = node.parent;
  if (ts.isTypeReferenceNode(holder) && ts.isIdentifier(holder.typeName) && holder.typeArguments?.[0] === node) {
    const generic = holder.typeName.text;
    if (generic === 'Pick' && holder.typeArguments[1]) return literalKeys(holder.typeArguments[1]);
    if (generic === 'InstanceType') node = holder;
  }
  while (ts.isParenthesizedTypeNode(node.parent)) node = node.parent;
  const access = node.parent;
  if (ts.isIndexedAccessTypeNode(access) && access.objectType === node) return literalKeys(access.indexType);
  return [];
}

/** `'a'` or `'a' | 'b'` as key names; anything else names no member in particular. */
function literalKeys(type: ts.TypeNode): string[] {
  const parts = ts.isUnionTypeNode(type) ? type.types : [type];
  const keys: string[] = [];
  for (const part of parts) {
    if (!ts.isLiteralTypeNode(part) || !ts.isStringLiteral(part.literal)) return [];
    keys.push(part.literal.text);
  }
  return keys;
}

function isReference(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  if (ts.isShorthandPropertyAssignment(parent)) return parent.name === identifier;
  if (ts.isPropertyAccessExpression(parent)) return parent.expression === identifier;
  if (ts.isQualifiedName(parent)) return parent.left === identifier;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  if (ts.isMetaProperty(parent)) return false;
  if (ts.isJsxAttribute(parent)) return false;
  if (ts.isJsxOpeningElement(parent) || ts.isJsxSelfClosingElement(parent) || ts.isJsxClosingElement(parent)) {
    // `<div>` is an intrinsic element, `<Foo>` a reference (JSX's own rule).
    return parent.tagName === identifier && !/^[a-z]/.test(identifier.text);
  }
  const named = parent as { name?: ts.Node; propertyName?: ts.Node };
  if (named.name === identifier || named.propertyName === identifier) return false;
  return true;
}

/** Whether this node starts a type position (its identifiers are type references). */
function isTypePosition(node: ts.Node): boolean {
  if (ts.isExpressionWithTypeArguments(node)) {
    // `class A extends B` evaluates B at runtime; `implements` and interface `extends` do not.
    const clause = node.parent;
    return !(ts.isHeritageClause(clause) && clause.token === ts.SyntaxKind.ExtendsKeyword && ts.isClassLike(clause.parent));
  }
  return ts.isTypeNode(node);
}

function moduleUseOf(call: ts.CallExpression, sourceFile: ts.SourceFile): ModuleUse | undefined {
  const [first] = call.arguments;
  const literal = first !== undefined && ts.isStringLiteralLike(first) ? first.text : undefined;
  if (literal === undefined) return undefined;
  const line = lineOf(sourceFile, call.getStart(sourceFile));
  const isImport = call.expression.kind === ts.SyntaxKind.ImportKeyword;
  if (isImport || (ts.isIdentifier(call.expression) && call.expression.text === 'require')) {
    const names = namesTakenFrom(call, isImport, sourceFile);
    return names === undefined ? { specifier: literal, kind: 'dynamic', line } : { specifier: literal, kind: 'dynamic', line, names };
  }
  const callee = call.expression;
  if (
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    (callee.expression.text === 'vi' || callee.expression.text === 'jest') &&
    (callee.name.text === 'mock' || callee.name.text === 'doMock')
  ) {
    // An automock replaces every export, so the test depends on them all. With a factory, the
    // test sees the factory's values, not the module's: what it still uses of the real module
    // it imports, and those imports are its edges.
    return call.arguments.length > 1 ? undefined : { specifier: literal, kind: 'mock', line };
  }
  return undefined;
}

/**
 * The exports code takes from a loaded module, when it reads nothing else of it:
 * `const { a } = await import('x')`, `(await import('x')).a`, `import('x').then(({ a }) => …)`,
 * `import('x').then((m) => m.a)`, `const m = require('x')` then `m.a`, and a top-level
 * variable assigned the module (`lib = require('x')`) read as `lib.a` anywhere in the file.
 * Undefined when the module is used whole.
 */
function namesTakenFrom(call: ts.CallExpression, isImport: boolean, sourceFile: ts.SourceFile): string[] | undefined {
  let value: ts.Node = call;
  const up = () => {
    while (ts.isParenthesizedExpression(value.parent)) value = value.parent;
  };
  up();
  if (isImport) {
    const parent = value.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === value && parent.name.text === 'then') {
      const then = parent.parent;
      const handler = ts.isCallExpression(then) && then.expression === parent ? then.arguments[0] : undefined;
      if (handler === undefined || !(ts.isArrowFunction(handler) || ts.isFunctionExpression(handler))) return undefined;
      const [module] = handler.parameters;
      return module === undefined ? [] : namesBoundBy(module.name, handler.body);
    }
    if (!ts.isAwaitExpression(parent)) return undefined;
    value = parent;
    up();
  }
  const holder = value.parent;
  if (ts.isPropertyAccessExpression(holder) && holder.expression === value) return [holder.name.text];
  if (ts.isVariableDeclaration(holder) && holder.initializer === value) {
    const scope = ts.isIdentifier(holder.name) ? enclosingScope(holder) : holder;
    return scope === undefined ? undefined : namesBoundBy(holder.name, scope);
  }
  if (ts.isBinaryExpression(holder) && holder.right === value && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(holder.left)) {
    const assigned = holder.left.text;
    const isTopLevel = sourceFile.statements.some((statement) => ts.isVariableStatement(statement) && statement.declarationList.declarations.some((declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === assigned));
    return isTopLevel ? propertyReads(assigned, sourceFile) : undefined;
  }
  return undefined;
}

/** `{ a, b: c }` takes `a` and `b`; a name `m` takes what `scope` reads as `m.x`. */
function namesBoundBy(name: ts.BindingName, scope: ts.Node): string[] | undefined {
  if (ts.isIdentifier(name)) return propertyReads(name.text, scope);
  if (!ts.isObjectBindingPattern(name)) return undefined;
  const names: string[] = [];
  for (const element of name.elements) {
    const property = element.propertyName ?? element.name;
    if (element.dotDotDotToken || !(ts.isIdentifier(property) || ts.isStringLiteral(property))) return undefined;
    names.push(property.text);
  }
  return names;
}

function enclosingScope(node: ts.Node): ts.Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isBlock(current) || ts.isSourceFile(current) || ts.isModuleBlock(current) || ts.isFunctionLike(current)) return current;
  }
  return undefined;
}

/**
 * The property names `scope` reads on `name` (`name.a`); undefined when it uses `name` any
 * other way (passed on, spread, indexed). Its declaration and assignments to it are no reads.
 * A shadowing local of the same name only adds names: conservative.
 */
function propertyReads(name: string, scope: ts.Node): string[] | undefined {
  const names = new Set<string>();
  let whole = false;
  const visit = (node: ts.Node): void => {
    if (whole) return;
    if (ts.isIdentifier(node) && node.text === name && isReference(node)) {
      const parent = node.parent;
      if (ts.isPropertyAccessExpression(parent) && parent.expression === node) names.add(parent.name.text);
      else if (!(ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken)) whole = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return whole ? undefined : [...names].sort();
}

const noNames: ReadonlySet<string> = new Set();

/** Kinds that can declare names for their descendants; every other node is skipped cheaply. */
const scopeKinds = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.MethodSignature,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
  ts.SyntaxKind.CallSignature,
  ts.SyntaxKind.ConstructSignature,
  ts.SyntaxKind.FunctionType,
  ts.SyntaxKind.ConstructorType,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.ClassExpression,
  ts.SyntaxKind.InterfaceDeclaration,
  ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.Block,
  ts.SyntaxKind.ModuleBlock,
  ts.SyntaxKind.CaseClause,
  ts.SyntaxKind.DefaultClause,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.CatchClause,
  ts.SyntaxKind.MappedType,
  ts.SyntaxKind.ConditionalType,
]);

/** Names a scope-creating node declares for its descendants. */
function namesDeclaredIn(node: ts.Node): ReadonlySet<string> {
  if (!scopeKinds.has(node.kind)) return noNames;
  const names = new Set<string>();
  if (ts.isFunctionLike(node)) {
    for (const parameter of node.parameters) addBindingNames(parameter.name, names);
    for (const typeParameter of node.typeParameters ?? []) names.add(typeParameter.name.text);
    if ((ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name) names.add(node.name.text);
  } else if (ts.isClassLike(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) {
    for (const typeParameter of node.typeParameters ?? []) names.add(typeParameter.name.text);
    if (ts.isClassExpression(node) && node.name) names.add(node.name.text);
  } else if (ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) {
    for (const statement of node.statements) addStatementNames(statement, names);
  } else if (ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node)) {
    const initializer = node.initializer;
    if (initializer && ts.isVariableDeclarationList(initializer)) {
      for (const declaration of initializer.declarations) addBindingNames(declaration.name, names);
    }
  } else if (ts.isCatchClause(node) && node.variableDeclaration) {
    addBindingNames(node.variableDeclaration.name, names);
  } else if (ts.isMappedTypeNode(node)) {
    names.add(node.typeParameter.name.text);
  } else if (ts.isConditionalTypeNode(node)) {
    collectInferNames(node.extendsType, names);
  }
  return names.size === 0 ? noNames : names;
}

function addStatementNames(statement: ts.Statement, names: Set<string>): void {
  if (ts.isVariableStatement(statement)) {
    for (const declaration of statement.declarationList.declarations) addBindingNames(declaration.name, names);
  } else if (
    (ts.isFunctionDeclaration(statement) ||
      ts.isClassDeclaration(statement) ||
      ts.isEnumDeclaration(statement) ||
      ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement)) &&
    statement.name
  ) {
    names.add(statement.name.text);
  }
}

export function addBindingNames(name: ts.BindingName, names: Set<string>): void {
  if (ts.isIdentifier(name)) {
    names.add(name.text);
    return;
  }
  for (const element of name.elements) {
    if (ts.isBindingElement(element)) addBindingNames(element.name, names);
  }
}

function collectInferNames(node: ts.Node, names: Set<string>): void {
  if (ts.isInferTypeNode(node)) names.add(node.typeParameter.name.text);
  ts.forEachChild(node, (child) => collectInferNames(child, names));
}
