// The data contracts between the stages. Everything here is plain, JSON-serialisable data:
// no ts-morph nodes, no simple-git objects, so every stage can be tested with hand-built values
// and `--format json` is only serialisation. DESIGN.md §2 and §5 are the source of truth.

// ---------------------------------------------------------------------------------------------
// The result (DESIGN §5)
// ---------------------------------------------------------------------------------------------

export type ChangeKind = 'added' | 'removed' | 'modified' | 'trivia';
export type Surface = 'signature' | 'body';
export type CodeEdgeKind = 'runtime' | 'type' | 'dynamic' | 'unknown';
export type EdgeKind = CodeEdgeKind | 'package' | 'asset';
export type Severity = 'error' | 'warn' | 'info';
export type Verdict = 'pass' | 'warn' | 'fail';
export type Risk = 'low' | 'medium' | 'high' | 'critical';

export interface ChangedSymbol {
  id: string;
  file: string;
  name: string;
  declarationKind: string;
  change: ChangeKind;
  surface?: Surface;
  oldFile?: string;
  line: number;
}

export interface AffectedSymbol {
  id: string;
  file: string;
  name: string;
  declarationKind: string;
  depth: number;
  via: string;
  edge: EdgeKind;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  figure?: number;
  limit?: number;
  file?: string;
  line?: number;
  overriddenBy?: string;
}

export interface Result {
  schemaVersion: 1;
  tool: { name: 'blast'; version: string };
  base: { ref: string; sha: string; mergeBase: string; reason: string };
  head: { ref: string; sha: string; worktree: boolean };
  policy: { path: string | null; source: 'worktree' | 'base' | 'default' };
  changes: ChangedSymbol[];
  affected: {
    symbols: AffectedSymbol[];
    files: string[];
    tests: string[];
    packages: string[];
    entryPoints: string[];
    owners: Array<{ owner: string; files: number }>;
  };
  stats: {
    changedSymbols: number;
    affectedSymbols: number;
    affectedFiles: number;
    affectedTests: number;
    affectedPackages: number;
    entryPoints: number;
    maxDepth: number;
    unknownEdges: number;
    unresolvedImports: number;
    unparsedFiles: string[];
    withoutStops?: { affectedFiles: number; affectedSymbols: number };
  };
  score: number;
  scoreVersion: 1;
  risk: Risk;
  provenance: {
    aiAssisted: boolean;
    evidence: Array<{ commit: string; source: 'trailer' | 'author' | 'branch' | 'flag'; match: string }>;
  };
  approvals: Array<{ approver: string; accepted: boolean; reason: string; trust: 'signed' | 'trailer' }>;
  findings: Finding[];
  verdict: Verdict;
  timingsMs: Record<string, number>;
}

// ---------------------------------------------------------------------------------------------
// git stage output
// ---------------------------------------------------------------------------------------------

/** Which side of the comparison is "head" (DESIGN §3). */
export type HeadMode =
  | { kind: 'worktree' }
  | { kind: 'index' }
  | { kind: 'commit'; ref: string };

/** A line range, 1-based and inclusive; `count` 0 means "between line start-1 and start". */
export interface LineRange {
  start: number;
  count: number;
}

export type FileStatus = 'added' | 'deleted' | 'modified' | 'renamed' | 'copied' | 'type-changed';

export interface FileChange {
  status: FileStatus;
  /** Path at head (repo-relative, `/`); for a deleted file, the path it had. */
  path: string;
  /** Path at the merge-base, when it differs (renames) or when the file is deleted. */
  oldPath?: string;
  /** Changed line ranges on the merge-base side and on the head side (from `-U0`). */
  oldRanges: LineRange[];
  newRanges: LineRange[];
  binary: boolean;
}

export interface ResolvedBase {
  /** What the user or the environment named, e.g. `origin/main`. */
  ref: string;
  sha: string;
  mergeBase: string;
  /** Why this base was chosen, e.g. `--base`, `GITHUB_BASE_REF`, `origin/HEAD`. */
  reason: string;
}

/** A file as it is at one side of the comparison. */
export interface TreeFile {
  path: string;
  /** git blob id when the content is a committed/staged blob; a content hash otherwise. */
  blob: string;
}

// ---------------------------------------------------------------------------------------------
// graph stage: per-file facts and the symbol graph
// ---------------------------------------------------------------------------------------------

export type ScriptKind = 'ts' | 'tsx' | 'js' | 'jsx' | 'mts' | 'cts' | 'mjs' | 'cjs' | 'dts';

/** A reference from a declaration to a top-level binding of its file. */
export interface BindingUse {
  /** The local top-level name used (a declaration or an import binding). */
  name: string;
  /** `ns.a` on a namespace import or a namespace-like binding records `a` here. */
  member?: string;
  /** `type` when every occurrence is in a type position. */
  kind: 'runtime' | 'type';
  /**
   * Every whole use is `typeof name`: a module's shape given to values whose reads the parser
   * sees as property names, so a namespace used this way depends on the exports read by name.
   */
  typeQuery?: true;
  /**
   * Every whole use is a computed access with a key the parser cannot read (`ns[key]`): on a
   * namespace, an `unknown` edge to every export (counted in `stats.unknownEdges`).
   */
  computed?: true;
  /** First line where the reference occurs. */
  line: number;
}

