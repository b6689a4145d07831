import type { BindingUse, CodeEdgeKind, FileFacts, GraphEdge, ImportBinding, ReExport, SymbolGraph, SymbolInfo } from '../types.js';
import { EXPORT_EQUALS, symbolId } from './names.js';
import type { ModuleResolver } from './resolve-module.js';

export { symbolId } from './names.js';

/** What an export name or an import binding stands for, after re-exports are followed. */
type Target =
  | { kind: 'symbol'; id: string; through: string[] }
  | { kind: 'namespace'; file: string; through: string[] };

/**
 * The symbol graph of one side: a node per declared symbol, an edge per binding a declaration
 * uses, resolved through imports, aliases and re-export chains to the declaration itself, so
 * barrels never stand between a dependent and what it depends on (they are kept in `through`).
 */
export function buildSymbolGraph(files: ReadonlyMap<string, FileFacts>, resolver: ModuleResolver): SymbolGraph {
  const graph: SymbolGraph = {
    symbols: new Map(),
    dependents: new Map(),
    dependencies: new Map(),
    files: new Map(files),
    unresolvedImports: [],
    unknownEdges: 0,
    unparsedFiles: [],
  };
  for (const facts of files.values()) addSymbols(graph, facts);

  const exportsResolver = createExportResolver(files, resolver);
  for (const facts of files.values()) addFileEdges(graph, facts, exportsResolver);
  addMemberEdges(graph, files);
  return graph;
}

function isCallable(kind: string | undefined): boolean {
  return kind === 'method' || kind === 'function';
}

/** Kinds whose type information leads on to a class: `type Api = Pick<App, …>`, `app: App`. */
const typeCarriers = new Set(['interface', 'type', 'property', 'getter']);

/** `x.constructor` is the runtime's constructor property, never a call of a class's constructor. */
const notMembers = new Set(['constructor', 'prototype']);

/**
 * `user.save()` names no binding: the parser cannot see that `user` is a `User`. A declaration
 * that reads property `save` and depends on class `User` (directly, through an interface or a
 * type alias, or through a chain of properties it reads, `this.app.scene.save()`) depends on
 * member `User.save`, and on the `save` of the subclasses of `User`, which a call through a
 * `User` may reach. A name match is conservative — any `.save` counts — but it is what links
 * a method to its callers.
 */
function addMemberEdges(graph: SymbolGraph, files: ReadonlyMap<string, FileFacts>): void {
  const subclasses = subclassesOf(graph);
  const superclasses = new Map<string, string[]>();
  for (const [base, derived] of subclasses) {
    if (graph.symbols.get(base)?.declarationKind !== 'class') continue;
    for (const subclass of derived) superclasses.set(subclass, [...(superclasses.get(subclass) ?? []), base]);
  }
  const memberTypes = new Map<string, Record<string, string[]>>();
  const bases = new Map<string, string[]>();
  const returns = new Map<string, string[]>();
  for (const facts of files.values()) {
    for (const declaration of facts.declarations) {
      const id = symbolId(facts.path, declaration.name);
      if (declaration.memberTypes) memberTypes.set(id, declaration.memberTypes);
      if (declaration.bases) bases.set(id, declaration.bases);
      if (declaration.returns) returns.set(id, declaration.returns);
    }
  }
  const pending: GraphEdge[] = [];
  for (const facts of files.values()) {
    for (const declaration of facts.declarations) {
      // `this.broadcaster` where the class inherits `broadcaster`: read on the bases like `x.broadcaster`.
      const parent = declaration.parent;
      const inherited = declaration.uses.flatMap((use) =>
        parent !== undefined && use.name === parent && use.member !== undefined && !graph.symbols.has(symbolId(facts.path, `${parent}.${use.member}`)) ? [use.member] : [],
      );
      const reads = new Set([...(declaration.memberAccesses ?? []), ...inherited]);
      const accesses = [...reads].filter((name) => !name.includes('.') && !notMembers.has(name));
      if (accesses.length === 0) continue;
      const from = symbolId(facts.path, declaration.name);
      // A member reaches its own class without an edge to it (`other.x` where `other: Self`).
      const own = declaration.parent === undefined ? [] : [symbolId(facts.path, declaration.parent)];
      for (const [classId, via] of classesReachedBy(graph, from, own, reads, { subclasses, superclasses, memberTypes, bases, returns })) {
        for (const member of accesses) {
          // A class reached through property `p` only lends the members read as `p.member`.
          if (via !== undefined && !reads.has(`${via}.${member}`)) continue;
          const to = `${classId}.${member}`;
          if (to !== from && graph.symbols.has(to)) pending.push({ from, to, kind: 'runtime', line: declaration.startLine });
        }
      }
    }
  }
  for (const edge of pending) addEdge(graph, edge);
  addOverrideEdges(graph, subclasses);
}

