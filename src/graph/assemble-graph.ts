import type { GraphEdge, GraphFiles, SymbolGraph, SymbolInfo } from '../types.js';
import type { FilePiece } from './build-graph.js';
import { fileOfSymbol } from './names.js';
import type { PieceOutline } from './piece-outline.js';

/** A file's piece as a graph takes it: its outline at hand, the piece itself decoded when first needed. */
export interface PieceSource {
  outline: PieceOutline;
  load(): FilePiece;
}

/**
 * The symbol graph of one side, from its files' pieces: a node per declared symbol, an edge per
 * binding a declaration uses, resolved through imports, aliases and re-export chains to the
 * declaration itself, so barrels never stand between a dependent and what it depends on (they
 * are kept in `through`). The order of pieces decides the order of dependents, hence of why-paths.
 *
 * A `lazy` graph serves a walk: it decodes a piece when a symbol of its file is asked for, or
 * when the outlines say it holds an edge into a symbol whose dependents are asked for, and draws
 * member edges as asked (see `MemberDependents`). A change to a module that nearly every file
 * imports reaches a few hundred of them through its symbols: only their pieces are decoded.
 * Iterating the symbols or the forward edges decodes every piece. Otherwise every piece is
 * decoded and every member edge drawn at once, for a graph that must answer every question.
 */
export function assembleGraph(sources: ReadonlyMap<string, PieceSource>, files: GraphFiles, options: { lazy?: boolean } = {}): SymbolGraph {
  const shelf = new PieceShelf(sources);
  const dependents = new MemberDependents(shelf);
  const graph: SymbolGraph = {
    symbols: shelf.symbols,
    dependents,
    dependencies: shelf.dependencies,
    files,
    unresolvedImports: [],
    unknownEdges: shelf.unknownEdges(),
    unparsedFiles: [],
  };
  if (!options.lazy) dependents.drawAll(graph);
  return graph;
}

/** A map whose entries are loaded as asked: a key's by `loadFor`, all of them before it is iterated or counted. `set` and `clear` load nothing. */
class LoadingMap<V> extends Map<string, V> {
  constructor(
    private readonly loadFor: (key: string) => void,
    private readonly loadAll: () => void,
  ) {
    super();
  }

  // A key listed already needs no load: a walk asks for the same symbols many times over.
  override get(key: string): V | undefined {
    const value = super.get(key);
    if (value !== undefined) return value;
    this.loadFor(key);
    return super.get(key);
  }

  override has(key: string): boolean {
    if (super.has(key)) return true;
    this.loadFor(key);
    return super.has(key);
  }

  override get size(): number {
    this.loadAll();
    return super.size;
  }

  override keys(): MapIterator<string> {
    this.loadAll();
    return super.keys();
  }

  override values(): MapIterator<V> {
    this.loadAll();
    return super.values();
  }

  override entries(): MapIterator<[string, V]> {
    this.loadAll();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: string, map: Map<string, V>) => void, thisArg?: unknown): void {
    this.loadAll();
    super.forEach(callback, thisArg);
  }

  /** The entry as loaded so far, loading nothing. */
  peek(key: string): V | undefined {
    return super.get(key);
  }
}

/**
 * The pieces of a graph, decoded as asked. Decoding a piece lists its symbols and its file
 * edges (those into the graph's symbols: a piece knows every file, a focused graph holds fewer)
 * in the graph's maps; the outlines answer which symbols exist and which pieces lead where.
 */
class PieceShelf {
  readonly symbols: LoadingMap<SymbolInfo>;
  readonly dependencies: LoadingMap<GraphEdge[]>;
  /** Edges by dependent, then target: one per pair (see `keepEdge`), drawn member edges too. */
  readonly edgeIndex = new Map<string, Map<string, GraphEdge>>();
  readonly #sources: ReadonlyMap<string, PieceSource>;
  readonly #loaded = new Map<string, FilePiece>();
  readonly #declared = new Map<string, Set<string>>();
  #consumers?: Map<string, string[]>;
  #readers?: Map<string, string[]>;
  readonly #memberInputs = new Map<string, MemberInput>();
  /** Symbol id -> its file (see `fileOf`). */
  readonly #files = new Map<string, string>();
  readonly #members = new Map<string, Map<string, SymbolInfo>>();
  readonly #order: string[];
  /** Whether the maps list what is decoded in the order of the sources. */
  #listedInOrder = true;

