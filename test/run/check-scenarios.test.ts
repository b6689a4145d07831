// blast check on the fixture scenarios, in-process, on real temporary git repositories.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyze } from '../../src/run.js';
import { createFixtureRepo } from '../helpers/git-repo.js';
import { affectedOf, changesOf } from './summary.js';

const slow = { tags: ['slow'] };

async function check(scenario: string) {
  const repo = await createFixtureRepo(scenario);
  const warnings: string[] = [];
  const result = await analyze({ cwd: repo.cwd, env: repo.env, onWarning: (message) => warnings.push(message) });
  return { repo, result, warnings };
}

describe('blast check scenarios', () => {
  test('a body change reaches its dependents transitively, with depth and via', slow, async () => {
    const { result, warnings } = await check('transitive-chain');
    expect(changesOf(result)).toEqual(['src/money.ts#formatPrice modified/body']);
    expect(affectedOf(result)).toEqual([
      'src/cart.ts#cartTotalLabel 1 src/money.ts#formatPrice runtime',
      'src/checkout.ts#renderCheckout 2 src/cart.ts#cartTotalLabel runtime',
      'test/cart.test.ts#<module> 2 src/cart.ts#cartTotalLabel runtime',
    ]);
    expect(result.affected.files).toEqual(['src/cart.ts', 'src/checkout.ts', 'test/cart.test.ts']);
    expect(result.affected.tests).toEqual(['test/cart.test.ts']);
    expect(result.stats.maxDepth).toBe(2);
    expect(result.verdict).toBe('pass');
    expect(result.base.reason).toBe("default branch 'main'");
    expect(warnings).toEqual([]);
  });

  test('an untouched sibling export in the same file stays out', slow, async () => {
    const { result } = await check('sibling-export');
    expect(changesOf(result)).toEqual(['src/money.ts#parseCents modified/body']);
    expect(affectedOf(result)).toEqual([
      'src/admin.ts#readPriceField 1 src/money.ts#parseCents runtime',
      'test/admin.test.ts#<module> 2 src/admin.ts#readPriceField runtime',
    ]);
    expect(result.affected.files).not.toContain('src/cart.ts');
  });

  test('a comment-only change is trivia and has no radius', slow, async () => {
    const { result } = await check('comment-only');
    expect(changesOf(result)).toEqual(['src/money.ts#formatPrice trivia']);
    expect(result.affected.symbols).toEqual([]);
    expect(result.stats.changedSymbols).toBe(0);
    expect(result.verdict).toBe('pass');
  });

  test('a removed symbol reaches the importers that still use it', slow, async () => {
    const { result } = await check('removed-symbol');
    expect(changesOf(result)).toEqual(['src/discounts.ts#legacyDiscount removed']);
    expect(affectedOf(result)).toEqual(['src/invoice.ts#invoiceTotal 1 src/discounts.ts#legacyDiscount runtime']);
  });

  test('a default export is followed to its importers', slow, async () => {
    const { result } = await check('default-export');
    expect(changesOf(result)).toEqual(['src/slugify.ts#slugify modified/body']);
    expect(affectedOf(result)).toEqual([
      'src/feed.ts#feedLinks 2 src/post-url.ts#postUrl runtime',
      'src/post-url.ts#postUrl 1 src/slugify.ts#slugify runtime',
    ]);
  });

  test('path aliases of a TypeScript 5-era tsconfig (baseUrl, paths, moduleResolution node) resolve', slow, async () => {
    const { result, warnings } = await check('alias-path');
    expect(changesOf(result)).toEqual(['src/lib/strings.ts#capitalize modified/body', 'src/lib/strings.ts#reverse modified/body']);
    // `@lib/strings` through `paths`, `src/lib/strings` through `baseUrl`.
    expect(affectedOf(result)).toEqual([
      'src/greeting.ts#greet 1 src/lib/strings.ts#capitalize runtime',
      'src/palindrome.ts#isPalindrome 1 src/lib/strings.ts#reverse runtime',
    ]);
    expect(result.stats.unresolvedImports).toBe(0);
    expect(warnings).toEqual([]);
  });

  test('a barrel is transparent: only importers of the changed export are reached', slow, async () => {
    const { result } = await check('barrel');
    expect(changesOf(result)).toEqual(['src/utils/numbers.ts#clamp modified/body']);
    expect(affectedOf(result)).toEqual(['src/slider.ts#sliderValue 1 src/utils/numbers.ts#clamp runtime']);
  });

  test('uncommitted work counts locally: unstaged, staged and untracked files', slow, async () => {
    const repo = await createFixtureRepo('sibling-export');
    repo.write({
      'src/cart.ts': repo.git(['show', 'HEAD:src/cart.ts']).replace('sum + item.cents * item.quantity', 'sum + item.quantity * item.cents') + '\n',
      'src/coupon.ts': "import { parseCents } from './money';\n\nexport const couponValue = (code: string) => parseCents(code.slice(1));\n",
    });
    repo.git(['add', 'src/cart.ts']);
    const result = await analyze({ cwd: repo.cwd, env: repo.env });
    expect(result.head.worktree).toBe(true);
    expect(changesOf(result)).toEqual([
      'src/cart.ts#cartTotal modified/body',
      'src/coupon.ts#couponValue added',
      'src/money.ts#parseCents modified/body',
    ]);
    expect(result.affected.files).toEqual(['src/admin.ts', 'src/cart.ts', 'src/checkout.ts', 'test/admin.test.ts', 'test/cart.test.ts']);

    // --committed sees only the commit; --staged the index.
    const committed = await analyze({ cwd: repo.cwd, env: repo.env, committed: true });
    expect(changesOf(committed)).toEqual(['src/money.ts#parseCents modified/body']);
    const staged = await analyze({ cwd: repo.cwd, env: repo.env, staged: true });
    expect(changesOf(staged)).toEqual(['src/cart.ts#cartTotal modified/body', 'src/money.ts#parseCents modified/body']);
    // CI=true means the committed range, whatever the working tree holds.
    const inCi = await analyze({ cwd: repo.cwd, env: { ...repo.env, CI: 'true' } });
    expect(changesOf(inCi)).toEqual(['src/money.ts#parseCents modified/body']);
  });

  test('--head reads a past commit from git objects, whatever the working tree holds', slow, async () => {
    const repo = await createFixtureRepo('transitive-chain');
    const pastHead = repo.headSha;
    repo.write({ 'src/admin.ts': 'export const broken = ;\n' });
    repo.commit('a later commit');
    repo.write({ 'src/cart.ts': 'dirty working tree\n', 'src/money.ts': null });
    const result = await analyze({ cwd: repo.cwd, env: repo.env, head: pastHead, base: 'main' });
    expect(result.head).toEqual({ ref: pastHead, sha: pastHead, worktree: false });
    expect(result.base).toMatchObject({ ref: 'main', sha: repo.baseSha, mergeBase: repo.baseSha, reason: '--base' });
    expect(changesOf(result)).toEqual(['src/money.ts#formatPrice modified/body']);
    expect(result.affected.files).toEqual(['src/cart.ts', 'src/checkout.ts', 'test/cart.test.ts']);
    expect(result.stats.unparsedFiles).toEqual([]);
  });

  test('the demo: signature change, an added symbol, JSX, aliases through a barrel', slow, async () => {
    const { result } = await check('demo-shop');
    expect(changesOf(result)).toEqual(['src/cart/cart.ts#isCartEmpty added', 'src/money/format.ts#formatPrice modified/signature']);
    expect(affectedOf(result)).toEqual([
      'src/cart/cart.ts#cartTotalLabel 1 src/money/format.ts#formatPrice runtime',
      'src/cart/summary.ts#cartSummary 2 src/cart/cart.ts#cartTotalLabel runtime',
      'src/catalog/catalog-page.tsx#CatalogPage 2 src/catalog/product-card.tsx#ProductCard runtime',
      'src/catalog/product-card.tsx#ProductCard 1 src/money/format.ts#formatPrice runtime',
      'src/checkout/checkout.ts#renderCheckout 3 src/cart/summary.ts#cartSummary runtime',
      'src/checkout/receipt.ts#receiptLine 1 src/money/format.ts#formatPrice runtime',
      'src/server.ts#routes 4 src/checkout/checkout.ts#renderCheckout runtime',
      'test/cart.test.ts#<module> 2 src/cart/cart.ts#cartTotalLabel runtime',
      'test/receipt.test.ts#<module> 2 src/checkout/receipt.ts#receiptLine runtime',
    ]);
    expect(result.affected.tests).toEqual(['test/cart.test.ts', 'test/receipt.test.ts']);
    expect(result.policy).toEqual({ path: '.blast.yml', source: 'worktree' });
    expect(result.findings.map((finding) => `${finding.severity} ${finding.rule} ${finding.figure}/${finding.limit}`)).toEqual(['warn thresholds.files 9/5']);
    expect(result.verdict).toBe('warn');
  });
});