/**
 * A call of `Base.m` may run any override of `m` in the classes extending `Base`: whoever
 * depends on `Base.m` depends on those overrides too (the language service counts them alike).
 */
function addOverrideEdges(graph: SymbolGraph, subclasses: ReadonlyMap<string, string[]>): void {
  const overridesOf = (classId: string, member: string, seen = new Set<string>()): string[] =>
    (subclasses.get(classId) ?? []).flatMap((subclass) => {
      if (seen.has(subclass)) return [];
      seen.add(subclass);
      const override = `${subclass}.${member}`;
      return [...(graph.symbols.has(override) ? [override] : []), ...overridesOf(subclass, member, seen)];
    });
  const pending: GraphEdge[] = [];
  for (const edges of graph.dependencies.values()) {
    for (const edge of edges) {
      if (edge.structural) continue;
      const dot = edge.to.lastIndexOf('.');
      const hash = edge.to.lastIndexOf('#');
      if (dot < hash) continue;
      const classId = edge.to.slice(0, dot);
      if (!subclasses.has(classId)) continue;
      for (const override of overridesOf(classId, edge.to.slice(dot + 1))) {
        if (override !== edge.from) pending.push({ ...edge, to: override });
      }
    }
  }
  for (const edge of pending) addEdge(graph, edge);
}

/**
 * Class or interface -> the classes that extend or implement it (a class's own edges are its
 * heritage clauses and decorators): a call through the base may run any of them.
 */
function subclassesOf(graph: SymbolGraph): Map<string, string[]> {
  const subclasses = new Map<string, string[]>();
  for (const [id, info] of graph.symbols) {
    if (info.declarationKind !== 'class') continue;
    for (const edge of graph.dependencies.get(id) ?? []) {
      if (edge.structural) continue;
      const base = graph.symbols.get(edge.to)?.declarationKind;
      if (!((base === 'class' && edge.kind === 'runtime') || (base === 'interface' && edge.kind === 'type'))) continue;
      subclasses.set(edge.to, [...(subclasses.get(edge.to) ?? []), id]);
    }
  }
  return subclasses;
}

/**
 * The names a declaration reads on what it reached through `via`: plain names (`x.save`) when
 * it reached it directly, `b` of `via.b` otherwise (`scene` of `app.scene`, `sort` of `cursor().sort`).
 */
function readsOn(reads: ReadonlySet<string>, via: string | undefined): string[] {
  const names: string[] = [];
  for (const read of reads) {
    if (via === undefined) {
      if (!read.includes('.')) names.push(read);
    } else if (read.startsWith(`${via}.`)) {
      names.push(read.slice(via.length + 1));
    }
  }
  return names;
}

interface TypeKnowledge {
  subclasses: ReadonlyMap<string, string[]>;
  /** Class -> the classes it extends. */
  superclasses: ReadonlyMap<string, string[]>;
  memberTypes: ReadonlyMap<string, Record<string, string[]>>;
  /** Interface -> the names it extends. */
  bases: ReadonlyMap<string, string[]>;
  /** Function or method -> the names of what a call of it returns. */
  returns: ReadonlyMap<string, string[]>;
}

