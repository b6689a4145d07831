// Hand-built results for the renderers: one small, plausible change (a config loader whose
// signature changed) and variations on it. Keys are written in DESIGN §5 order, as the
// pipeline builds them, so the JSON tests can check that the order survives.
import type { AffectedSymbol, ChangedSymbol, Finding, Result } from '../../src/types.js';

export const BASE_SHA = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';
export const MERGE_BASE_SHA = '5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a29';
export const HEAD_SHA = '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d';

/** A changed symbol, keys in DESIGN §5 order; `surface` only on a modified one. */
export function changed(file: string, name: string, rest: Partial<ChangedSymbol> = {}): ChangedSymbol {
  const change = rest.change ?? 'modified';
  const surface = change === 'modified' ? (rest.surface ?? 'body') : undefined;
  return {
    id: `${file}#${name}`,
    file,
    name,
    declarationKind: rest.declarationKind ?? 'function',
    change,
    ...(surface === undefined ? {} : { surface }),
    ...(rest.oldFile === undefined ? {} : { oldFile: rest.oldFile }),
    line: rest.line ?? 1,
  };
}

export function affected(file: string, name: string, depth: number, via: string, rest: Partial<AffectedSymbol> = {}): AffectedSymbol {
  return { id: `${file}#${name}`, file, name, declarationKind: 'function', depth, via, edge: 'runtime', ...rest };
}

/** Fills the derived lists and stats from `changes` and `symbols`, as the pipeline would. */
export function buildResult(
  parts: {
    changes?: ChangedSymbol[];
    symbols?: AffectedSymbol[];
    tests?: string[];
    packages?: string[];
    entryPoints?: string[];
    owners?: Result['affected']['owners'];
    findings?: Finding[];
  } = {},
  overrides: Partial<Result> = {},
): Result {
  const changes = parts.changes ?? [];
  const symbols = [...(parts.symbols ?? [])].sort((a, b) =>
    a.file === b.file ? (a.name < b.name ? -1 : 1) : a.file < b.file ? -1 : 1,
  );
  const files = [...new Set(symbols.map((symbol) => symbol.file))].sort();
  const tests = parts.tests ?? [];
  const packages = parts.packages ?? [];
  const entryPoints = parts.entryPoints ?? [];
  const findings = parts.findings ?? [];
  const result: Result = {
    schemaVersion: 1,
    tool: { name: 'blast', version: '0.1.0' },
    base: { ref: 'origin/main', sha: BASE_SHA, mergeBase: MERGE_BASE_SHA, reason: 'origin/HEAD' },
    head: { ref: 'feature/config-loader', sha: HEAD_SHA, worktree: false },
    policy: { path: '.blast.yml', source: 'worktree' },
    changes,
    affected: { symbols, files, tests, packages, entryPoints, owners: parts.owners ?? [] },
    stats: {
      changedSymbols: changes.length,
      affectedSymbols: symbols.length,
      affectedFiles: files.length,
      affectedTests: tests.length,
      affectedPackages: packages.length,
      entryPoints: entryPoints.length,
      maxDepth: Math.max(0, ...symbols.map((symbol) => symbol.depth)),
      unknownEdges: 0,
      unresolvedImports: 0,
      unparsedFiles: [],
    },
    score: symbols.length,
    scoreVersion: 1,
    risk: 'low',
    provenance: { aiAssisted: false, evidence: [] },
    approvals: [],
    findings,
    verdict: findings.some((f) => f.severity === 'error' && f.overriddenBy === undefined)
      ? 'fail'
      : findings.some((f) => f.severity === 'warn' && f.overriddenBy === undefined)
        ? 'warn'
        : 'pass',
    timingsMs: { git: 41, graph: 380, impact: 6, policy: 2, total: 431 },
  };
  return { ...result, ...overrides };
}

const LOAD = 'src/config/load.ts';
const LOAD_CONFIG = `${LOAD}#loadConfig`;

