import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { FORMATS, render, renderGithub, renderJson, renderMarkdown, renderText } from '../../src/report/index.js';
import { failResult } from './result-fixture.js';

describe('render', () => {
  it('hands each format to its renderer', () => {
    const result = failResult();
    const options = { chalk: new Chalk({ level: 0 }), verbose: false };
    expect(FORMATS).toEqual(['text', 'json', 'markdown', 'github']);
    expect(render(result, 'text', options)).toBe(renderText(result, options));
    expect(render(result, 'json', options)).toBe(renderJson(result));
    expect(render(result, 'markdown', options)).toBe(renderMarkdown(result, options));
    expect(render(result, 'github', options)).toBe(renderGithub(result));
  });
});
