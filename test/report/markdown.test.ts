import { describe, expect, it } from 'vitest';
import { MARKDOWN_LIMIT, MARKDOWN_MARKER, renderMarkdown } from '../../src/report/index.js';
import type { Result } from '../../src/types.js';
import {
  changed,
  failResult,
  largeResult,
  nothingChangedResult,
  passResult,
  removedSymbolResult,
  triviaOnlyResult,
  warnResult,
} from './result-fixture.js';

const options = { verbose: false };

describe('renderMarkdown', () => {
  it.each([
    ['pass', passResult],
    ['warn', warnResult],
    ['fail', failResult],
    ['nothing-changed', nothingChangedResult],
    ['trivia-only', triviaOnlyResult],
    ['removed-symbol', removedSymbolResult],
  ])('reads well for a %s result', async (name, build) => {
    await expect(renderMarkdown(build(), options)).toMatchFileSnapshot(`__snapshots__/markdown-${name}.md`);
  });

  it('starts with the marker a CI step can find its comment by, then the verdict', () => {
    const [marker, , headline] = renderMarkdown(failResult(), options).split('\n');
    expect(marker).toBe(MARKDOWN_MARKER);
    expect(headline).toBe('### ❌ blast: FAIL · critical risk · score 512');
  });

  it('cuts long lists to stay under the comment limit and says what it cut', async () => {
    const markdown = renderMarkdown(largeResult({ changes: 400, files: 1_500, perFile: 4, findings: 30 }), options);
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    expect(markdown).toContain("> **Cut to fit GitHub's 65,536-character limit:** shown ");
    expect(markdown).toContain('<details><summary>Affected files (1,500)</summary>');
    // The whole comment is ~63 kB of table rows; its head and its end say all there is to check.
    const lines = markdown.split('\n');
    const firstRow = lines.findIndex((line) => line.startsWith('| ❌ error'));
    const note = lines.findIndex((line) => line.startsWith('> **Cut'));
    const excerpt = [...lines.slice(0, firstRow + 1), '…', ...lines.slice(note - 4)].join('\n');
    await expect(excerpt).toMatchFileSnapshot('__snapshots__/markdown-long-lists-cut.md');
  });

  it('keeps a huge result under 65,536 characters', () => {
    const huge = largeResult({ changes: 5_000, files: 8_000, perFile: 5, findings: 2_000 });
    const markdown = renderMarkdown(huge, options);
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    expect(markdown).toMatch(/Cut to fit GitHub's 65,536-character limit:\*\* shown .*of 5,000 changed symbols.*of 8,000 affected files/);
    expect(markdown).toContain('### ❌ blast: FAIL · critical risk');
    expect(markdown.trimEnd().endsWith('</sub>')).toBe(true);
  });

  it('does not cut what fits', () => {
    const markdown = renderMarkdown(largeResult({ changes: 10, files: 50, perFile: 2 }), options);
    expect(markdown).not.toContain('Cut to fit');
  });

  it('keeps tables whole and text inert whatever the strings hold', () => {
    const result = passResult();
    const tricky: Result = {
      ...result,
      changes: [changed('src/a|b.ts', 'pick', { line: 3 })],
      findings: [
        {
          rule: 'zone:a|b',
          severity: 'warn',
          message: 'ping @acme/core about <script>x</script> | *not bold*\nsecond line',
          file: 'src/a|b.ts',
          line: 3,
        },
      ],
      verdict: 'warn',
    };
    const markdown = renderMarkdown(tricky, options);
    expect(markdown).toContain(
      '| ⚠️ warn | `src/a\\|b.ts:3` ping @\u200bacme/core about \\<script\\>x\\</script\\> \\| \\*not bold\\* second line | `zone:a\\|b` |  |',
    );
    expect(markdown).toContain('| `src/a\\|b.ts` | 3 | `pick` | function | modified (body) |');
  });

  it('lists every name of a file only when verbose', () => {
    const result = largeResult({ changes: 2, files: 1, perFile: 14 });
    expect(renderMarkdown(result, options)).toContain('`symbol00009`, +4 more |');
    expect(renderMarkdown(result, { verbose: true })).toContain('`symbol00013` |');
  });
});