/**
 * The classes whose members a declaration may read, each with what it was reached through, once per way:
 * undefined when reached directly (a parameter typed by the class), a property name
 * (`app.scene` reaches Scene through `scene`), or a method call (`cursor()`).
 */
function classesReachedBy(
  graph: SymbolGraph,
  from: string,
  own: readonly string[],
  reads: ReadonlySet<string>,
  known: TypeKnowledge,
): Array<[string, string | undefined]> {
  // A class can be reached several ways (directly and through a property): each lends its reads.
  const classes: Array<[string, string | undefined]> = [];
  const seen = new Set<string>([from]);
  // `inherited`: a base class reached for the members a subclass inherits, which lends no other
  // subclasses; `constructed`: a class a called function only constructs (`throw new NotFound()`),
  // which lends no base members.
  type Way = 'inherited' | 'constructed';
  const frontier: Array<{ id: string; via: string | undefined; way?: Way }> = [{ id: from, via: undefined }];
  const reach = (id: string, via: string | undefined, way?: Way) => {
    const key = `${id}\u0000${via ?? ''}\u0000${way ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    frontier.push(way === undefined ? { id, via } : { id, via, way });
  };
  for (const id of own) reach(id, undefined);
  const typed = new Set((graph.dependencies.get(from) ?? []).flatMap((edge) => (edge.kind === 'type' ? [edge.to] : [])));
  for (let index = 0; index < frontier.length && index < 400; index++) {
    const { id, via, way } = frontier[index]!;
    const kind = graph.symbols.get(id)?.declarationKind;
    if (kind === 'class') {
      classes.push([id, via]);
      if (way !== 'inherited') for (const subclass of known.subclasses.get(id) ?? []) reach(subclass, via);
      // `this.broadcaster` in a query runner is the `broadcaster` its base class declares, and so is
      // `runner.release()` where `runner: SqliteRunner` or `runner` was reached through a property.
      // A class the declaration only constructs (`throw new NotFoundError()`) lends no base members
      // to plain reads: a hub base (the `name` of an `Error` subclass) would match every `.name`.
      const lendsBases = way === 'inherited' || own.includes(id) || (via === undefined ? typed.has(id) : way !== 'constructed');
      if (lendsBases) for (const base of known.superclasses.get(id) ?? []) reach(base, via, 'inherited');
      // Only what is read on it leads on: `x.scene.save()` reads `scene`, `x.cursor().sort()` calls `cursor`.
      for (const name of readsOn(reads, via)) {
        const member = `${id}.${name}`;
        const memberKind = graph.symbols.get(member)?.declarationKind;
        if (memberKind === 'property' || memberKind === 'getter') reach(member, name);
        if (memberKind === 'method' && [...reads].some((read) => read.startsWith(`${name}().`))) reach(member, `${name}()`);
      }
      continue;
    }
    // `runner.run()` on an interface runs the `run` of the classes implementing it.
    if (kind === 'interface') for (const implementer of known.subclasses.get(id) ?? []) reach(implementer, via);
    const types = known.memberTypes.get(id);
    if (types) {
      // An interface's members are no symbols: follow the types of the members read on it.
      const targets = graph.dependencies.get(id) ?? [];
      for (const name of readsOn(reads, via)) {
        for (const key of [name, `${name}()`]) {
          for (const typeName of Object.hasOwn(types, key) ? types[key]! : []) {
            for (const edge of targets) if (edge.to.endsWith(`#${typeName}`)) reach(edge.to, key === name ? name : key);
          }
        }
      }
      // The members it inherits are read on it alike: `event.manager` where `manager` is the base's.
      const inherited = known.bases.get(id) ?? [];
      for (const edge of targets) if (inherited.some((name) => edge.to.endsWith(`#${name}`))) reach(edge.to, via);
      if (kind === 'interface') continue;
    }
    const isCall = (isCallable(kind) || known.returns.has(id)) && via?.endsWith('()') === true;
    if (id !== from && !isCall && (kind === undefined || !typeCarriers.has(kind))) continue;
    // What a property's type leads to is read through that property's name; a method's, through its call.
    // A property's own code (its initializer, its decorators) reads on what it names directly.
    // A property a called method uses (`return this.runner ?? …`) may be what the call returns:
    // it is read through the call.
    const isReadByName = (kind === 'property' || kind === 'getter') && via?.endsWith('()') !== true;
    const through = id === from ? undefined : isReadByName ? id.slice(id.lastIndexOf('.') + 1) : via;
    // A call leads only to what it returns, when that is known by name.
    const returned = isCall ? known.returns.get(id) : undefined;
    for (const edge of graph.dependencies.get(id) ?? []) {
      const target = graph.symbols.get(edge.to)?.declarationKind;
      if (returned !== undefined && !returned.includes(edge.to.slice(edge.to.lastIndexOf('#') + 1))) continue;
      const constructed = target === 'class' && isCall && returned === undefined && edge.kind !== 'type';
      if (target === 'class' || (target !== undefined && typeCarriers.has(target))) reach(edge.to, through, constructed ? 'constructed' : undefined);
      // `createService().run()` and `this.obtainRunner().run()`: the declaration calls it;
      // `return make()` leads on to `make`.
      const qualified = edge.to.slice(edge.to.lastIndexOf('#') + 1);
      const name = qualified.slice(qualified.lastIndexOf('.') + 1);
      if ((isCallable(target) || known.returns.has(edge.to)) && (id === from ? [...reads].some((read) => read.startsWith(`${name}().`)) : returned !== undefined)) {
        reach(edge.to, id === from ? `${name}()` : via);
      }
    }
  }
  return classes;
}