  constructor(sources: ReadonlyMap<string, PieceSource>) {
    this.#sources = sources;
    this.#order = [...sources.keys()];
    const loadFor = (id: string) => void this.piece(this.fileOf(id));
    const loadAll = () => this.#loadAll();
    this.symbols = new LoadingMap(loadFor, loadAll);
    this.dependencies = new LoadingMap(loadFor, loadAll);
  }

  /**
   * Decodes every piece. The maps list symbols and edges in the order of the pieces, as a graph
   * assembled at once would: pieces decoded before, as asked, are listed again in that order.
   */
  #loadAll(): void {
    for (const file of this.#sources.keys()) this.piece(file);
    if (this.#listedInOrder) return;
    this.symbols.clear();
    this.dependencies.clear();
    for (const file of this.#sources.keys()) this.#list(this.#loaded.get(file)!);
    this.#listedInOrder = true;
  }

  /** The file of a symbol id (see `fileOfSymbol`), found once per id: a walk asks it of the same ids many times over. */
  fileOf(id: string): string {
    let file = this.#files.get(id);
    if (file === undefined) {
      file = fileOfSymbol(id, (path) => this.#sources.has(path));
      this.#files.set(id, file);
    }
    return file;
  }

  /** Whether the graph has a symbol: from the outline of its file, decoding nothing. */
  has(id: string): boolean {
    const file = this.fileOf(id);
    let declared = this.#declared.get(file);
    if (!declared) {
      declared = new Set(this.#sources.get(file)?.outline.symbols);
      this.#declared.set(file, declared);
    }
    return declared.has(id);
  }

  /** A file's piece, decoded once; none for a file outside the graph. */
  piece(file: string): FilePiece | undefined {
    const known = this.#loaded.get(file);
    if (known) return known;
    const source = this.#sources.get(file);
    if (!source) return undefined;
    const piece = source.load();
    // In order while each piece decoded is the next of the sources.
    this.#listedInOrder &&= this.#order[this.#loaded.size] === file;
    this.#loaded.set(file, piece);
    for (const edge of piece.edges) if (this.has(edge.to)) keepEdge(this.edgeIndex, edge);
    this.#list(piece);
    return piece;
  }

  /** Lists a decoded piece's symbols and kept file edges in the graph's maps. */
  #list(piece: FilePiece): void {
    for (const symbol of piece.symbols) this.symbols.set(symbol.id, symbol);
    for (const edge of piece.edges) {
      if (this.edgeIndex.get(edge.from)?.get(edge.to) !== edge) continue;
      const forward = this.dependencies.peek(edge.from);
      if (forward) forward.push(edge);
      else this.dependencies.set(edge.from, [edge]);
    }
  }

  /** The file edges into a symbol, in the order of the pieces, then of their edges. */
  edgesInto(id: string): GraphEdge[] {
    if (!this.has(id)) return [];
    this.#consumers ??= indexOutlines(this.#sources, (outline) => outline.targets);
    const edges: GraphEdge[] = [];
    for (const file of this.#consumers.get(id) ?? []) {
      for (const edge of this.piece(file)!.edges) if (edge.to === id && this.edgeIndex.get(edge.from)?.get(id) === edge) edges.push(edge);
    }
    return edges;
  }

  /** The declarations reading a member name, in the order of the pieces. */
  readersOf(name: string): Array<FilePiece['memberReads'][number]> {
    this.#readers ??= indexOutlines(this.#sources, (outline) => outline.reads);
    return (this.#readers.get(name) ?? []).flatMap((file) => this.piece(file)!.memberReads.filter((read) => read.reads.includes(name)));
  }

  /**
   * Class or interface -> the classes that extend or implement it (a class's own edges are its
   * heritage clauses and decorators): a call through the base may run any of them.
   */
  subclasses(): Map<string, string[]> {
    const subclasses = new Map<string, string[]>();
    for (const { outline } of this.#sources.values()) {
      for (const [id, target, kind] of outline.heritage) {
        if (!this.has(target)) continue;
        const base = this.symbols.get(target)?.declarationKind;
        if (!((base === 'class' && kind === 'runtime') || (base === 'interface' && kind === 'type'))) continue;
        subclasses.set(target, [...(subclasses.get(target) ?? []), id]);
      }
    }
    return subclasses;
  }

  /**
   * A class's members by what follows `Class.` in their ids, from its file's piece: made once per
   * class, where a reader of many names would look each up (`Class.name`) in every class it reaches.
   */
  membersOf(classId: string): ReadonlyMap<string, SymbolInfo> {
    let members = this.#members.get(classId);
    if (!members) {
      members = new Map();
      const prefix = `${classId}.`;
      for (const symbol of this.piece(this.fileOf(classId))?.symbols ?? []) if (symbol.id.startsWith(prefix)) members.set(symbol.id.slice(prefix.length), symbol);
      this.#members.set(classId, members);
    }
    return members;
  }

  /** What a piece says of the types of a symbol's members, its bases and what its calls return. */
  memberInput(id: string): MemberInput | undefined {
    const file = this.fileOf(id);
    let input = this.#memberInputs.get(file);
    if (!input) {
      const piece = this.piece(file);
      if (!piece) return undefined;
      input = { memberTypes: new Map(piece.memberTypes), bases: new Map(piece.bases), returns: new Map(piece.returns) };
      this.#memberInputs.set(file, input);
    }
    return input;
  }

  /** Edges that stand for a computed access or a non-literal import, into the graph's symbols. */
  unknownEdges(): number {
    let count = 0;
    for (const { outline } of this.#sources.values()) for (const target of outline.unknown) if (this.has(target)) count++;
    return count;
  }
}

interface MemberInput {
  memberTypes: Map<string, Record<string, string[]>>;
  bases: Map<string, string[]>;
  returns: Map<string, string[]>;
}

/** Value -> the files whose outlines list it, in the order of the sources. */
function indexOutlines(sources: ReadonlyMap<string, PieceSource>, values: (outline: PieceOutline) => readonly string[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  // `forEach`, not `for…of`: no entry array per source, for tens of thousands of values.
  sources.forEach(({ outline }, file) => {
    const listed = values(outline);
    for (let at = 0; at < listed.length; at++) {
      const value = listed[at]!;
      const files = index.get(value);
      if (files) files.push(file);
      else index.set(value, [file]);
    }
  });
  return index;
}

interface MemberContext {
  known: TypeKnowledge;
  /** Class or interface -> what it extends or implements: whose members it may override. */
  ancestors: Map<string, string[]>;
  /** Declaration -> the classes it may read members of, each way (`classesReachedBy`), as found. */
  reached: Map<string, Array<[string, string | undefined]>>;
}

/**
 * `user.save()` names no binding: the parser cannot see that `user` is a `User`. A declaration
 * that reads property `save` and depends on class `User` (directly, through an interface or a
 * type alias, or through a chain of properties it reads, `this.app.scene.save()`) depends on
 * member `User.save`, and on the `save` of the subclasses of `User`, which a call through a
 * `User` may reach. A name match is conservative — any `.save` counts — but it is what links
 * a method to its callers. A call of `Base.m` may run any override of `m` in the classes
 * extending `Base`: whoever depends on `Base.m` depends on those overrides too (the language
 * service counts them alike).
 *
 * These dependents gather a symbol's file edges, and draw such member and override edges, when
 * asked for its dependents. A walk asks for the few members a change reaches, where drawing
 * every member edge of the graph (a search from each declaration that reads a property) would
 * cost more than all the rest of a warm run. Drawn edges go to the dependents only, so that the
 * searches still to come see the forward edges of the files alone; `drawAll` draws every one
 * and lists them in the forward map (`dependencies`) too, for a graph that must answer every
 * question. Iterating these dependents gives only what was asked for so far.
 */
class MemberDependents extends Map<string, GraphEdge[]> {
  readonly #shelf: PieceShelf;
  #context?: MemberContext;
  #closed = false;
  readonly #gathered = new Set<string>();
  readonly #drawn = new Set<string>();
  readonly #edges: GraphEdge[] = [];

  constructor(shelf: PieceShelf) {
    super();
    this.#shelf = shelf;
  }

  override get(id: string): GraphEdge[] | undefined {
    this.#gather(id);
    if (!this.#closed && !this.#drawn.has(id)) {
      this.#drawn.add(id);
      this.#draw(id);
    }
    return super.get(id);
  }

  #gather(id: string): void {
    if (this.#gathered.has(id)) return;
    this.#gathered.add(id);
    const edges = this.#shelf.edgesInto(id);
    if (edges.length > 0) super.set(id, edges);
  }

  /** What member edges know of types, from the outlines' heritage and the pieces, once a member is asked for. */
  #contextOf(): MemberContext {
    if (!this.#context) {
      const shelf = this.#shelf;
      const subclasses = shelf.subclasses();
      const superclasses = new Map<string, string[]>();
      for (const [base, derived] of subclasses) {
        if (shelf.symbols.get(base)?.declarationKind !== 'class') continue;
        for (const subclass of derived) superclasses.set(subclass, [...(superclasses.get(subclass) ?? []), base]);
      }
      const ancestors = new Map<string, string[]>();
      for (const [base, list] of subclasses) for (const subclass of list) ancestors.set(subclass, [...(ancestors.get(subclass) ?? []), base]);
      // Looked up once per symbol: the search meets the same symbols from every declaration it starts at.
      const traitsOf = new Map<string, SymbolTraits>();
      const traits = (id: string): SymbolTraits => {
        let found = traitsOf.get(id);
        if (!found) {
          const input = shelf.memberInput(id);
          const qualified = id.slice(id.lastIndexOf('#') + 1);
          found = {
            kind: shelf.symbols.get(id)?.declarationKind,
            memberTypes: input?.memberTypes.get(id),
            bases: input?.bases.get(id) ?? [],
            returns: input?.returns.get(id),
            qualified,
            name: qualified.slice(qualified.lastIndexOf('.') + 1),
          };
          traitsOf.set(id, found);
        }
        return found;
      };
      const known: TypeKnowledge = { subclasses, superclasses, traits };
      this.#context = { known, ancestors, reached: new Map() };
    }
    return this.#context;
  }

  /**
   * A drawn edge goes to the dependents only: the searches still to come must see the forward
   * edges the whole graph's searches see, which are the file edges alone.
   */
  #add(edge: GraphEdge): void {
    // Its dependent's file edges are indexed first: a pair keeps its first edge.
    this.#shelf.piece(this.#shelf.fileOf(edge.from));
    this.#gather(edge.to);
    if (!keepEdge(this.#shelf.edgeIndex, edge)) return;
    super.set(edge.to, [...(super.get(edge.to) ?? []), edge]);
    this.#edges.push(edge);
  }

  drawAll(graph: SymbolGraph): void {
    if (this.#closed) return;
    for (const id of graph.symbols.keys()) this.get(id);
    for (const edge of this.#edges) graph.dependencies.set(edge.from, [...(graph.dependencies.get(edge.from) ?? []), edge]);
    this.#closed = true;
  }

  #draw(id: string): void {
    const dot = id.lastIndexOf('.');
    const shelf = this.#shelf;
    if (dot < id.lastIndexOf('#') || !shelf.has(id)) return;
    const context = this.#contextOf();
    const classId = id.slice(0, dot);
    const member = id.slice(dot + 1);
    const pending: GraphEdge[] = [];
    for (const read of shelf.readersOf(member)) {
      let classes = context.reached.get(read.from);
      if (!classes) {
        classes = classesReachedBy(shelf, read.from, read.own === undefined ? [] : [read.own], new Set(read.reads), context.known);
        context.reached.set(read.from, classes);
      }
      // A class reached through property `p` only lends the members read as `p.member`.
      const lends = classes.some(([reached, via]) => reached === classId && (via === undefined || read.reads.includes(`${via}.${member}`)));
      if (lends && read.from !== id) pending.push({ from: read.from, to: id, kind: 'runtime', line: read.line });
    }
    for (const edge of pending) this.#add(edge);
    // A call of `Base.m` may run this override: whoever depends on `Base.m` depends on it too.
    const seen = new Set<string>();
    const ancestors = [...(context.ancestors.get(classId) ?? [])];
    for (const ancestor of ancestors) {
      if (seen.has(ancestor)) continue;
      seen.add(ancestor);
      ancestors.push(...(context.ancestors.get(ancestor) ?? []));
      const inherited = `${ancestor}.${member}`;
      if (!shelf.has(inherited)) continue;
      for (const edge of [...(this.get(inherited) ?? [])]) {
        if (!edge.structural && edge.from !== id) this.#add({ ...edge, to: id });
      }
    }
  }
}

/** What member edges ask of one symbol: its kind, and what its piece knows of types. */
interface SymbolTraits {
  kind: string | undefined;
  /** The types of its members, by name (`name()` for what a method returns). */
  memberTypes: Record<string, string[]> | undefined;
  /** Interface -> the names it extends. */
  bases: readonly string[];
  /** Function or method -> the names of what a call of it returns. */
  returns: readonly string[] | undefined;
  /** Its name in its file (`Class.save`). */
  qualified: string;
  /** The last part of its name (`save` of `Class.save`). */
  name: string;
}

interface TypeKnowledge {
  subclasses: ReadonlyMap<string, string[]>;
  /** Class -> the classes it extends. */
  superclasses: ReadonlyMap<string, string[]>;
  traits(id: string): SymbolTraits;
}

/** Kinds whose type information leads on to a class: `type Api = Pick<App, …>`, `app: App`. */
const typeCarriers = new Set(['interface', 'type', 'property', 'getter']);

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

/** What is read as called and read on (`cursor` of `cursor().sort`, `a().b` of `a().b().c`): each prefix before a `().`. */
function calledNames(reads: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  for (const read of reads) {
    for (let at = read.indexOf('().'); at !== -1; at = read.indexOf('().', at + 1)) names.add(read.slice(0, at));
  }
  return names;
}

function isCallable(kind: string | undefined): boolean {
  return kind === 'method' || kind === 'function';
}

/**
 * The classes whose members a declaration may read, each with what it was reached through, once per way:
 * undefined when reached directly (a parameter typed by the class), a property name
 * (`app.scene` reaches Scene through `scene`), or a method call (`cursor()`).
 */
function classesReachedBy(
  graph: Pick<SymbolGraph, 'symbols' | 'dependencies'> & Pick<PieceShelf, 'membersOf'>,
  from: string,
  own: readonly string[],
  reads: ReadonlySet<string>,
  known: TypeKnowledge,
): Array<[string, string | undefined]> {
  // A class can be reached several ways (directly and through a property): each lends its reads.
  const classes: Array<[string, string | undefined]> = [];
  // Each id once per way and what it was reached through: id -> via -> ways (no key string per question).
  const seen = new Map<string, Map<string, Set<string>>>();
  // `inherited`: a base class reached for the members a subclass inherits, which lends no other
  // subclasses; `constructed`: a class a called function only constructs (`throw new NotFound()`),
  // which lends no base members.
  type Way = 'inherited' | 'constructed';
  const frontier: Array<{ id: string; via: string | undefined; way?: Way }> = [{ id: from, via: undefined }];
  const reach = (id: string, via: string | undefined, way?: Way) => {
    let byVia = seen.get(id);
    if (!byVia) seen.set(id, (byVia = new Map()));
    let ways = byVia.get(via ?? '');
    if (!ways) byVia.set(via ?? '', (ways = new Set()));
    if (ways.has(way ?? '')) return;
    ways.add(way ?? '');
    frontier.push(way === undefined ? { id, via } : { id, via, way });
  };
  for (const id of own) reach(id, undefined);
  const typed = new Set((graph.dependencies.get(from) ?? []).flatMap((edge) => (edge.kind === 'type' ? [edge.to] : [])));
  // Asked once per class and edge: `readsOn` per way, and the names called as `name().…`.
  const readsByWay = new Map<string | undefined, string[]>();
  const readsThrough = (via: string | undefined): string[] => {
    let names = readsByWay.get(via);
    if (!names) {
      names = readsOn(reads, via);
      readsByWay.set(via, names);
    }
    return names;
  };
  const called = calledNames(reads);
  for (let index = 0; index < frontier.length && index < 400; index++) {
    const { id, via, way } = frontier[index]!;
    const traits = known.traits(id);
    const kind = traits.kind;
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
      const members = graph.membersOf(id);
      for (const name of readsThrough(via)) {
        const member = members.get(name);
        const memberKind = member?.declarationKind;
        if (memberKind === 'property' || memberKind === 'getter') reach(member!.id, name);
        if (memberKind === 'method' && called.has(name)) reach(member!.id, `${name}()`);
      }
      continue;
    }
    // `runner.run()` on an interface runs the `run` of the classes implementing it.
    if (kind === 'interface') for (const implementer of known.subclasses.get(id) ?? []) reach(implementer, via);
    const types = traits.memberTypes;
    if (types) {
      // An interface's members are no symbols: follow the types of the members read on it.
      const targets = graph.dependencies.get(id) ?? [];
      for (const name of readsThrough(via)) {
        for (const key of [name, `${name}()`]) {
          for (const typeName of Object.hasOwn(types, key) ? types[key]! : []) {
            for (const edge of targets) if (edge.to.endsWith(`#${typeName}`)) reach(edge.to, key === name ? name : key);
          }
        }
      }
      // The members it inherits are read on it alike: `event.manager` where `manager` is the base's.
      const inherited = traits.bases;
      for (const edge of targets) if (inherited.some((name) => edge.to.endsWith(`#${name}`))) reach(edge.to, via);
      if (kind === 'interface') continue;
    }
    const isCall = (isCallable(kind) || traits.returns !== undefined) && via?.endsWith('()') === true;
    if (id !== from && !isCall && (kind === undefined || !typeCarriers.has(kind))) continue;
    // What a property's type leads to is read through that property's name; a method's, through its call.
    // A property's own code (its initializer, its decorators) reads on what it names directly.
    // A property a called method uses (`return this.runner ?? …`) may be what the call returns:
    // it is read through the call.
    const isReadByName = (kind === 'property' || kind === 'getter') && via?.endsWith('()') !== true;
    const through = id === from ? undefined : isReadByName ? id.slice(id.lastIndexOf('.') + 1) : via;
    // A call leads only to what it returns, when that is known by name.
    const returned = isCall ? traits.returns : undefined;
    for (const edge of graph.dependencies.get(id) ?? []) {
      const reached = known.traits(edge.to);
      const target = reached.kind;
      if (returned !== undefined && !returned.includes(reached.qualified)) continue;
      const constructed = target === 'class' && isCall && returned === undefined && edge.kind !== 'type';
      if (target === 'class' || (target !== undefined && typeCarriers.has(target))) reach(edge.to, through, constructed ? 'constructed' : undefined);
      // `createService().run()` and `this.obtainRunner().run()`: the declaration calls it;
      // `return make()` leads on to `make`.
      if ((isCallable(target) || reached.returns !== undefined) && (id === from ? called.has(reached.name) : returned !== undefined)) {
        reach(edge.to, id === from ? `${reached.name}()` : via);
      }
    }
  }
  return classes;
}

/**
 * Whether an edge is new: one edge per pair, and none to itself. A repeated pair keeps the
 * first edge, upgraded from type to runtime, so the walk reports the stronger reason.
 */
export function keepEdge(index: Map<string, Map<string, GraphEdge>>, edge: GraphEdge): boolean {
  if (edge.from === edge.to) return false;
  let byTarget = index.get(edge.from);
  if (!byTarget) {
    byTarget = new Map();
    index.set(edge.from, byTarget);
  }
  const existing = byTarget.get(edge.to);
  if (existing) {
    if (existing.kind === 'type' && edge.kind !== 'type') existing.kind = edge.kind;
    return false;
  }
  byTarget.set(edge.to, edge);
  return true;
}
