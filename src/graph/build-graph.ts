import type { BindingUse, CodeEdgeKind, FileFacts, GraphEdge, GraphFiles, ImportBinding, ReExport, SymbolInfo } from '../types.js';
import { keepEdge } from './assemble-graph.js';
import { EXPORT_EQUALS, fileOfSymbol, symbolId } from './names.js';
import { isMemberName } from './piece-outline.js';
import type { ModuleResolver } from './resolve-module.js';

export { symbolId } from './names.js';

/** What an export name or an import binding stands for, after re-exports are followed. */
type Target =
  | { kind: 'symbol'; id: string; through: string[] }
  | { kind: 'namespace'; file: string; through: string[] };

/**
 * A file's share of the symbol graph: its symbols, the edges its declarations start, and what
 * member edges need (those are drawn on the assembled graph: they follow other files' edges).
 * Plain data, so that a warm run takes it from the cache instead of resolving again.
 */
export interface FilePiece {
  symbols: SymbolInfo[];
  edges: GraphEdge[];
  /** Declarations that read properties (`x.save()`): the dependent, its own class, and the names read. */
  memberReads: Array<{ from: string; own?: string; reads: string[]; line: number }>;
  /** Interfaces' and type literals' member types, by symbol id. */
  memberTypes: Array<[string, Record<string, string[]>]>;
  /** Interfaces' `extends` names, by symbol id. */
  bases: Array<[string, string[]]>;
  /** What a call of a function or method returns, by name, by symbol id. */
  returns: Array<[string, string[]]>;
}

/** Facts of the side's files, decoded on demand: a piece consults only the files it resolves through. */
export type FactsSource = Pick<GraphFiles, 'has' | 'get'>;

export interface PieceBuilder {
  /**
   * The piece of one file, and every file whose facts shaped it (itself, and the files its
   * imports and re-export chains led through): when none of those changed, the piece stands.
   */
  piece(path: string): { piece: FilePiece; consulted: string[] } | undefined;
  /**
   * The symbols a file exports, as ids of their declarations (re-export chains, barrels and
   * `export * as ns` followed), sorted, and the files that shaped the answer.
   */
  exportedSymbols(path: string): { ids: string[]; consulted: string[] };
}

export function createPieceBuilder(source: FactsSource, resolver: ModuleResolver): PieceBuilder {
  const tracker = createTracker();
  const exports = createExportResolver(source, resolver, tracker);
  const declaredNames = new Map<string, Set<string>>();
  /** Whether a symbol is declared (`C.m` exists), from its file's facts. */
  const hasSymbol = (id: string): boolean => {
    const file = fileOfSymbol(id, source.has);
    tracker.touch(file);
    let names = declaredNames.get(file);
    if (!names) {
      names = new Set(source.get(file)?.declarations.map((declaration) => declaration.name) ?? []);
      declaredNames.set(file, names);
    }
    return names.has(id.slice(file.length + 1));
  };
  return {
    piece(path) {
      const facts = source.get(path);
      if (!facts) return undefined;
      const { value: edges, consulted } = tracker.record(() => {
        tracker.touch(path);
        return fileEdges(facts, exports, hasSymbol);
      });
      return { piece: { symbols: symbolsOf(facts), edges, ...memberInputOf(facts) }, consulted: [...consulted].sort() };
    },
    exportedSymbols(path) {
      const idsOf = (file: string, seen: Set<string>): string[] => {
        if (seen.has(file)) return [];
        seen.add(file);
        return exports.exportNames(file).flatMap((name) => exports.resolveExport(file, name).flatMap((target) => (target.kind === 'symbol' ? [target.id] : idsOf(target.file, seen))));
      };
      const { value, consulted } = tracker.record(() => [...new Set(idsOf(path, new Set()))].sort());
      return { ids: value, consulted: [...consulted].sort() };
    },
  };
}

/**
 * Which files a computation read, through memoised lookups too: each memo entry keeps the files
 * its own computation read, and a hit adds them to whoever asked.
 */
interface Tracker {
  touch(file: string): void;
  /** What was read is only the export names of `file` (`export *` followed): see `exportsKey`. */
  touchExports(file: string): void;
  /** Runs `work` without counting what it reads (the caller counts something coarser). */
  mute<T>(work: () => T): T;
  /** Runs `work` in a frame of its own; returns its value and the files it read. */
  record<T>(work: () => T): { value: T; consulted: Set<string> };
  /** A memo hit: the files its computation read count for the caller too. */
  reuse(files: ReadonlySet<string>): void;
}