function addSymbols(graph: SymbolGraph, facts: FileFacts): void {
  for (const declaration of facts.declarations) {
    const id = symbolId(facts.path, declaration.name);
    const existing = graph.symbols.get(id);
    if (existing) {
      // Overloads, merged interfaces, a value and a type named alike: one symbol.
      for (const name of declaration.exportedAs) if (!existing.exportedAs.includes(name)) existing.exportedAs.push(name);
      continue;
    }
    const info: SymbolInfo = {
      id,
      file: facts.path,
      name: declaration.name,
      declarationKind: declaration.kind,
      line: declaration.startLine,
      exportedAs: [...declaration.exportedAs],
    };
    graph.symbols.set(id, info);
  }
}

interface ExportResolver {
  /** Targets of an export name of a file ([] when the file does not export it). */
  resolveExport(file: string, name: string): Target[];
  resolveBinding(file: string, binding: ImportBinding): Target[];
  /** Every export name a file offers, `export *` followed. */
  exportNames(file: string): string[];
}

function createExportResolver(files: ReadonlyMap<string, FileFacts>, resolver: ModuleResolver): ExportResolver {
  const exportMemo = new Map<string, Target[]>();
  const namesMemo = new Map<string, string[]>();
  const inProgress = new Set<string>();

  const targets = new Map<string, string | undefined>();
  const targetFile = (from: string, specifier: string): string | undefined => {
    const key = `${from}\u0000${specifier}`;
    if (targets.has(key)) return targets.get(key);
    const resolution = resolver.resolve(from, specifier);
    const target = resolution.kind === 'file' && files.has(resolution.path) ? resolution.path : undefined;
    targets.set(key, target);
    return target;
  };

  const passThrough = (targets: Target[], file: string): Target[] =>
    targets.map((target) => ({ ...target, through: [file, ...target.through] }));

  const resolveBinding = (file: string, binding: ImportBinding): Target[] => {
    const target = targetFile(file, binding.specifier);
    if (target === undefined) return [];
    if (binding.imported === '*') {
      const exportEquals = resolveExport(target, EXPORT_EQUALS);
      return exportEquals.length > 0 ? exportEquals : [{ kind: 'namespace', file: target, through: [] }];
    }
    return resolveExport(target, binding.imported);
  };

  const resolveExport = (file: string, name: string): Target[] => {
    const key = `${file}\u0000${name}`;
    const cached = exportMemo.get(key);
    if (cached) return cached;
    // A re-export cycle exports nothing more on its second lap.
    if (inProgress.has(key)) return [];
    inProgress.add(key);
    const targets = computeExport(file, name);
    inProgress.delete(key);
    exportMemo.set(key, targets);
    return targets;
  };

  /** Per-file lookups, built once: which declaration, binding or re-export carries a name. */
  interface FileIndex {
    declared: Map<string, string>;
    importsByLocal: Map<string, ImportBinding>;
    localExports: Map<string, string[]>;
    reExports: Map<string, ReExport>;
    stars: ReExport[];
  }
  const indexes = new Map<string, FileIndex>();
  const indexOf = (facts: FileFacts): FileIndex => {
    const known = indexes.get(facts.path);
    if (known) return known;
    const index: FileIndex = { declared: new Map(), importsByLocal: new Map(), localExports: new Map(), reExports: new Map(), stars: [] };
    for (const declaration of facts.declarations) {
      for (const name of declaration.exportedAs) if (!index.declared.has(name)) index.declared.set(name, declaration.name);
    }
    for (const binding of facts.imports) index.importsByLocal.set(binding.local, binding);
    for (const localExport of facts.localExports) index.localExports.set(localExport.exported, [...(index.localExports.get(localExport.exported) ?? []), localExport.local]);
    for (const reExport of facts.reExports) {
      if (reExport.exported === '*') index.stars.push(reExport);
      else if (!index.reExports.has(reExport.exported)) index.reExports.set(reExport.exported, reExport);
    }
    indexes.set(facts.path, index);
    return index;
  };

  /** For a barrel's `export *`: export name -> the first re-exported module that has it. */
  const starIndexes = new Map<string, Map<string, string>>();
  const starIndexOf = (file: string, index: FileIndex): Map<string, string> => {
    const known = starIndexes.get(file);
    if (known) return known;
    const byName = new Map<string, string>();
    starIndexes.set(file, byName);
    for (const reExport of index.stars) {
      const target = targetFile(file, reExport.specifier);
      if (target === undefined) continue;
      for (const name of exportNames(target)) if (name !== 'default' && !byName.has(name)) byName.set(name, target);
    }
    return byName;
  };

  const computeExport = (file: string, name: string): Target[] => {
    const facts = files.get(file);
    if (!facts) return [];
    const index = indexOf(facts);
    const declared = index.declared.get(name);
    if (declared !== undefined) return [{ kind: 'symbol', id: symbolId(file, declared), through: [] }];

    for (const local of index.localExports.get(name) ?? []) {
      const binding = index.importsByLocal.get(local);
      if (binding) return passThrough(resolveBinding(file, binding), file);
    }
    const reExport = index.reExports.get(name);
    if (reExport) {
      const target = targetFile(file, reExport.specifier);
      if (target === undefined) return [];
      if (reExport.imported === '*') return [{ kind: 'namespace', file: target, through: [file] }];
      return passThrough(resolveExport(target, reExport.imported), file);
    }
    if (name === 'default') {
      const exportEquals = resolveExport(file, EXPORT_EQUALS);
      if (exportEquals.length > 0) return exportEquals;
    }
    if (name === 'default' || name === EXPORT_EQUALS || index.stars.length === 0) return [];
    // `export *` never re-exports `default`; the first module that has the name wins.
    const target = starIndexOf(file, index).get(name);
    return target === undefined ? [] : passThrough(resolveExport(target, name), file);
  };

  const exportNames = (file: string): string[] => {
    const cached = namesMemo.get(file);
    if (cached) return cached;
    namesMemo.set(file, []);
    const facts = files.get(file);
    const names = new Set<string>();
    if (facts) {
      for (const declaration of facts.declarations) for (const name of declaration.exportedAs) names.add(name);
      for (const localExport of facts.localExports) names.add(localExport.exported);
      for (const reExport of facts.reExports) {
        if (reExport.exported !== '*') {
          names.add(reExport.exported);
          continue;
        }
        const target = targetFile(file, reExport.specifier);
        if (target === undefined) continue;
        for (const name of exportNames(target)) if (name !== 'default') names.add(name);
      }
    }
    const sorted = [...names].sort();
    namesMemo.set(file, sorted);
    return sorted;
  };

  return { resolveExport, resolveBinding, exportNames };
}