/** A dependency of a declaration on another module that needs no binding (`import('x')`). */
export interface ModuleUse {
  specifier: string;
  /** `dynamic`: `import('x')`/`require('x')` inside code; `mock`: `vi.mock('x')`/`jest.mock('x')`. */
  kind: 'dynamic' | 'mock';
  line: number;
  /** The exports the code takes from the module (`const { a } = await import('x')`); absent: all. */
  names?: string[];
}

export interface Declaration {
  /** Local declared name; `Class.member` for members; `default` for anonymous default exports. */
  name: string;
  /** `function`, `class`, `method`, `property`, `const`, `let`, `var`, `type`, `interface`, `enum`, `namespace`, `module` … */
  kind: string;
  /** 1-based inclusive lines, leading JSDoc included. */
  startLine: number;
  endLine: number;
  /** Names under which the file exports this declaration (`default` included). */
  exportedAs: string[];
  uses: BindingUse[];
  moduleUses: ModuleUse[];
  /**
   * Property names read on values whose type the parser cannot see (`user.save()`), so the
   * graph can link them to members of the classes the declaration depends on; `scene.render`
   * when read through a property (`app.scene.render()`).
   */
  memberAccesses?: string[];
  /**
   * For interfaces and object type aliases, which have no member symbols: each member's name
   * (`name()` for a method) and the type names its declared type mentions, so that
   * `runner.manager.find()` can be followed through `interface Runner { manager: Manager }`.
   */
  memberTypes?: Record<string, string[]>;
  /**
   * For a type alias naming one binding whole (`type Api = App`, `InstanceType<typeof App>`):
   * that binding, so `Api['save']` is a use of member `App.save`.
   */
  aliasOf?: string;
  /**
   * For functions and methods: the names of what a call returns (the declared return type's
   * type names, or the `new C()` / `f()` every `return` gives), so `create().run()` reaches `C.run`.
   */
  returns?: string[];
  /** For interfaces: the names in `extends`, whose members the interface has too. */
  bases?: string[];
  /** Container symbol name for members (`Class` for `Class.member`). */
  parent?: string;
}

export interface ImportBinding {
  local: string;
  /** `default`, `*` for a namespace import, or the imported export name. */
  imported: string;
  specifier: string;
  typeOnly: boolean;
  line: number;
  /** `require` rather than `import`. */
  isRequire?: boolean;
}

export interface ReExport {
  /** Exported name, or `*` for `export * from`. */
  exported: string;
  /** Imported name in the target, `*` for `export * as ns` and `export *`. */
  imported: string;
  specifier: string;
  typeOnly: boolean;
  line: number;
}

export interface LocalExport {
  /** The exported name. */
  exported: string;
  /** A top-level local binding (declaration or import binding). */
  local: string;
  line: number;
}

export interface FileFacts {
  path: string;
  scriptKind: ScriptKind;
  declarations: Declaration[];
  imports: ImportBinding[];
  reExports: ReExport[];
  /** `export { a as b }` and `export default a` where `a` is a top-level binding. */
  localExports: LocalExport[];
  /** `import './x'`: recorded, never walked. */
  sideEffectImports: Array<{ specifier: string; line: number }>;
  /** Syntax errors; the file is still analysed as far as it parsed. */
  parseErrors: Array<{ line: number; col: number; message: string }>;
}

/** Where an import specifier led. */
export type Resolution =
  | { kind: 'file'; path: string }
  /** A file of the repository that is not code (JSON, CSS, images). */
  | { kind: 'asset'; path: string }
  | { kind: 'external' }
  | { kind: 'unresolved' };

export interface GraphEdge {
  /** The dependent symbol id. */
  from: string;
  /** The symbol depended on. */
  to: string;
  kind: EdgeKind;
  /** Line in `from`'s file where the reference is. */
  line: number;
  /** Files whose re-exports the reference passed through (barrels), in order. */
  through?: string[];
  /** A class or namespace depending on its own member: the member's change is the container's. */
  structural?: true;
}

export interface SymbolInfo {
  id: string;
  file: string;
  name: string;
  declarationKind: string;
  line: number;
  exportedAs: string[];
}

/** Facts of the files a graph holds, decoded on demand: a warm run decodes only the few it reads. */
export interface GraphFiles {
  has(path: string): boolean;
  get(path: string): FileFacts | undefined;
  keys(): Iterable<string>;
}

