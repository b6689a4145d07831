import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import {
  FORMATS,
  render,
  renderDot,
  renderGithub,
  renderJson,
  renderMarkdown,
  renderMermaid,
  renderSarif,
  renderText,
} from '../../src/report/index.js';
import { failResult, nothingChangedResult, triviaOnlyResult } from './result-fixture.js';

describe('render', () => {
  it('hands each format to its renderer', () => {
    const result = failResult();
    const options = { chalk: new Chalk({ level: 0 }), verbose: false };
    expect(FORMATS).toEqual(['text', 'json', 'markdown', 'github', 'sarif', 'dot', 'mermaid']);
    expect(render(result, 'text', options)).toBe(renderText(result, options));
    expect(render(result, 'json', options)).toBe(renderJson(result));
    expect(render(result, 'markdown', options)).toBe(renderMarkdown(result, options));
    expect(render(result, 'github', options)).toBe(renderGithub(result));
    expect(render(result, 'sarif', options)).toBe(renderSarif(result));
    expect(render(result, 'dot', options)).toBe(renderDot(result));
    expect(render(result, 'mermaid', options)).toBe(renderMermaid(result));
    expect(render(result, 'dot', { ...options, maxNodes: 3 })).toBe(renderDot(result, { maxNodes: 3 }));
  });

  it('ends every format with exactly one newline, as the CLI writes it as it is', () => {
    const options = { chalk: new Chalk({ level: 0 }), verbose: false };
    for (const build of [failResult, nothingChangedResult, triviaOnlyResult]) {
      for (const format of FORMATS) {
        const output = render(build(), format, options);
        expect(output.endsWith('\n'), format).toBe(true);
        expect(output.endsWith('\n\n'), format).toBe(false);
      }
    }
  });
});