function addFileEdges(graph: SymbolGraph, facts: FileFacts, exports: ExportResolver): void {
  const file = facts.path;
  const importsByLocal = new Map(facts.imports.map((binding) => [binding.local, binding]));
  const localNames = new Set(facts.declarations.map((declaration) => declaration.name));
  const aliases = new Map(facts.declarations.flatMap((declaration) => (declaration.aliasOf === undefined ? [] : [[declaration.name, declaration.aliasOf] as const])));

  // Resolution happens per import binding, once, and records what resolves nowhere.
  const bindingTargets = new Map<string, Target[]>();
  for (const binding of facts.imports) bindingTargets.set(binding.local, exports.resolveBinding(file, binding));

  const allExportsOf = (targetFile: string, through: string[]): Target[] =>
    exports.exportNames(targetFile).flatMap((name) => exports.resolveExport(targetFile, name).map((target) => ({ ...target, through: [...through, ...target.through] })));

  /**
   * `C.m` depends on the member and on `C` itself (the class's own lines, its heritage, are
   * part of what `C.m` runs); a member's `this.m` names the member alone, or every member would
   * depend on all of its class.
   */
  const expand = (target: Target, member: string | undefined, ownClass = false): Target[] => {
    if (target.kind === 'symbol') {
      const memberId = member === undefined ? undefined : `${target.id}.${member}`;
      if (memberId === undefined || !graph.symbols.has(memberId)) return [target];
      return ownClass ? [{ ...target, id: memberId }] : [{ ...target, id: memberId }, target];
    }
    if (member !== undefined) {
      const found = exports.resolveExport(target.file, member);
      // `ns.a.b`: `a` is itself a namespace; its member is not known here, so all of it.
      return found.flatMap((inner) => (inner.kind === 'namespace' ? allExportsOf(inner.file, [...target.through, ...inner.through]) : [{ ...inner, through: [...target.through, ...inner.through] }]));
    }
    // A namespace passed whole depends on every export of the module.
    return allExportsOf(target.file, target.through);
  };

  // `lib: typeof Lib` then `lib.save()` or `const { save } = lib`: the module's shape is given to
  // values, and what is read from them are the file's property reads. Those name the exports
  // used; a read elsewhere of a value typed here is out of sight (the parser follows no values).
  let namesRead: Set<string> | undefined;
  const exportsRead = (target: Target): Target[] => {
    if (target.kind !== 'namespace') return expand(target, undefined);
    const names = (namesRead ??= new Set(facts.declarations.flatMap((declaration) => (declaration.memberAccesses ?? []).filter((name) => !name.includes('.')))));
    return exports.exportNames(target.file).filter((name) => names.has(name)).flatMap((name) => expand(target, name));
  };

  for (const declaration of facts.declarations) {
    const from = symbolId(file, declaration.name);
    if (declaration.parent !== undefined) {
      // A class or namespace is made of its members: a changed member changes what its users get.
      addEdge(graph, { from: symbolId(file, declaration.parent), to: from, kind: 'runtime', line: declaration.startLine, structural: true });
    }
    const addUse = (use: BindingUse, aliased = false): void => {
      const binding = importsByLocal.get(use.name);
      const kind: CodeEdgeKind = binding?.typeOnly ? 'type' : use.kind;
      if (binding) {
        for (const target of bindingTargets.get(use.name) ?? []) {
          const expanded = use.typeQuery && use.member === undefined ? exportsRead(target) : expand(target, use.member);
          // Through an alias, `Api['save']` names the member, not the whole class.
          for (const resolved of aliased ? expanded.slice(0, 1) : expanded) {
            if (resolved.kind !== 'symbol') continue;
            addEdge(graph, withThrough({ from, to: resolved.id, kind, line: use.line }, resolved.through));
          }
        }
        return;
      }
      if (!localNames.has(use.name)) return;
      // `this.props` in a React component: a member the class inherits from outside is no edge
      // to the class itself (that would make every member depend on all of the class).
      if (use.member !== undefined && declaration.parent === use.name && !localNames.has(`${use.name}.${use.member}`)) return;
      const local = expand({ kind: 'symbol', id: symbolId(file, use.name), through: [] }, use.member, aliased || declaration.parent === use.name);
      for (const resolved of local) if (resolved.kind === 'symbol' && resolved.id !== from) addEdge(graph, { from, to: resolved.id, kind, line: use.line });
      // `type Api = InstanceType<typeof App>` then `Api['save']`: the member of what the alias names.
      const aliasOf = aliases.get(use.name);
      if (use.member !== undefined && aliasOf !== undefined && !aliased && !localNames.has(`${use.name}.${use.member}`)) {
        addUse({ ...use, name: aliasOf }, true);
      }
    };
    for (const use of declaration.uses) addUse(use);
    for (const moduleUse of declaration.moduleUses) {
      const resolution = exports.resolveBinding(file, { local: '', imported: '*', specifier: moduleUse.specifier, typeOnly: false, line: moduleUse.line });
      const edgeKind: CodeEdgeKind = moduleUse.kind === 'dynamic' ? 'dynamic' : 'runtime';
      for (const target of resolution) {
        const taken = moduleUse.names === undefined ? expand(target, undefined) : moduleUse.names.flatMap((name) => expand(target, name));
        for (const resolved of taken) {
          if (resolved.kind === 'symbol') addEdge(graph, withThrough({ from, to: resolved.id, kind: edgeKind, line: moduleUse.line }, resolved.through));
        }
      }
    }
  }
}