describe('the cache changes nothing but speed', () => {
  const scenarios = ['transitive-chain', 'sibling-export', 'comment-only', 'removed-symbol', 'default-export', 'alias-path', 'barrel', 'demo-shop'];
  const withoutTimings = (result: Awaited<ReturnType<typeof analyze>>) => JSON.stringify({ ...result, timingsMs: {} });

  test.each(scenarios)('%s: cold, warm and uncached results are identical', slow, async (scenario) => {
    const repo = await createFixtureRepo(scenario);
    const uncached = await analyze({ cwd: repo.cwd, env: repo.env, cache: false });
    expect(existsSync(join(repo.cwd, '.git', 'blast'))).toBe(false);
    const cold = await analyze({ cwd: repo.cwd, env: repo.env });
    const warm = await analyze({ cwd: repo.cwd, env: repo.env });
    expect(withoutTimings(cold)).toBe(withoutTimings(uncached));
    expect(withoutTimings(warm)).toBe(withoutTimings(uncached));
    // The cache lives in the git directory: the working tree and the index are untouched.
    const written = readdirSync(join(repo.cwd, '.git', 'blast'));
    expect(written.filter((name) => !/^(facts|fact-bodies|fingerprints|pieces|piece-bodies|outlines|resolutions|skims|ledgers)\.bin(\.[0-9a-z]+-[0-9a-f]{8}\.log)?$/.test(name))).toEqual([]);
    expect(new Set(written.map((name) => name.slice(0, name.indexOf('.bin'))))).toEqual(new Set(['facts', 'fact-bodies', 'fingerprints', 'pieces', 'piece-bodies', 'outlines', 'resolutions', 'skims', 'ledgers']));
    expect(repo.git(['status', '--porcelain'])).toBe('');
  });
});
