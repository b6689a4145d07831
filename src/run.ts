// One function per command; the only place that chains the stages. Reads top to bottom like
// the pipeline: git -> changes -> graph -> impact -> policy -> result.
import { performance } from 'node:perf_hooks';
import { constants, existsSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { ConfigError, UsageError } from './errors.js';
import { compileGlobs } from './glob.js';
import {
  changedFiles,
  describeHead,
  emptyTreeId,
  installPrePushHook,
  listFiles,
  openRepository,
  parsePushedRefs,
  planPush,
  readCiContext,
  readFiles,
  resolveBase,
  uninstallPrePushHook,
  type CiContext,
  type HookCommand,
  type HookInstallation,
  type HookRemoval,
  type PushSkip,
  type Repository,
  type Side,
} from './git/index.js';
import { buildGraph, clearGraphCache, describeFiles, disabledCache, isCodeFile, isGraphInput, memoryCache, verifyGraph, openGraphCache, parseUncached, ReadProgress, scriptKindOf, startParseThread, stopParseThreads, uncachedCode, type GraphCache, type GraphOutput, type TextReader } from './graph/index.js';
import {
  CODEOWNERS_PATHS,
  ambientChanges,
  assetImports,
  assetMatcher,
  changedDependencies,
  countOwners,
  dependencyMatcher,
  explainSymbols,
  findChangedSymbols,
  findEntryPoints,
  inputSeedsOf,
  measureImpact,
  needsBaseGraph,
  parseCodeOwners,
  symbolsOfFile,
  type ChangedFileSides,
  type DependencyChange,
  type InputMatcher,
} from './impact/index.js';
import { applySignoff, collectApprovals, createApproval, detectProvenance, headBranchName, summarizeRadius, type CreatedApproval } from './signoff/index.js';
import {
  defaultPolicy,
  evaluatePolicy,
  generateStarterPolicy,
  looksLikeSymbolId,
  parsePolicy,
  riskOf,
  sortFindings,
  verdictOf,
  type Policy,
  type StarterChoices,
} from './policy/index.js';
// Not through project/index.ts, which loads the compiler for tsconfigs: a warm check must not.
import { findWorkspaces } from './project/workspaces.js';
import { workspacePackages } from './project/workspace-packages.js';
import { packageEntries } from './project/package-entries.js';
import type { ChangedSymbol, Explanation, FileChange, Finding, HeadMode, ResolvedBase, Result, TreeFile, VerifyReport } from './types.js';
import { keepCompilerCode } from './compiler-cache.js';
import { VERSION } from './version.js';

export interface CheckOptions {
  cwd: string;
  /** The environment blast reads CI variables from (never `process.env` directly). */
  env: Readonly<Record<string, string | undefined>>;
  base?: string;
  /** `--head REF`: read from git objects, the working tree untouched. */
  head?: string;
  committed?: boolean;
  staged?: boolean;
  /** `--policy FILE`, relative to cwd. */
  policy?: string;
  /** Where the policy is read: the working tree, or the merge-base (the default when CI is set). */
  policyFrom?: 'worktree' | 'base';
  observe?: boolean;
  aiAssisted?: boolean;
  /** false: neither read nor write the cache (`--no-cache`). */
  cache?: boolean;
  /** Where the cache lives (default: `blast/` in the git common dir). */
  cacheDir?: string;
  /** Progress and warnings for the user; never part of the result. */
  onWarning?: (message: string) => void;
  /** A stage starts; `detail.files`: how many code files it reads (for "building the graph of N files"). */
  onProgress?: (stage: string, detail?: { files: number }) => void;
}

export interface CheckOutcome {
  result: Result;
  /** Imports that resolve nowhere, for `--verbose`. */
  unresolvedImports: Array<{ file: string; specifier: string; line: number }>;
  /** True when the policy's mode (or `--observe`) makes a fail exit 0. */
  observe: boolean;
}

const POLICY_NAMES = ['.blast.yml', '.blast.yaml'];

/**
 * Work started now and awaited later: a failure surfaces where it is awaited, not as an
 * unhandled rejection while other work runs.
 */
function early<T>(work: Promise<T>): Promise<T> {
  work.catch(() => undefined);
  return work;
}

/**
 * `blast check`: the blast radius of the branch against its base, and the policy's verdict.
 * Errors: GitError (not a repository, unknown base, no merge base), ConfigError (policy),
 * ProjectError (tsconfig). Warnings go to `onWarning`.
 */
export async function check(options: CheckOptions): Promise<CheckOutcome> {
  const analysis = await analyzeChange(options);
  // Only the outcome is handed on: nothing reads the graphs' pieces from the cache after.
  analysis.cache.close();
  return analysis.outcome;
}

/** Everything one analysis produced, for the commands that need more than the result. */
interface Analysis {
  outcome: CheckOutcome;
  repo: Repository;
  policy: Policy;
  headGraph: GraphOutput;
  baseGraph: GraphOutput | undefined;
  /** The graphs read their pieces from it as asked; `close` once they are done with. */
  cache: GraphCache;
}

/**
 * @param extraFocus files the command asks about besides the changed ones (explain's target):
 *   the graph holds what can reach them too.
 * @param preset.base a base already resolved (a pushed ref's): analyzeChange resolves none.
 */
async function analyzeChange(options: CheckOptions, extraFocus: (repoRoot: string) => string[] = () => [], preset: { base?: ResolvedBase } = {}): Promise<Analysis> {
  // Work started early (a parse in workers) is stopped when the analysis ends, even by an error.
  const ended = new AbortController();
  try {
    return await analyzeUntil(ended.signal, options, extraFocus, preset);
  } finally {
    ended.abort();
    // Done or failed, nothing more is parsed: the threads' memory goes.
    stopParseThreads();
  }
}

async function analyzeUntil(ended: AbortSignal, options: CheckOptions, extraFocus: (repoRoot: string) => string[], preset: { base?: ResolvedBase }): Promise<Analysis> {
  const timings: Record<string, number> = {};
  const time = async <T>(stage: string, work: () => Promise<T> | T, detail?: { files: number }): Promise<T> => {
    options.onProgress?.(stage, detail);
    const started = performance.now();
    try {
      return await work();
    } finally {
      timings[stage] = Math.round(performance.now() - started);
    }
  };
  const warn = (message: string) => options.onWarning?.(message);

  const repo = await openRepository(options.cwd, { env: options.env });
  // The working tree's policy names the base (DESIGN §3); in CI the merge-base's judges.
  const worktreePolicy = await loadPolicy(repo, options);
  const ci: CiContext = isCi(options.env) && preset.base === undefined ? await readCiContext(options.env, warn) : {};
  const head = headMode(options, ci);
  // Reading the cache and listing head's files need no base: they overlap the git calls below.
  // The files the cache does not know are known once its skims are read, before the rest of it
  // (a cache that fails to open holds none).
  let skimsRead: (held: (path: string, blob: string) => boolean) => void = () => {};
  const heldWork = new Promise<(path: string, blob: string) => boolean>((resolve) => (skimsRead = resolve));
  const cacheWork = early(openCache(repo, options, skimsRead));
  void cacheWork.catch(() => skimsRead(() => false));
  // Code not committed yet is most likely new to the cache, hence parsed: the thread that
  // parses loads the compiler while this one asks git and reads the cache.
  const headFilesWork = early(listFiles(repo, head, { onWorkOnDisk: (paths) => paths.some(isCodeFile) && startParseThread() }));
  const newFilesWork = Promise.all([heldWork, headFilesWork]).then(([held, files]) => {
    const fresh = uncachedCode(files, held);
    if (fresh.length > 0) startParseThread();
    return fresh;
  });
  // So are the files the cache does not know read, in workers: the compiler loads on another core.
  // Once their texts are handed over (`headBusy`), the graph makes its resolver on this one.
  const headTexts = keptTexts((paths) => readFiles(repo, head, paths));
  let headStarted = () => {};
  const headBusy = new Promise<void>((resolve) => (headStarted = resolve));
  const headProgress = new ReadProgress();
  const headParse = early(
    Promise.all([cacheWork, newFilesWork])
      .then(([cache, files]) => parseUncached(files, headTexts, cache, { signal: ended, onStarted: headStarted, progress: headProgress }))
      .finally(headStarted),
  );
  // A parse that failed there is done again, and reported, by the graph.
  const headParsed = () => headParse.catch(() => undefined);

  const base =
    preset.base ??
    (await time('base', () =>
      resolveBase(repo, {
        env: options.env,
        head,
        ci,
        onMissingBase: worktreePolicy.policy.onMissingBase,
        onNote: warn,
        ...(options.base === undefined ? {} : { explicitBase: options.base }),
        ...(worktreePolicy.policy.base == null ? {} : { policyBase: worktreePolicy.policy.base }),
      }),
    ));
  // No merge-base (a root commit, or onMissingBase: all): there is no base policy to judge by.
  const hasBase = base.mergeBase !== emptyTreeId(repo.objectFormat);
  const policyFrom = options.policyFrom ?? (isCi(options.env) ? 'base' : 'worktree');
  if (policyFrom === 'base' && !hasBase && worktreePolicy.policyInfo.path !== null) warn("there is no merge-base to read the policy from; the working tree's policy judges this change");
  const { policy, policyInfo } = policyFrom === 'base' && hasBase ? await loadPolicyAtBase(repo, base.mergeBase, options) : worktreePolicy;
  const headInfo = await describeHead(repo, head);
  // Git-only questions that need no graph run alongside it: git works on the other core.
  const provenanceWork = early(
    time('provenance', () =>
      detectProvenance(repo, {
        mergeBase: base.mergeBase,
        headSha: headInfo.sha,
        branch: headBranchName(options.env, headInfo.ref),
        patterns: policy.ai.detect,
        aiAssistedFlag: options.aiAssisted === true,
      }),
    ),
  );
  const approvalsWork = early(
    time('signoff', async () => {
      const approvalsPolicy = await baseApprovals(repo, base.mergeBase, options, warn);
      return { approvalsPolicy, approvals: await collectApprovals(repo, { mergeBase: base.mergeBase, headSha: headInfo.sha, head, approvals: approvalsPolicy }) };
    }),
  );
  const fileChanges = await time('diff', () => changedFiles(repo, base.mergeBase, head));

  const headSide: Side = head;
  const baseSide: Side = { kind: 'commit', ref: base.mergeBase };
  const headFiles = await time('files', () => headFilesWork);
  const baseFiles = sideFiles(repo, baseSide);
  const baseFocus = fileChanges.filter((change) => change.status !== 'added').map((change) => change.oldPath ?? change.path);
  // What the stages after the graph read from git is asked for now, on the other core, before
  // the cache is loaded: a git process started once the cache and the graph fill this one's
  // memory costs it several times as much (forking copies the page tables).
  if (baseFocus.length > 0) early(baseFiles());
  // The manifests and the code-owner files in one read: a git process, not two.
  const manifestPaths = headFiles.map((file) => file.path).filter((path) => path === 'pnpm-workspace.yaml' || isManifest(path));
  const headConfigs = early(readFiles(repo, headSide, [...manifestPaths, ...CODEOWNERS_PATHS]));
  const manifestsWork = early(headConfigs.then((texts) => textsOf(texts, manifestPaths)));
  const codeOwnersWork = early(headConfigs.then((texts) => textsOf(texts, CODEOWNERS_PATHS)));
  const cache = await cacheWork;
  const baseTexts = keptTexts((paths) => readFiles(repo, baseSide, paths));
  // Each graph waits for head's early reading: files the sides share are read once, not twice at once.
  const headReading = { ready: headParsed(), busy: headBusy, progress: headProgress };
  const buildBaseGraph = async () => time('base-graph', async () => buildGraph({ root: repo.root, files: await baseFiles(), readTexts: baseTexts, cache, focus: baseFocus, ...headReading }));

  // Non-code inputs (DESIGN §2): dependencies a manifest changed, and imported files changed or
  // gone. A file gone is found through the merge-base's imports: at head they resolve nowhere.
  const dependencies = await time('dependencies', () => dependencyChangesOf(repo, fileChanges, headSide, baseSide));
  const matchesDependency = dependencyMatcher(dependencies, headFiles.map((file) => file.path).filter(isManifest));
  const isCode = (path: string) => scriptKindOf(path) !== undefined;
  const changedAssets = new Set(fileChanges.filter((change) => change.status !== 'deleted' && !isCode(change.path)).map((change) => change.path));
  const goneAssets = new Set(fileChanges.filter((change) => (change.status === 'deleted' || change.status === 'renamed') && !isCode(change.oldPath ?? change.path)).map((change) => change.oldPath ?? change.path));
  let baseGraph = goneAssets.size > 0 ? await buildBaseGraph() : undefined;
  const goneImports = baseGraph ? assetImports(baseGraph.resolved, goneAssets) : [];

  const headFocus = [...fileChanges.filter((change) => change.status !== 'deleted').map((change) => change.path), ...goneImports.map((entry) => entry.file), ...extraFocus(repo.root)];
  const focusImports = dependencies.length > 0 ? (file: string, specifier: string) => matchesDependency(file, specifier) !== undefined : undefined;
  const headGraph = await time(
    'graph',
    () => buildGraph({ root: repo.root, files: headFiles, readTexts: headTexts, cache, focus: headFocus, ...headReading, ...(focusImports ? { focusImports } : {}) }),
    { files: headFiles.filter((file) => scriptKindOf(file.path) !== undefined).length },
  );
  for (const message of headGraph.warnings) warn(message);
  // Only the files with an import of a changed input have facts worth decoding.
  const factsImporting = (matches: InputMatcher) =>
    [...headGraph.resolved].flatMap(([file, specifiers]) => ([...specifiers.keys()].some((specifier) => matches(file, specifier) !== undefined) ? [headGraph.graph.files.get(file)!] : []));
  const inputSeeds = (matches: InputMatcher, edge: 'package' | 'asset') => inputSeedsOf(factsImporting(matches), matches, edge);
  const inputs = [
    ...(dependencies.length > 0 ? inputSeeds(matchesDependency, 'package') : []),
    ...(changedAssets.size + goneImports.length > 0 ? inputSeeds(assetMatcher(headGraph.resolved, changedAssets, goneImports), 'asset') : []),
  ];

  const sides = await time('changes', () => changedFileSides(fileChanges, { files: headFiles, readTexts: headTexts, graph: headGraph }, { files: baseFiles, readTexts: baseTexts }, cache));
  const changes = findChangedSymbols(sides);
  if (baseGraph === undefined && needsBaseGraph(changes)) baseGraph = await buildBaseGraph();

  const isStop = compileGlobs(policy.stopAt.filter((entry) => !looksLikeSymbolId(entry)));
  const stopIds = new Set(policy.stopAt.filter(looksLikeSymbolId));
  const changedPaths = fileChanges.filter((change) => change.status !== 'deleted').map((change) => change.path);
  const impact = await time('walk', () =>
    measureImpact({
      changes,
      head: headGraph.graph,
      ...(baseGraph ? { base: baseGraph.graph } : {}),
      changedPaths,
      isTest: compileGlobs(policy.tests),
      isIgnored: compileGlobs(policy.ignore),
      isStop: (id, file) => stopIds.has(id) || isStop(file),
      ...(policy.maxDepth == null ? {} : { maxDepth: policy.maxDepth }),
      inputs,
    }),
  );

  const manifests = await manifestsWork;
  const packages = await time('packages', () => packagesOf(headFiles, manifests, impact.changes, impact.symbols));
  const entryPoints = await time('entry-points', async () => {
    const entries = packageEntries(headFiles.map((file) => file.path), (path) => manifests.get(path));
    const exported = await headGraph.exportedSymbols(entries.flatMap((entry) => entry.files));
    return findEntryPoints({ exported: [...exported.values()].flat(), scripts: entries.flatMap((entry) => entry.scripts), changes: impact.changes, symbols: impact.symbols });
  });
  // Nothing more is parsed: the threads' memory goes before the cache's buffers are made.
  stopParseThreads();
  // After the entry points, which the cache holds too.
  await cache.flush();
  const affected: Result['affected'] = {
    symbols: impact.symbols,
    files: impact.files,
    tests: impact.tests,
    packages: packages.affected,
    entryPoints,
    // Owners of what the change touches (deleted files included) and of what it reaches.
    owners: await time('owners', async () => {
      const isIgnored = compileGlobs(policy.ignore);
      const touched = fileChanges.map((change) => change.path).filter((path) => !isIgnored(path));
      return ownersOf(await codeOwnersWork, [...touched, ...impact.files], warn);
    }),
  };
  const provenance = await provenanceWork;
  const judged = evaluatePolicy(policy, {
    changes: impact.changes,
    affected,
    changedFiles: fileChanges.map((change) => change.path),
    changedPackages: packages.changed,
    ambientFiles: ambientChanges(sides, impact.changes),
    maxDepth: impact.maxDepth,
    aiAssisted: provenance.aiAssisted,
  });
  const ruled = [...judged.findings, ...(policyFrom === 'base' && hasBase ? tamperFindings(fileChanges, policyInfo.path) : [])];
  const { approvalsPolicy, approvals } = await approvalsWork;
  const review = {
    approvals,
    findings: applySignoff(ruled, { policy: { ai: policy.ai, zones: policy.zones, approvals: approvalsPolicy }, aiAssisted: provenance.aiAssisted, approvals }),
  };
  const findings = sortFindings(review.findings);
  // A finding an approval lifted is reported, but no longer decides the verdict.
  const verdict = verdictOf(findings.filter((finding) => finding.overriddenBy === undefined));
  const evaluation = { score: judged.score, findings, verdict, risk: riskOf(judged.score, verdict) };

  const graph = headGraph.graph;
  const result: Result = {
    schemaVersion: 1,
    tool: { name: 'blast', version: VERSION },
    base: { ref: base.ref, sha: base.sha, mergeBase: base.mergeBase, reason: base.reason },
    head: headInfo,
    policy: policyInfo,
    changes: impact.changes,
    affected,
    stats: {
      changedSymbols: countReal(impact.changes),
      affectedSymbols: impact.symbols.length,
      affectedFiles: impact.files.length,
      affectedTests: impact.tests.length,
      affectedPackages: packages.affected.length,
      entryPoints: entryPoints.length,
      maxDepth: impact.maxDepth,
      unknownEdges: graph.unknownEdges,
      unresolvedImports: graph.unresolvedImports.length,
      unparsedFiles: [...graph.unparsedFiles, ...headGraph.unanalysedFiles].sort(),
      ...(impact.withoutStops ? { withoutStops: impact.withoutStops } : {}),
    },
    score: evaluation.score,
    scoreVersion: 1,
    risk: evaluation.risk,
    provenance,
    approvals: review.approvals,
    findings: evaluation.findings,
    verdict: evaluation.verdict,
    timingsMs: timings,
  };
  if (graph.unparsedFiles.length > 0) {
    warn(`${plural(graph.unparsedFiles.length, 'file does', 'files do')} not parse; analysed as far as they parse: ${describeParseErrors(headGraph)}`);
  }
  if (headGraph.unanalysedFiles.length > 0) {
    warn(`${plural(headGraph.unanalysedFiles.length, 'file', 'files')} blast cannot analyse (${headGraph.unanalysedFiles.slice(0, 3).join(', ')}${headGraph.unanalysedFiles.length > 3 ? ', …' : ''})`);
  }
  if (graph.unresolvedImports.length > 0) {
    warn(`${plural(graph.unresolvedImports.length, 'import resolves', 'imports resolve')} nowhere (--verbose lists them)`);
  }
  const outcome: CheckOutcome = { result, unresolvedImports: graph.unresolvedImports, observe: options.observe === true || policy.mode === 'observe' };
  return { outcome, repo, policy, headGraph, baseGraph, cache };
}

/** The programmatic API: the result of `blast check` (DESIGN §5) for the given options. */
export async function analyze(options: CheckOptions): Promise<Result> {
  return (await check(options)).result;
}

export interface ExplainOptions extends CheckOptions {
  /** A symbol id (`path#name`) or a file path (relative to cwd, or repo-relative). */
  target: string;
  /** Levels of the dependents tree. */
  depth: number;
}

/**
 * `blast explain`: for a symbol or each symbol of a file, why it is in the radius and who
 * depends on it. Errors: UsageError when the target names no symbol or file at head.
 */
export async function explain(options: ExplainOptions): Promise<Explanation> {
  // The target's file is in focus too, so that its dependents are in the graph.
  const analysis = await analyzeChange(options, (root) => {
    const path = options.target.includes('#') ? options.target.slice(0, options.target.lastIndexOf('#')) : options.target;
    return [path, relative(root, resolve(options.cwd, path)).split(sep).join('/')];
  });
  const { result } = analysis.outcome;
  const graph = analysis.headGraph.graph;
  const ids = targetIds(options.target, options.cwd, analysis);
  const symbols = explainSymbols({
    result,
    head: graph,
    ...(analysis.baseGraph ? { base: analysis.baseGraph.graph } : {}),
    ids,
    depth: options.depth,
  });
  return { target: options.target, base: result.base, head: result.head, depth: options.depth, symbols };
}

function targetIds(target: string, cwd: string, analysis: Analysis): string[] {
  const graph = analysis.headGraph.graph;
  const { result } = analysis.outcome;
  const known = (id: string) => graph.symbols.has(id) || result.changes.some((change) => change.id === id);
  if (known(target)) return [target];
  const asPath = relative(analysis.repo.root, resolve(cwd, target)).split(sep).join('/');
  for (const candidate of [target, asPath]) {
    if (known(candidate)) return [candidate];
    if (graph.files.has(candidate)) {
      const removed = result.changes.filter((change) => change.file === candidate && change.change === 'removed').map((change) => change.id);
      return [...symbolsOfFile(graph, candidate), ...removed];
    }
  }
  const hint = target.includes('#') ? 'ids look like src/file.ts#name (Class.member for members); `blast affected` lists the files' : 'give a file of the repository or a symbol id such as src/file.ts#name';
  throw new UsageError(`no symbol or file '${target}' at head`, { hint });
}

export interface AffectedOptions extends CheckOptions {
  tests?: boolean;
  /** `all`: when a trigger makes the radius unknowable, list every test file. */
  fallback?: 'all';
}

export interface AffectedList {
  /** Absolute repository root, to print the paths relative to the cwd. */
  root: string;
  /** Repo-relative paths. */
  files: string[];
  /** True when `--fallback all` replaced the radius by every test file. */
  fellBack: boolean;
}

/**
 * `blast affected`: the changed and affected files (or, with `tests`, the test files among
 * them), for scripts: `vitest run $(blast affected --tests)`.
 */
export async function affected(options: AffectedOptions): Promise<AffectedList> {
  const analysis = await analyzeChange(options);
  const { result } = analysis.outcome;
  const isTest = compileGlobs(analysis.policy.tests);
  const triggered = result.findings.some((finding) => finding.rule === 'triggers');
  if (options.fallback === 'all' && triggered) {
    const files = analysis.headGraph.codeFiles.filter((path) => !options.tests || isTest(path)).sort(compareText);
    return { root: analysis.repo.root, files, fellBack: true };
  }
  if (options.tests) return { root: analysis.repo.root, files: result.affected.tests, fellBack: false };
  const changedFiles = result.changes.filter((change) => change.change !== 'trivia' && change.change !== 'removed').map((change) => change.file);
  const files = [...new Set([...changedFiles, ...result.affected.files])].sort(compareText);
  return { root: analysis.repo.root, files, fellBack: false };
}

export interface ApproveOptions extends CheckOptions {
  /** The signing key: a private key, or a `.pub` whose private half is in ssh-agent. */
  key: string;
}

export interface ApproveOutcome {
  approval: CreatedApproval;
  result: Result;
}

/**
 * `blast approve`: signs an approval of the committed change (DESIGN §7) and stores it as a note
 * under refs/notes/blast on the head commit. Commits, the index and the working tree are never
 * touched. Errors: SignoffError (no ssh-keygen, nothing committed), UsageError (no key file).
 */
export async function approve(options: ApproveOptions): Promise<ApproveOutcome> {
  const analysis = await analyzeChange({ ...options, committed: true });
  const { result } = analysis.outcome;
  const approvers = (await baseApprovals(analysis.repo, result.base.mergeBase, options, (message) => options.onWarning?.(message))).approvers;
  const approval = await createApproval(analysis.repo, {
    keyPath: resolve(options.cwd, options.key),
    baseRef: result.base.ref,
    mergeBase: result.base.mergeBase,
    headSha: result.head.sha,
    radius: summarizeRadius(result),
    approvers,
  });
  for (const warning of approval.warnings) options.onWarning?.(warning);
  return { approval, result };
}

export type { HookCommand, HookInstallation, HookRemoval, PushSkip } from './git/index.js';

export interface HookOptions {
  cwd: string;
  env: CheckOptions['env'];
}

export interface HookInstallOptions extends HookOptions {
  /** How the hook runs blast: the node binary and bin/blast.js that installed it, or `--command`. */
  command: HookCommand;
  /** Keep a foreign pre-push hook (moved aside) and run it before blast. */
  chain?: boolean;
}

/**
 * `blast hook install`: writes blast's pre-push hook where git runs hooks (`core.hooksPath`
 * honoured; shared by linked worktrees). Errors: UsageError when a foreign hook is there and
 * `chain` is not set (it is never overwritten), GitError outside a repository.
 */
export async function hookInstall(options: HookInstallOptions): Promise<HookInstallation> {
  const repo = await openRepository(options.cwd, { env: options.env });
  return installPrePushHook(repo, { command: options.command, chain: options.chain === true });
}

/** `blast hook uninstall`: removes blast's own hook only, and puts a chained hook back. */
export async function hookUninstall(options: HookOptions): Promise<HookRemoval> {
  const repo = await openRepository(options.cwd, { env: options.env });
  return uninstallPrePushHook(repo);
}

export interface PrePushOptions extends CheckOptions {
  /** git's first argument to the hook: the remote's name (or its URL). */
  remote: string;
  /** What git wrote to the hook's stdin: `<local ref> <local sha> <remote ref> <remote sha>` lines. */
  input: string;
}

/** One pushed ref: skipped (and why), or its analysis. */
export type PushedRefOutcome =
  | { name: string; localRef: string; remoteRef: string; skipped: PushSkip }
  | { name: string; localRef: string; remoteRef: string; outcome: CheckOutcome };

/**
 * `blast check --pre-push`: one verdict per pushed ref (DESIGN §3). Deletions and refs that bring
 * nothing new are skipped; each other ref is analysed from the merge-base of the remote's default
 * branch to the local sha, read from git objects. Errors: as `check`, plus UsageError for input
 * that is not git's pre-push lines.
 */
export async function checkPrePush(options: PrePushOptions): Promise<PushedRefOutcome[]> {
  const refs = parsePushedRefs(options.input);
  if (refs.length === 0) return [];
  const repo = await openRepository(options.cwd, { env: options.env });
  const { policy } = await loadPolicy(repo, options);
  const plans = await planPush(repo, refs, {
    remote: options.remote,
    onMissingBase: policy.onMissingBase,
    ...(options.onWarning ? { onNote: options.onWarning } : {}),
    ...(options.base === undefined ? {} : { explicitBase: options.base }),
    ...(policy.base == null ? {} : { policyBase: policy.base }),
  });
  const outcomes: PushedRefOutcome[] = [];
  for (const plan of plans) {
    const names = { name: plan.name, localRef: plan.ref.localRef, remoteRef: plan.ref.remoteRef };
    if ('skip' in plan) {
      outcomes.push({ ...names, skipped: plan.skip });
      continue;
    }
    const { head, base } = plan;
    const analysis = await analyzeChange({ ...options, head, committed: false, staged: false }, () => [], { base });
    analysis.cache.close();
    const { outcome } = analysis;
    // the report names the pushed branch, not `refs/heads/…` or a bare sha
    outcomes.push({ ...names, outcome: { ...outcome, result: { ...outcome.result, head: { ...outcome.result.head, ref: plan.name } } } });
  }
  return outcomes;
}

export interface VerifyOptions {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  sample: number;
  seed: number;
  minRecall?: number;
  minPrecision?: number;
  maxSeconds?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * `blast verify`: the working tree's graph measured against TypeScript's language service.
 * Errors: GitError (not a repository), ProjectError (tsconfig).
 */
export async function verify(options: VerifyOptions): Promise<VerifyReport> {
  const repo = await openRepository(options.cwd, { env: options.env });
  const side: Side = { kind: 'worktree' };
  const files = await listFiles(repo, side);
  const paths = files.map((file) => file.path);
  // The language service reads the same texts as the graph: read them once.
  const texts = await readFiles(repo, side, paths.filter(isGraphInput));
  const { graph } = await buildGraph({ root: repo.root, files, readTexts: async (wanted) => textsOf(texts, wanted), cache: disabledCache() });
  // The language service needs the memory the parse threads hold, and they have nothing left to do.
  stopParseThreads();
  return verifyGraph({
    root: repo.root,
    paths,
    readText: (path) => texts.get(path),
    graph,
    sample: options.sample,
    seed: options.seed,
    ...(options.minRecall === undefined ? {} : { minRecall: options.minRecall }),
    ...(options.minPrecision === undefined ? {} : { minPrecision: options.minPrecision }),
    ...(options.maxSeconds === undefined ? {} : { maxSeconds: options.maxSeconds }),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

/**
 * `blast graph`: the result of `check`, for the CLI to draw as dot or mermaid. The verdict is
 * reported but never decides the exit code. Errors: as `check`.
 */
export async function graph(options: CheckOptions): Promise<Result> {
  const analysis = await analyzeChange(options);
  analysis.cache.close();
  return analysis.outcome.result;
}

export interface InitOptions {
  cwd: string;
  env: CheckOptions['env'];
  /** Replace an existing policy (kept as a backup first). */
  force?: boolean;
}

export interface InitOutcome {
  /** Absolute path of the policy written (or left as it was). */
  path: string;
  text: string;
  choices: StarterChoices;
  /** Absolute path of the copy of the policy it replaced, or null. */
  backup: string | null;
  /** True when the existing policy already had this text: nothing was written. */
  unchanged: boolean;
}

/**
 * `blast init`: writes a commented starter policy at the repository root, sized to the
 * repository (code files, workspace packages, test layout, lockfiles). An existing policy is
 * replaced only with `force`, after a copy to `<name>.bak` (or `.bak.2`, … when that is taken).
 * Errors: UsageError when a policy exists and `force` is not set; GitError outside a repository.
 */
export async function init(options: InitOptions): Promise<InitOutcome> {
  const repo = await openRepository(options.cwd, { env: options.env });
  const side: Side = { kind: 'worktree' };
  const files = (await listFiles(repo, side)).map((file) => file.path).filter((path) => !path.split('/').includes('node_modules'));
  const manifests = await readFiles(repo, side, ['package.json', 'pnpm-workspace.yaml']);
  const workspaces = findWorkspaces({ packageJson: manifests.get('package.json'), pnpmWorkspace: manifests.get('pnpm-workspace.yaml'), paths: files });
  const { text, choices } = generateStarterPolicy({
    codeFiles: files.filter((path) => scriptKindOf(path) !== undefined),
    files,
    workspaces: workspaces && { source: workspaces.source, dirs: workspaces.dirs },
  });

  // An existing `.blast.yaml` is the one blast reads: replace that rather than shadow it.
  let existing: { name: string; text: string } | undefined;
  for (const name of POLICY_NAMES) {
    const current = await readFile(join(repo.root, name), 'utf8').catch(() => undefined);
    if (current !== undefined) {
      existing = { name, text: current };
      break;
    }
  }
  const path = join(repo.root, existing?.name ?? POLICY_NAMES[0]!);
  if (existing === undefined) {
    await writeFile(path, text, { flag: 'wx' });
    return { path, text, choices, backup: null, unchanged: false };
  }
  if (!options.force) {
    throw new UsageError(`'${existing.name}' already exists`, { hint: `run \`blast init --force\` to replace it (the current file is kept as ${existing.name}.bak)` });
  }
  if (existing.text === text) return { path, text, choices, backup: null, unchanged: true };
  const backup = await backUp(path);
  await writeFile(path, text);
  return { path, text, choices, backup, unchanged: false };
}

/** Copies `path` to the first free `<path>.bak`, `<path>.bak.2`, …; never overwrites a backup. */
async function backUp(path: string): Promise<string> {
  for (let n = 1; ; n++) {
    const backup = n === 1 ? `${path}.bak` : `${path}.bak.${n}`;
    try {
      await copyFile(path, backup, constants.COPYFILE_EXCL);
      return backup;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/**
 * `affected.owners`: the owners of `paths`, by the first of GitHub's CODEOWNERS places among
 * `texts` (the side's files at `CODEOWNERS_PATHS` that exist). Lines GitHub would skip are
 * skipped with a warning.
 */
function ownersOf(texts: ReadonlyMap<string, string>, paths: readonly string[], warn: (message: string) => void): Result['affected']['owners'] {
  const file = CODEOWNERS_PATHS.find((candidate) => texts.has(candidate));
  if (file === undefined) return [];
  const codeOwners = parseCodeOwners(texts.get(file)!);
  for (const skipped of codeOwners.skipped) warn(`${file}:${skipped.line}: line skipped, as GitHub skips it: ${skipped.reason}`);
  return countOwners(codeOwners, paths);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The cache: `--cache-dir`, else BLAST_CACHE_DIR, else `blast/` in the git common dir (never the working tree). */
function cacheDirOf(repo: Repository, options: CheckOptions): string {
  return resolve(options.cwd, options.cacheDir ?? options.env.BLAST_CACHE_DIR ?? join(repo.gitCommonDir, 'blast'));
}

/** `onSkims`: see `openGraphCache`; a cache that is not read holds no skim. */
async function openCache(repo: Repository, options: CheckOptions, onSkims?: (held: (path: string, blob: string) => boolean) => void): Promise<GraphCache> {
  if (options.cache === false) {
    keepCompilerCode(undefined);
    onSkims?.(() => false);
    return memoryCache();
  }
  const dir = cacheDirOf(repo, options);
  // The compiler's code is kept beside (see `loadTypeScript`), once there is a cache: a first run
  // parses most files, in every thread, and keeping the code would cost each more than it saves.
  keepCompilerCode(existsSync(dir) ? dir : undefined);
  return openGraphCache(dir, VERSION, onSkims);
}

/** `blast cache clear`: the directory removed, or null when there was none. */
export async function clearCache(options: CheckOptions): Promise<string | null> {
  const repo = await openRepository(options.cwd, { env: options.env });
  const dir = cacheDirOf(repo, options);
  return (await clearGraphCache(dir)) ? dir : null;
}

function headMode(options: CheckOptions, ci: CiContext = {}): HeadMode {
  if (options.head !== undefined) return { kind: 'commit', ref: options.head };
  if (options.staged) return { kind: 'index' };
  // A pull request's checkout is a synthetic merge commit; the change is the PR's head (DESIGN §3).
  if (ci.pullRequestHead !== undefined) return { kind: 'commit', ref: ci.pullRequestHead };
  if (options.committed || isCi(options.env)) return { kind: 'commit', ref: 'HEAD' };
  return { kind: 'worktree' };
}

function isCi(env: CheckOptions['env']): boolean {
  const value = env.CI;
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

/**
 * The policy as it is at the merge-base (`--policy-from base`, the default in CI), so that a
 * change cannot loosen the rules that judge it. No policy there: the built-in one.
 */
async function loadPolicyAtBase(repo: Repository, mergeBase: string, options: CheckOptions): Promise<{ policy: Policy; policyInfo: Result['policy'] }> {
  const file = await policyTextAtBase(repo, mergeBase, options);
  if (file === undefined) return { policy: defaultPolicy, policyInfo: { path: null, source: 'default' } };
  return { policy: parsePolicy(file.text, `${file.name} (at the merge-base)`), policyInfo: { path: file.name, source: 'base' } };
}

/** The policy file as the merge-base has it (the `--policy` path, or the default names). */
async function policyTextAtBase(repo: Repository, mergeBase: string, options: CheckOptions): Promise<{ name: string; text: string } | undefined> {
  const names = options.policy !== undefined ? [relative(repo.root, resolve(options.cwd, options.policy)).split(sep).join('/')] : POLICY_NAMES;
  const texts = await readFiles(repo, { kind: 'commit', ref: mergeBase }, names);
  const name = names.find((candidate) => texts.has(candidate));
  return name === undefined ? undefined : { name, text: texts.get(name)! };
}

/**
 * Who may approve: always the approvers of the merge-base's policy, even locally, so that a
 * change cannot name its own approver. A base policy that does not parse approves nobody.
 */
async function baseApprovals(repo: Repository, mergeBase: string, options: CheckOptions, warn: (message: string) => void): Promise<Policy['approvals']> {
  const file = await policyTextAtBase(repo, mergeBase, options);
  if (file === undefined) return defaultPolicy.approvals;
  try {
    return parsePolicy(file.text, `${file.name} (at the merge-base)`).approvals;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    warn(`${file.name} at the merge-base does not parse; nobody can approve this change`);
    return { ...defaultPolicy.approvals, approvers: [] };
  }
}

/** Where CI systems keep their configuration: a change there can switch the check off. */
const CI_CONFIG = compileGlobs([
  '.github/workflows/**',
  '.github/actions/**',
  '.gitlab-ci.yml',
  '.gitlab/ci/**',
  '.circleci/**',
  '.buildkite/**',
  'bitbucket-pipelines.yml',
  'azure-pipelines.yml',
  'Jenkinsfile',
]);

/** A change to the policy or to CI configuration is itself worth a look when the base judges. */
function tamperFindings(fileChanges: readonly FileChange[], policyPath: string | null): Finding[] {
  const paths = fileChanges.flatMap((change) => [change.path, ...(change.oldPath ? [change.oldPath] : [])]);
  const findings: Finding[] = [];
  const policyFiles = new Set([...POLICY_NAMES, ...(policyPath ? [policyPath] : [])]);
  const policyChange = paths.find((path) => policyFiles.has(path));
  if (policyChange) {
    findings.push({ rule: 'policy.changed', severity: 'warn', message: `this change edits the policy '${policyChange}'; it is judged by the policy at the merge-base`, file: policyChange });
  }
  const ciChanges = [...new Set(paths.filter(CI_CONFIG))].sort();
  if (ciChanges.length > 0) {
    findings.push({ rule: 'ci.changed', severity: 'warn', message: `this change edits CI configuration: ${ciChanges.join(', ')}`, file: ciChanges[0]! });
  }
  return findings;
}

async function loadPolicy(repo: Repository, options: CheckOptions): Promise<{ policy: Policy; policyInfo: Result['policy'] }> {
  if (options.policy !== undefined) {
    const path = join(options.cwd, options.policy);
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) throw new ConfigError(`policy file '${options.policy}' not found`, [], { hint: 'check the --policy path, or run `blast init` to write one' });
    return { policy: parsePolicy(text, options.policy), policyInfo: { path: options.policy, source: 'worktree' } };
  }
  for (const name of POLICY_NAMES) {
    const text = await readFile(join(repo.root, name), 'utf8').catch(() => undefined);
    if (text !== undefined) return { policy: parsePolicy(text, name), policyInfo: { path: name, source: 'worktree' } };
  }
  return { policy: defaultPolicy, policyInfo: { path: null, source: 'default' } };
}

/**
 * Workspace packages (by name) holding changed symbols, and holding changed or affected ones
 * (DESIGN §2): a file belongs to the package whose folder is the nearest above it.
 */
function packagesOf(
  files: readonly TreeFile[],
  manifests: ReadonlyMap<string, string>,
  changes: readonly ChangedSymbol[],
  symbols: Result['affected']['symbols'],
): { changed: string[]; affected: string[] } {
  const workspaces = workspacePackages(files.map((file) => file.path), (path) => manifests.get(path)).sort((a, b) => b.dir.length - a.dir.length);
  if (workspaces.length === 0) return { changed: [], affected: [] };
  const packageOf = (file: string) => workspaces.find((workspace) => file.startsWith(`${workspace.dir}/`))?.name;
  const names = (list: readonly string[]) => [...new Set(list.map(packageOf).filter((name): name is string => name !== undefined))].sort(compareText);
  const changedFiles = changes.filter((change) => change.change !== 'trivia').map((change) => change.file);
  return { changed: names(changedFiles), affected: names([...changedFiles, ...symbols.map((symbol) => symbol.file)]) };
}

function isManifest(path: string): boolean {
  return (path === 'package.json' || path.endsWith('/package.json')) && !path.split('/').includes('node_modules');
}

/** The texts of those of `paths` that `texts` has, by path. */
function textsOf(texts: ReadonlyMap<string, string>, paths: readonly string[]): Map<string, string> {
  return new Map(paths.flatMap((path) => (texts.has(path) ? [[path, texts.get(path)!] as const] : [])));
}

/** The dependencies the change's manifest edits touch (both sides of each changed package.json). */
async function dependencyChangesOf(repo: Repository, fileChanges: readonly FileChange[], headSide: Side, baseSide: Side): Promise<DependencyChange[]> {
  const edited = fileChanges.filter((change) => isManifest(change.path) || (change.oldPath !== undefined && isManifest(change.oldPath)));
  if (edited.length === 0) return [];
  const [after, before] = await Promise.all([
    readFiles(repo, headSide, edited.filter((change) => change.status !== 'deleted').map((change) => change.path)),
    readFiles(repo, baseSide, edited.filter((change) => change.status !== 'added').map((change) => change.oldPath ?? change.path)),
  ]);
  return edited.flatMap((change) => changedDependencies(change.path, before.get(change.oldPath ?? change.path), after.get(change.path)));
}

/** One side's file list, read once however many stages ask for it. */
function sideFiles(repo: Repository, side: Side): () => Promise<TreeFile[]> {
  let listing: Promise<TreeFile[]> | undefined;
  return () => (listing ??= listFiles(repo, side));
}

/**
 * A reader that keeps what it read for the run: every file is read once to be skimmed, and the
 * files the change can reach are read again to be parsed.
 */
function keptTexts(read: TextReader): TextReader {
  const kept = new Map<string, string>();
  return async (paths) => {
    const missing = paths.filter((path) => !kept.has(path));
    if (missing.length > 0) for (const [path, text] of await read(missing)) kept.set(path, text);
    return textsOf(kept, paths);
  };
}

/** Facts and fingerprints of both sides of each changed code file. */
async function changedFileSides(
  fileChanges: readonly FileChange[],
  head: { files: readonly TreeFile[]; readTexts: TextReader; graph: GraphOutput },
  base: { files: () => Promise<TreeFile[]>; readTexts: TextReader },
  cache: GraphCache,
): Promise<ChangedFileSides[]> {
  const isCode = (path: string | undefined) => path !== undefined && scriptKindOf(path) !== undefined;
  const codeChanges = fileChanges.filter((change) => isCode(change.path) || isCode(change.oldPath));
  if (codeChanges.length === 0) return [];
  const oldPaths = new Set(codeChanges.filter((change) => change.status !== 'added').map((change) => change.oldPath ?? change.path).filter(isCode));
  const newPaths = new Set(codeChanges.filter((change) => change.status !== 'deleted').map((change) => change.path).filter(isCode));
  const baseFiles = oldPaths.size > 0 ? (await base.files()).filter((file) => oldPaths.has(file.path)) : [];
  const headFiles = head.files.filter((file) => newPaths.has(file.path));
  const [oldSides, newSides] = await Promise.all([
    describeFiles(baseFiles, base.readTexts, cache),
    describeFiles(headFiles, head.readTexts, cache, head.graph.graph.files),
  ]);
  return codeChanges.map((change) => {
    const sides: ChangedFileSides = { change };
    const before = change.status === 'added' ? undefined : oldSides.get(change.oldPath ?? change.path);
    const after = change.status === 'deleted' ? undefined : newSides.get(change.path);
    if (before) sides.base = before;
    if (after) sides.head = after;
    return sides;
  });
}

function countReal(changes: readonly ChangedSymbol[]): number {
  return changes.filter((change) => change.change !== 'trivia').length;
}

function plural(count: number, singular: string, pluralForm: string): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

function describeParseErrors(output: GraphOutput): string {
  return output.graph.unparsedFiles
    .slice(0, 3)
    .map((file) => {
      const first = output.parseErrors.get(file);
      return first ? `${file}:${first.line}:${first.col}: ${first.message}` : file;
    })
    .join('; ');
}