/**
 * A consulted entry that stands for the export names of a file, `export *` chains followed: a
 * barrel's star index needs no more, and the files behind it may change freely otherwise.
 */
export function exportsKey(file: string): string {
  return `\u0000${file}`;
}

function createTracker(): Tracker {
  const frames: Array<Set<string>> = [];
  return {
    touch(file) {
      frames.at(-1)?.add(file);
    },
    touchExports(file) {
      frames.at(-1)?.add(exportsKey(file));
    },
    mute(work) {
      frames.push(new Set());
      try {
        return work();
      } finally {
        frames.pop();
      }
    },
    reuse(files) {
      const top = frames.at(-1);
      if (top) for (const file of files) top.add(file);
    },
    record(work) {
      const consulted = new Set<string>();
      frames.push(consulted);
      try {
        return { value: work(), consulted };
      } finally {
        frames.pop();
        const parent = frames.at(-1);
        if (parent) for (const file of consulted) parent.add(file);
      }
    },
  };
}

function memberInputOf(facts: FileFacts): Pick<FilePiece, 'memberReads' | 'memberTypes' | 'bases' | 'returns'> {
  const memberReads: FilePiece['memberReads'] = [];
  const memberTypes: FilePiece['memberTypes'] = [];
  const bases: FilePiece['bases'] = [];
  const returns: FilePiece['returns'] = [];
  const declared = new Set(facts.declarations.map((declaration) => declaration.name));
  for (const declaration of facts.declarations) {
    const id = symbolId(facts.path, declaration.name);
    if (declaration.memberTypes) memberTypes.push([id, declaration.memberTypes]);
    if (declaration.bases) bases.push([id, declaration.bases]);
    if (declaration.returns) returns.push([id, declaration.returns]);
    // `this.broadcaster` where the class inherits `broadcaster`: read on the bases like `x.broadcaster`.
    const parent = declaration.parent;
    const inherited = declaration.uses.flatMap((use) =>
      parent !== undefined && use.name === parent && use.member !== undefined && !declared.has(`${parent}.${use.member}`) ? [use.member] : [],
    );
    const reads = [...new Set([...(declaration.memberAccesses ?? []), ...inherited])];
    if (!reads.some(isMemberName)) continue;
    memberReads.push({
      from: id,
      ...(declaration.parent === undefined ? {} : { own: symbolId(facts.path, declaration.parent) }),
      reads,
      line: declaration.startLine,
    });
  }
  return { memberReads, memberTypes, bases, returns };
}

function symbolsOf(facts: FileFacts): SymbolInfo[] {
  const symbols = new Map<string, SymbolInfo>();
  for (const declaration of facts.declarations) {
    const id = symbolId(facts.path, declaration.name);
    const existing = symbols.get(id);
    if (existing) {
      // Overloads, merged interfaces, a value and a type named alike: one symbol.
      for (const name of declaration.exportedAs) if (!existing.exportedAs.includes(name)) existing.exportedAs.push(name);
      continue;
    }
    symbols.set(id, {
      id,
      file: facts.path,
      name: declaration.name,
      declarationKind: declaration.kind,
      line: declaration.startLine,
      exportedAs: [...declaration.exportedAs],
    });
  }
  return [...symbols.values()];
}

interface ExportResolver {
  /** Targets of an export name of a file ([] when the file does not export it). */
  resolveExport(file: string, name: string): Target[];
  resolveBinding(file: string, binding: ImportBinding): Target[];
  /** Every export name a file offers, `export *` followed. */
  exportNames(file: string): string[];
}