/** A signature change with a small radius: what most pushes look like. */
export function passResult(): Result {
  return buildResult({
    changes: [
      changed(LOAD, 'loadConfig', { surface: 'signature', line: 14 }),
      changed(LOAD, 'DEFAULTS', { declarationKind: 'const', line: 5 }),
      changed('src/util/strings.ts', 'slugify', { change: 'added', line: 30 }),
    ],
    symbols: [
      affected('src/cli/run.ts', 'runCommand', 1, LOAD_CONFIG),
      affected('src/server/boot.ts', 'boot', 1, LOAD_CONFIG),
      affected('src/server/options.ts', 'ServerOptions', 1, LOAD_CONFIG, { declarationKind: 'interface', edge: 'type' }),
      affected('test/config/load.test.ts', '<module>', 1, LOAD_CONFIG, { declarationKind: 'module' }),
      affected('src/cli/main.ts', 'main', 2, 'src/cli/run.ts#runCommand'),
      affected('src/server/index.ts', 'startServer', 2, 'src/server/boot.ts#boot'),
      affected('src/server/index.ts', 'Server', 2, 'src/server/options.ts#ServerOptions', { declarationKind: 'class', edge: 'type' }),
      affected('src/server/index.ts', 'Server.listen', 3, 'src/server/index.ts#Server', { declarationKind: 'method' }),
    ],
    tests: ['test/config/load.test.ts', 'test/server/boot.test.ts'],
    packages: ['@acme/server'],
    entryPoints: ['src/server/index.ts#startServer'],
    owners: [
      { owner: '@acme/platform', files: 4 },
      { owner: '@acme/cli', files: 2 },
    ],
  });
}

/** Over a warn threshold, AI-assisted, with an accepted approval. */
export function warnResult(): Result {
  const result = passResult();
  return {
    ...result,
    head: { ...result.head, ref: 'claude/config-loader', worktree: true },
    policy: { path: '.blast.yml', source: 'base' },
    score: 36,
    risk: 'medium',
    provenance: {
      aiAssisted: true,
      evidence: [
        { commit: HEAD_SHA, source: 'trailer', match: 'Co-authored-by: Claude <noreply@anthropic.com>' },
        { commit: HEAD_SHA, source: 'branch', match: 'claude/config-loader' },
      ],
    },
    approvals: [{ approver: 'Ann', accepted: true, reason: 'signature verified', trust: 'signed' }],
    findings: [
      { rule: 'thresholds.warn.packages', severity: 'warn', message: '2 packages affected', figure: 2, limit: 1 },
      { rule: 'trigger', severity: 'info', message: 'tsconfig.json changed: build configuration', file: 'tsconfig.json' },
    ],
    verdict: 'warn',
  };
}

/** A protected symbol reached, a zone touched, a threshold exceeded; warnings of every kind. */
export function failResult(): Result {
  const result = passResult();
  const changes = [
    ...result.changes,
    changed('src/payments/charge.ts', 'charge', { surface: 'signature', line: 42 }),
  ].sort((a, b) => (a.id < b.id ? -1 : 1));
  const symbols = [
    ...result.affected.symbols,
    affected('src/auth/session.ts', 'verifySession', 2, 'src/server/boot.ts#boot'),
    affected('src/payments/refund.ts', 'refund', 1, 'src/payments/charge.ts#charge', { edge: 'dynamic' }),
  ];
  const built = buildResult(
    {
      changes,
      symbols,
      tests: result.affected.tests,
      packages: ['@acme/payments', '@acme/server'],
      entryPoints: ['src/server/index.ts#startServer'],
      owners: result.affected.owners,
      findings: [
        { rule: 'protected', severity: 'error', message: "protected symbol 'src/auth/session.ts#verifySession' is reached", file: 'src/auth/session.ts', line: 8 },
        { rule: 'thresholds.fail.score', severity: 'error', message: 'score 512 is above the fail limit', figure: 512, limit: 500 },
        { rule: 'zone:payments', severity: 'error', message: "change inside zone 'payments' needs a sign-off", file: 'src/payments/charge.ts', line: 42, overriddenBy: 'Ann' },
        { rule: 'policy-changed', severity: 'warn', message: 'the policy file changed; it was read at the merge-base', file: '.blast.yml' },
        { rule: 'thresholds.warn.files', severity: 'warn', message: '9 files affected', figure: 9, limit: 5 },
      ],
    },
    {
      score: 512,
      risk: 'critical',
      approvals: [
        { approver: 'Ann', accepted: true, reason: 'signature verified', trust: 'signed' },
        { approver: 'Bob', accepted: false, reason: 'not a listed approver', trust: 'trailer' },
      ],
    },
  );
  return {
    ...built,
    stats: {
      ...built.stats,
      unknownEdges: 2,
      unresolvedImports: 3,
      unparsedFiles: ['src/legacy/broken.ts'],
      withoutStops: { affectedFiles: 41, affectedSymbols: 133 },
    },
  };
}

/** Only a README and a lockfile changed: no code. */
export function nothingChangedResult(): Result {
  return buildResult({}, { base: { ref: 'origin/main', sha: BASE_SHA, mergeBase: MERGE_BASE_SHA, reason: '--base' } });
}

/** A comment and some whitespace: changed symbols, no radius. */
export function triviaOnlyResult(): Result {
  return buildResult({
    changes: [
      changed(LOAD, 'loadConfig', { change: 'trivia', line: 14 }),
      changed('src/util/strings.ts', '<module>', { change: 'trivia', declarationKind: 'module', line: 1 }),
    ],
  });
}