/** The symbol graph of one side of the comparison. */
export interface SymbolGraph {
  symbols: Map<string, SymbolInfo>;
  /** Reverse adjacency: symbol id -> the edges of its dependents. */
  dependents: Map<string, GraphEdge[]>;
  /**
   * Forward adjacency: symbol id -> the edges to what it depends on. A focused graph draws member
   * and override edges into `dependents` only, when asked: its forward map holds file edges.
   */
  dependencies: Map<string, GraphEdge[]>;
  files: GraphFiles;
  unresolvedImports: Array<{ file: string; specifier: string; line: number }>;
  unknownEdges: number;
  unparsedFiles: string[];
}

/** What a declaration is made of, for telling a real change from trivia (only for changed files). */
export interface SymbolFingerprint {
  /** Tokens of the declaration (comments and whitespace excluded) and where its bindings point. */
  hash: string;
  /** The signature alone: parameters, declared types, type bodies, export names. */
  signatureHash: string;
}

// ---------------------------------------------------------------------------------------------
// explain and affected
// ---------------------------------------------------------------------------------------------

/** One step of a why-path: the symbol, and how it depends on the next step toward the change. */
export interface WhyHop {
  id: string;
  file: string;
  /** Line of the symbol's declaration. */
  line: number;
  /** How this symbol depends on the next one; absent on the last step (the changed symbol). */
  edge?: EdgeKind;
  /** Line in this symbol's file where the reference to the next step is. */
  referenceLine?: number;
  /** Barrels the reference passed through. */
  through?: string[];
}

export interface DependentsTree {
  id: string;
  edge: EdgeKind;
  /** Line in the dependent's file where it references its parent in the tree. */
  line: number;
  children: DependentsTree[];
  /** Dependents left out at this level (a cap per node keeps hubs readable). */
  omitted?: number;
  /** Already shown higher up this branch (a cycle): not expanded again. */
  cycle?: true;
}

export interface ExplainedSymbol {
  id: string;
  file: string;
  name: string;
  declarationKind: string;
  status: 'changed' | 'affected' | 'unaffected';
  change?: ChangeKind;
  surface?: Surface;
  depth?: number;
  /** From this symbol back to the changed symbol it was reached from (empty when unaffected). */
  path: WhyHop[];
  dependents: DependentsTree[];
}

export interface Explanation {
  target: string;
  base: Result['base'];
  head: Result['head'];
  depth: number;
  symbols: ExplainedSymbol[];
}

// ---------------------------------------------------------------------------------------------
// verify
// ---------------------------------------------------------------------------------------------

export type Level = 'direct' | 'transitive';
export type VerifySide = 'language-service' | 'blast';
export type VerifyCut = 'bound' | 'time';

export interface Figures {
  recall: number;
  precision: number;
  /** Files the language service found, blast found, and both found. */
  languageServiceFiles: number;
  blastFiles: number;
  commonFiles: number;
}

/** A file one side reaches from a sampled symbol and the other does not. */
export interface Disagreement {
  symbol: string;
  file: string;
  seenBy: VerifySide;
  level: Level;
  /** How the side that saw it got there: the sampled symbol, …, the first symbol in `file`. */
  chain: string[];
  /**
   * The first hop of `chain` the other side does not have: `dependent` references `on` (or
   * blast has that edge) on the side that saw it, not on the other. This is the edge to look at.
   */
  unmatched?: { dependent: string; on: string };
}

export interface SymbolVerification {
  id: string;
  direct: Figures;
  /** Absent when the language service's closure was cut: a partial closure is no measure. */
  transitive?: Figures;
  cut?: VerifyCut;
  /**
   * Files blast's walk reaches besides `transitive`'s, by taking a member's change as its
   * class's or namespace's (structural edges). Not compared: no reference stands for them.
   */
  containmentOnlyFiles: number;
}

export interface VerifyReport {
  seed: number;
  /** Exported symbols the sample was drawn from. */
  candidates: number;
  /** The symbols verified, sorted. */
  sampled: string[];
  /** Sampled symbols the language service could not be asked about (no declaration name found, or it failed). */
  unlocated: string[];
  /** Symbols whose question made the language service throw (they count as having no dependents). */
  languageServiceErrors: Array<{ symbol: string; message: string }>;
  /** Micro-averages over the located symbols; transitive over the closures that were not cut. */
  direct: Figures;
  /** `symbols`: the closures compared; `containmentOnlyFiles`: their sum of that figure. */
  transitive: Figures & { symbols: number; containmentOnlyFiles: number };
  symbols: SymbolVerification[];
  /** Sorted by symbol, level, file, side. */
  disagreements: Disagreement[];
  minRecall: number;
  minPrecision: number;
  /** Why the figures are below the bar, one line each; empty when they pass. */
  failures: string[];
  /** Code files in the language service's program. */
  programFiles: number;
  /**
   * References the language service listed and verify left out: uses of another class's
   * implementation of the same interface member (`this.query()` in a sibling class), which
   * never run the symbol asked about.
   */
  siblingReferences: number;
  timingsMs: { languageService: number; references: number; total: number };
}