function createExportResolver(files: FactsSource, resolver: ModuleResolver, tracker: Tracker): ExportResolver {
  /**
   * A memoised lookup that also remembers which files it read. `key` in progress is a cycle:
   * `onCycle` is its answer on the second lap, and the file (already read) is counted again.
   */
  const memoize = <T>(memo: Map<string, { value: T; consulted: Set<string> }>, key: string, file: string, onCycle: T, compute: () => T): T => {
    const known = memo.get(key);
    if (known) {
      tracker.reuse(known.consulted);
      return known.value;
    }
    if (inProgress.has(key)) {
      tracker.touch(file);
      return onCycle;
    }
    inProgress.add(key);
    try {
      const { value, consulted } = tracker.record(compute);
      memo.set(key, { value, consulted });
      return value;
    } finally {
      inProgress.delete(key);
    }
  };
  const exportMemo = new Map<string, { value: Target[]; consulted: Set<string> }>();
  const namesMemo = new Map<string, { value: string[]; consulted: Set<string> }>();
  const starMemo = new Map<string, { value: Map<string, string>; consulted: Set<string> }>();
  const inProgress = new Set<string>();

  const targets = new Map<string, string | undefined>();
  /** Where a specifier of `from` leads among the side's code files; what it says is `from`'s resolution. */
  const targetFile = (from: string, specifier: string): string | undefined => {
    tracker.touch(from);
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

  // A re-export cycle exports nothing more on its second lap.
  const resolveExport = (file: string, name: string): Target[] => memoize(exportMemo, `${file}\u0000${name}`, file, [], () => computeExport(file, name));

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
  const starIndexOf = (file: string, index: FileIndex): Map<string, string> =>
    memoize(starMemo, file, file, new Map(), () => {
      tracker.touchExports(file);
      return tracker.mute(() => {
        const byName = new Map<string, string>();
        for (const reExport of index.stars) {
          const target = targetFile(file, reExport.specifier);
          if (target === undefined) continue;
          for (const name of exportNames(target)) if (name !== 'default' && !byName.has(name)) byName.set(name, target);
        }
        return byName;
      });
    });

  const computeExport = (file: string, name: string): Target[] => {
    tracker.touch(file);
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

  const exportNames = (file: string): string[] =>
    memoize(namesMemo, file, file, [], () => {
      tracker.touchExports(file);
      return tracker.mute(() => computeExportNames(file));
    });
  const computeExportNames = (file: string): string[] => {
    tracker.touch(file);
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
    return [...names].sort();
  };

  return { resolveExport, resolveBinding, exportNames };
}

/** The edges a file's declarations start (member edges aside), deduplicated as the graph does. */
function fileEdges(facts: FileFacts, exports: ExportResolver, hasSymbol: (id: string) => boolean): GraphEdge[] {
  const edges: GraphEdge[] = [];
  const known = new Map<string, Map<string, GraphEdge>>();
  const addEdge = (edge: GraphEdge) => {
    if (keepEdge(known, edge)) edges.push(edge);
  };
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
      if (memberId === undefined || !hasSymbol(memberId)) return [target];
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
      addEdge({ from: symbolId(file, declaration.parent), to: from, kind: 'runtime', line: declaration.startLine, structural: true });
    }
    const addUse = (use: BindingUse, aliased = false): void => {
      const binding = importsByLocal.get(use.name);
      const kind: CodeEdgeKind = binding?.typeOnly ? 'type' : use.kind;
      if (binding) {
        for (const target of bindingTargets.get(use.name) ?? []) {
          const expanded = use.typeQuery && use.member === undefined ? exportsRead(target) : expand(target, use.member);
          // `ns[key]`: any export may be the one read.
          const edgeKind: CodeEdgeKind = use.computed && target.kind === 'namespace' ? 'unknown' : kind;
          // Through an alias, `Api['save']` names the member, not the whole class.
          for (const resolved of aliased ? expanded.slice(0, 1) : expanded) {
            if (resolved.kind !== 'symbol') continue;
            addEdge(withThrough({ from, to: resolved.id, kind: edgeKind, line: use.line }, resolved.through));
          }
        }
        return;
      }
      if (!localNames.has(use.name)) return;
      // `this.props` in a React component: a member the class inherits from outside is no edge
      // to the class itself (that would make every member depend on all of the class).
      if (use.member !== undefined && declaration.parent === use.name && !localNames.has(`${use.name}.${use.member}`)) return;
      const local = expand({ kind: 'symbol', id: symbolId(file, use.name), through: [] }, use.member, aliased || declaration.parent === use.name);
      for (const resolved of local) if (resolved.kind === 'symbol' && resolved.id !== from) addEdge({ from, to: resolved.id, kind, line: use.line });
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
          if (resolved.kind === 'symbol') addEdge(withThrough({ from, to: resolved.id, kind: edgeKind, line: moduleUse.line }, resolved.through));
        }
      }
    }
  }
  return edges;
}

function withThrough(edge: GraphEdge, through: string[]): GraphEdge {
  return through.length > 0 ? { ...edge, through } : edge;
}