/** An export removed from a renamed file; its dependents are walked on the merge-base graph. */
export function removedSymbolResult(): Result {
  return buildResult({
    changes: [
      changed('src/format/date.ts', 'formatDate', { change: 'removed', line: 20, oldFile: 'src/util/date.ts' }),
      changed('src/format/date.ts', 'formatDateTime', { change: 'added', line: 20, oldFile: 'src/util/date.ts' }),
    ],
    symbols: [
      affected('src/ui/header.tsx', 'Header', 1, 'src/format/date.ts#formatDate', { declarationKind: 'const' }),
      affected('src/ui/app.tsx', 'App', 2, 'src/ui/header.tsx#Header', { declarationKind: 'const' }),
    ],
    tests: ['src/ui/__tests__/header.test.tsx'],
  });
}

/** `files` affected files of `perFile` symbols each, in chains of `depth`, from `changes` changed symbols. */
export function largeResult(sizes: { changes: number; files: number; perFile: number; findings?: number; depth?: number }): Result {
  const pad = (n: number): string => String(n).padStart(5, '0');
  const changes = Array.from({ length: sizes.changes }, (_, i) =>
    changed(`src/core/module-${pad(i)}.ts`, `handler${pad(i)}`, { line: 10 + i }),
  );
  const depth = sizes.depth ?? 4;
  const fileOf = (f: number): string => `packages/app-${f % 7}/src/features/feature-${pad(f)}/index.ts`;
  const symbols: AffectedSymbol[] = [];
  for (let f = 0; f < sizes.files; f++) {
    const level = (f % depth) + 1;
    for (let s = 0; s < sizes.perFile; s++) {
      const via = level === 1 ? (changes[(f + s) % changes.length]?.id ?? '') : `${fileOf(f - 1)}#symbol${pad(s)}`;
      symbols.push(affected(fileOf(f), `symbol${pad(s)}`, level, via));
    }
  }
  const findings: Finding[] = Array.from({ length: sizes.findings ?? 0 }, (_, i) => ({
    rule: `zone:area-${pad(i)}`,
    severity: 'error',
    message: `change inside zone 'area-${pad(i)}' needs a sign-off | ${'because of a long explanation '.repeat(8)}`,
    file: `src/core/module-${pad(i)}.ts`,
    line: 10 + i,
  }));
  return buildResult({
    changes,
    symbols,
    tests: Array.from({ length: Math.ceil(sizes.files / 3) }, (_, i) => `test/features/feature-${pad(i)}.test.ts`),
    packages: Array.from({ length: 7 }, (_, i) => `@acme/app-${i}`),
    entryPoints: [],
    findings,
  }, { score: symbols.length, risk: 'critical' });
}

/** What `npm run demo` reports (fixtures/demo-shop): `formatPrice` changed its signature. */
export function demoResult(): Result {
  const FORMAT_PRICE = 'src/money/format.ts#formatPrice';
  return buildResult(
    {
      changes: [
        changed('src/cart/cart.ts', 'isCartEmpty', { change: 'added', line: 17 }),
        changed('src/money/format.ts', 'formatPrice', { surface: 'signature', line: 1 }),
      ],
      symbols: [
        affected('src/cart/cart.ts', 'cartTotalLabel', 1, FORMAT_PRICE),
        affected('src/cart/summary.ts', 'cartSummary', 2, 'src/cart/cart.ts#cartTotalLabel'),
        affected('src/catalog/catalog-page.tsx', 'CatalogPage', 2, 'src/catalog/product-card.tsx#ProductCard'),
        affected('src/catalog/product-card.tsx', 'ProductCard', 1, FORMAT_PRICE),
        affected('src/checkout/checkout.ts', 'renderCheckout', 3, 'src/cart/summary.ts#cartSummary'),
        affected('src/checkout/receipt.ts', 'receiptLine', 1, FORMAT_PRICE),
        affected('src/server.ts', 'routes', 4, 'src/checkout/checkout.ts#renderCheckout', { declarationKind: 'const' }),
        affected('test/cart.test.ts', '<module>', 2, 'src/cart/cart.ts#cartTotalLabel', { declarationKind: 'module' }),
        affected('test/receipt.test.ts', '<module>', 2, 'src/checkout/receipt.ts#receiptLine', { declarationKind: 'module' }),
      ],
      tests: ['test/cart.test.ts', 'test/receipt.test.ts'],
      findings: [
        { rule: 'thresholds.files', severity: 'warn', message: '9 affected files, above the warn limit of 5', figure: 9, limit: 5 },
      ],
    },
    { head: { ref: 'feature', sha: HEAD_SHA, worktree: true } },
  );
}
