// verifyGraph on fixture projects read from disk: blast's graph against the language service.
import { describe, expect, test } from 'vitest';
import { verifyGraph, type VerifyInput, type VerifyReport } from '../../../src/graph/verify/index.js';
import { fixtureRoot, listTree, loadRepository } from './repository.js';

async function verify(fixture: string, options: Partial<VerifyInput> = {}): Promise<VerifyReport> {
  const root = fixtureRoot(fixture);
  const repository = await loadRepository(root, listTree(root));
  return verifyGraph({ ...repository, sample: 100, seed: 1, ...options });
}

/** `[language service, blast, common]` file counts, per symbol, for exact assertions. */
function countsOf(report: VerifyReport): Record<string, { direct: number[]; transitive?: number[] }> {
  const counts = (figures: { languageServiceFiles: number; blastFiles: number; commonFiles: number }) => [figures.languageServiceFiles, figures.blastFiles, figures.commonFiles];
  return Object.fromEntries(
    report.symbols.map((symbol) => [symbol.id, symbol.transitive ? { direct: counts(symbol.direct), transitive: counts(symbol.transitive) } : { direct: counts(symbol.direct) }]),
  );
}

describe('verifyGraph', () => {
  test('agrees with the language service on barrels, aliases, default exports, namespace members, types and this-members', async () => {
    const report = await verify('verify-agree');
    expect(report.candidates).toBe(9);
    expect(report.sampled).toEqual([
      'src/cart.ts#Line',
      'src/cart.ts#cartLabel',
      'src/cart.ts#cartTotal',
      'src/checkout.ts#renderCheckout',
      'src/money.ts#CURRENCY',
      'src/money.ts#Cents',
      'src/money.ts#formatPrice',
      'src/store.ts#Store',
      'src/utils/strings.ts#pad',
    ]);
    expect(report.unlocated).toEqual([]);
    expect(report.languageServiceErrors).toEqual([]);
    expect(report.direct).toEqual({ recall: 1, precision: 1, languageServiceFiles: 12, blastFiles: 12, commonFiles: 12 });
    expect(report.transitive).toEqual({ recall: 1, precision: 1, languageServiceFiles: 27, blastFiles: 27, commonFiles: 27, symbols: 9, containmentOnlyFiles: 0 });
    expect(countsOf(report)['src/money.ts#CURRENCY']).toEqual({ direct: [2, 2, 2], transitive: [4, 4, 4] });
    // A re-export is no use: the barrel src/utils/index.ts is in no set.
    expect(countsOf(report)['src/money.ts#formatPrice']).toEqual({ direct: [1, 1, 1], transitive: [3, 3, 3] });
    expect(report.disagreements).toEqual([]);
    expect(report.failures).toEqual([]);
    expect(report.programFiles).toBe(7);
  });

  test('a call through an interface reaches the implementing method, as it does for the language service', async () => {
    const report = await verify('verify-interface-dispatch');
    expect(report.direct).toEqual({ recall: 1, precision: 1, languageServiceFiles: 6, blastFiles: 6, commonFiles: 6 });
    expect(report.transitive).toMatchObject({ recall: 1, precision: 1, languageServiceFiles: 10, blastFiles: 10, commonFiles: 10, symbols: 5 });
    expect(report.disagreements).toEqual([]);
    const method = await verify('verify-interface-dispatch', { symbols: ['src/service.ts#Service.run'] });
    expect(method.direct).toEqual({ recall: 1, precision: 1, languageServiceFiles: 1, blastFiles: 1, commonFiles: 1 });
  });

  test("a call on a sibling implementation of the same interface member is left out of the language service's references, and counted; an override's is kept", async () => {
    // Service.run: restart, LoggedService (inherits it), LoudService (overrides it, calls super), start (through Runner).
    // Left out: Worker's `this.run()`, directly and again under LoudService.run in the closure.
    const report = await verify('verify-sibling-implementations', { symbols: ['src/service.ts#Service.run'] });
    expect(report.symbols[0]?.direct).toEqual({ recall: 1, precision: 1, languageServiceFiles: 4, blastFiles: 4, commonFiles: 4 });
    expect(report.siblingReferences).toBe(2);
    expect(report.disagreements).toEqual([]);
    // Worker.run: retry and start; the calls in Service, LoggedService and LoudService (twice) are left out.
    const sibling = await verify('verify-sibling-implementations', { symbols: ['src/worker.ts#Worker.run'] });
    expect(sibling.symbols[0]?.direct).toEqual({ recall: 1, precision: 1, languageServiceFiles: 2, blastFiles: 2, commonFiles: 2 });
    expect(sibling.siblingReferences).toBe(4);
    expect(sibling.disagreements).toEqual([]);
    // LoudService.run: `service.run()` on a LoudService, and the calls typed by its base class Service.
    const override = await verify('verify-sibling-implementations', { symbols: ['src/loud-service.ts#LoudService.run'] });
    expect(override.symbols[0]?.direct).toEqual({ recall: 1, precision: 1, languageServiceFiles: 4, blastFiles: 4, commonFiles: 4 });
    expect(override.disagreements).toEqual([]);
  });

  test('a method called on what a function returns, by its declared return type, as the language service sees it', async () => {
    const report = await verify('verify-factory-dispatch', { symbols: ['src/log.ts#log', 'src/service.ts#Service.run'] });
    expect(report.direct).toEqual({ recall: 1, precision: 1, languageServiceFiles: 2, blastFiles: 2, commonFiles: 2 });
    expect(report.transitive).toEqual({ recall: 1, precision: 1, languageServiceFiles: 5, blastFiles: 5, commonFiles: 5, symbols: 2, containmentOnlyFiles: 1 });
    expect(report.disagreements).toEqual([]);
  });

  test('a method called on what a generic function returns is a construct blast misses, listed as a disagreement', async () => {
    const report = await verify('verify-generic-dispatch', { symbols: ['src/log.ts#log', 'src/service.ts#Service.run'] });
    expect(report.direct).toEqual({ recall: 0.5, precision: 1, languageServiceFiles: 2, blastFiles: 1, commonFiles: 1 });
    expect(report.transitive).toEqual({ recall: 0.2, precision: 1, languageServiceFiles: 5, blastFiles: 1, commonFiles: 1, symbols: 2, containmentOnlyFiles: 5 });
    expect(countsOf(report)).toEqual({
      'src/log.ts#log': { direct: [1, 1, 1], transitive: [3, 1, 1] },
      'src/service.ts#Service.run': { direct: [1, 0, 0], transitive: [2, 0, 0] },
    });
    const missed = { dependent: 'src/app.ts#start', on: 'src/service.ts#Service.run' };
    expect(report.disagreements.map((item) => `${item.level} ${item.symbol} ${item.file} ${item.seenBy}`)).toEqual([
      'transitive src/log.ts#log src/app.ts language-service',
      'transitive src/log.ts#log src/cli.ts language-service',
      'direct src/service.ts#Service.run src/app.ts language-service',
      'transitive src/service.ts#Service.run src/app.ts language-service',
      'transitive src/service.ts#Service.run src/cli.ts language-service',
    ]);
    expect(report.disagreements.every((item) => item.unmatched?.dependent === missed.dependent && item.unmatched.on === missed.on)).toBe(true);
    expect(report.failures).toEqual(['direct recall 50.0% is below 99.0%', 'transitive recall 20.0% is below 99.0%']);
  });

  test('a static member access depends on the member and on its class, as the language service sees it', async () => {
    const report = await verify('verify-static-member');
    expect(report.direct).toEqual({ recall: 1, precision: 1, languageServiceFiles: 2, blastFiles: 2, commonFiles: 2 });
    expect(report.transitive).toEqual({ recall: 1, precision: 1, languageServiceFiles: 3, blastFiles: 3, commonFiles: 3, symbols: 2, containmentOnlyFiles: 0 });
    expect(report.disagreements).toEqual([]);
    expect(report.failures).toEqual([]);
  });

  test('a module given as a type or loaded and destructured, and a member named through an alias, as the language service sees them', async () => {
    const report = await verify('verify-module-shape');
    expect(report.direct).toEqual({ recall: 1, precision: 1, languageServiceFiles: 6, blastFiles: 6, commonFiles: 6 });
    expect(report.transitive).toEqual({ recall: 1, precision: 1, languageServiceFiles: 8, blastFiles: 8, commonFiles: 8, symbols: 8, containmentOnlyFiles: 0 });
    // Each export is used by the file that reads it by name, not by every holder of the module.
    expect(countsOf(report)['src/widgets.ts#button']).toEqual({ direct: [1, 1, 1], transitive: [1, 1, 1] });
    expect(countsOf(report)['src/widgets.ts#sidebar']).toEqual({ direct: [1, 1, 1], transitive: [2, 2, 2] });
    expect(report.disagreements).toEqual([]);
    const member = await verify('verify-module-shape', { symbols: ['src/session.ts#Session.start'] });
    expect(countsOf(member)).toEqual({ 'src/session.ts#Session.start': { direct: [1, 1, 1], transitive: [2, 2, 2] } });
    expect(member.disagreements).toEqual([]);
  });

  test('the bar can be moved', async () => {
    const report = await verify('verify-generic-dispatch', { minRecall: 0.3, minPrecision: 1 });
    expect(report.minRecall).toBe(0.3);
    expect(report.failures).toEqual([]);
  });

  test('an old tsconfig (baseUrl, moduleResolution node, paths) and CommonJS re-exports', async () => {
    const report = await verify('verify-legacy-tsconfig');
    expect(report.sampled).toEqual(['lib/greet.ts#greet', 'lib/legacy.js#shout', 'src/index.ts#welcome', 'src/loud.js#loud']);
    expect(countsOf(report)).toEqual({
      // Found through the `@lib/*` alias.
      'lib/greet.ts#greet': { direct: [1, 1, 1], transitive: [1, 1, 1] },
      // find-references does not follow `module.exports = { shout }` into the destructured
      // require; go-to-definition from blast's dependent confirms it.
      'lib/legacy.js#shout': { direct: [1, 1, 1], transitive: [1, 1, 1] },
      'src/index.ts#welcome': { direct: [0, 0, 0], transitive: [0, 0, 0] },
      'src/loud.js#loud': { direct: [0, 0, 0], transitive: [0, 0, 0] },
    });
    expect(report.disagreements).toEqual([]);
  });

  test('the same seed draws the same sample; another seed another', async () => {
    const first = await verify('verify-agree', { sample: 3, seed: 7 });
    const again = await verify('verify-agree', { sample: 3, seed: 7 });
    const other = await verify('verify-agree', { sample: 3, seed: 8 });
    expect(first.sampled).toHaveLength(3);
    expect(again.sampled).toEqual(first.sampled);
    expect(other.sampled).not.toEqual(first.sampled);
    expect(first.seed).toBe(7);
  });

  test('a closure cut by the bound or the time budget is left out of the transitive figures', async () => {
    const bounded = await verify('verify-agree', { symbols: ['src/money.ts#Cents', 'src/checkout.ts#renderCheckout'], maxSymbols: 1 });
    expect(bounded.symbols.map((symbol) => [symbol.id, symbol.cut ?? null, symbol.transitive === undefined])).toEqual([
      ['src/checkout.ts#renderCheckout', null, false],
      ['src/money.ts#Cents', 'bound', true],
    ]);
    expect(bounded.direct.languageServiceFiles).toBe(3);
    expect(bounded.transitive.symbols).toBe(1);
    const timed = await verify('verify-agree', { symbols: ['src/money.ts#Cents'], maxSeconds: 0 });
    expect(timed.symbols[0]?.cut).toBe('time');
    expect(timed.transitive).toEqual({ recall: 1, precision: 1, languageServiceFiles: 0, blastFiles: 0, commonFiles: 0, symbols: 0, containmentOnlyFiles: 0 });
    expect(timed.failures).toEqual([]);
  });

  test('a symbol without a name to ask about is listed as unlocated, not measured', async () => {
    const report = await verify('verify-agree', { symbols: ['src/app.ts#<module>', 'src/nowhere.ts#gone', 'src/store.ts#Store'] });
    expect(report.unlocated).toEqual(['src/app.ts#<module>', 'src/nowhere.ts#gone']);
    expect(report.symbols.map((symbol) => symbol.id)).toEqual(['src/store.ts#Store']);
  });
});