function withThrough(edge: GraphEdge, through: string[]): GraphEdge {
  return through.length > 0 ? { ...edge, through } : edge;
}

/** Each graph's edges by dependent, then target, so that adding one stays O(1) on hubs. */
const edgeIndexes = new WeakMap<SymbolGraph, Map<string, Map<string, GraphEdge>>>();

function addEdge(graph: SymbolGraph, edge: GraphEdge): void {
  if (edge.from === edge.to) return;
  let index = edgeIndexes.get(graph);
  if (!index) {
    index = new Map();
    edgeIndexes.set(graph, index);
  }
  let byTarget = index.get(edge.from);
  if (!byTarget) {
    byTarget = new Map();
    index.set(edge.from, byTarget);
  }
  const forward = graph.dependencies.get(edge.from) ?? [];
  const existing = byTarget.get(edge.to);
  if (existing) {
    // One edge per pair; runtime wins over type, so the walk reports the stronger reason.
    if (existing.kind === 'type' && edge.kind !== 'type') existing.kind = edge.kind;
    return;
  }
  forward.push(edge);
  byTarget.set(edge.to, edge);
  graph.dependencies.set(edge.from, forward);
  const reverse = graph.dependents.get(edge.to) ?? [];
  reverse.push(edge);
  graph.dependents.set(edge.to, reverse);
}
