// Owners (CODEOWNERS) in every format: the same list, the first count saying what it counts.
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { render, renderGithub, renderMarkdown, renderSarif, renderText } from '../../src/report/index.js';
import type { Result } from '../../src/types.js';
import { passResult } from './result-fixture.js';

const chalk = new Chalk({ level: 0 });

/** passResult with `count` owners, the first owning the most files. */
function withOwners(count: number): Result {
  const result = passResult();
  const owners = Array.from({ length: count }, (_, i) => ({ owner: `@acme/team-${String.fromCharCode(97 + i)}`, files: count - i }));
  return { ...result, affected: { ...result.affected, owners } };
}

describe('owners in the reports', () => {
  it('text: one line after the tests, five owners then a count, all with --verbose', () => {
    const text = renderText(withOwners(7), { chalk, verbose: false });
    expect(text).toContain('\nOwners  @acme/team-a (7 files), @acme/team-b (6), @acme/team-c (5),\n        @acme/team-d (4), @acme/team-e (3), +2 more\n');
    const verbose = renderText(withOwners(7), { chalk, verbose: true });
    expect(verbose).toContain('@acme/team-f (2), @acme/team-g (1)\n');
    expect(renderText(withOwners(0), { chalk, verbose: false })).not.toContain('Owners');
  });

  it('markdown: a line in sight, in code spans so that nobody is @-mentioned', () => {
    const markdown = renderMarkdown(withOwners(2), { verbose: false });
    expect(markdown).toContain('\n**Owners** of the changed and affected files: `@acme/team-a` (2 files), `@acme/team-b` (1)\n');
    expect(renderMarkdown(withOwners(0), { verbose: false })).not.toContain('Owners');
  });

  it('github: in the summary notice, five at most', () => {
    const notice = renderGithub(withOwners(6)).trimEnd().split('\n').at(-1) ?? '';
    expect(notice).toContain('; owners @acme/team-a (6 files), @acme/team-b (5), @acme/team-c (4), @acme/team-d (3), @acme/team-e (2), +1 more; ');
    expect(renderGithub(withOwners(0))).not.toContain('owners');
  });

  it('sarif: in the run properties; json: in the result', () => {
    const sarif = JSON.parse(renderSarif(withOwners(2))) as { runs: Array<{ properties: { owners: unknown } }> };
    expect(sarif.runs[0]?.properties.owners).toEqual([
      { owner: '@acme/team-a', files: 2 },
      { owner: '@acme/team-b', files: 1 },
    ]);
    expect(JSON.parse(render(withOwners(1), 'json', { chalk, verbose: false })).affected.owners).toEqual([{ owner: '@acme/team-a', files: 1 }]);
  });
});
