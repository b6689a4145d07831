/**
 * The report stage (DESIGN §1): renderers, each a pure function of the {@link Result}. They
 * never compute figures, never read the environment and never import the global chalk; colour
 * comes in as a chalk instance, so a level-0 instance gives colour-free text by construction.
 *
 * Input: a `Result` and the {@link Format}. Output: the whole document as one string ending
 * in a newline, for the CLI to write to stdout or `--output`. Errors: none for a well-formed
 * result; a `via` chain that loops or breaks prints as far as it goes instead of throwing.
 */
import type { Result } from '../types.js';
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { Format, RenderOptions } from './render-options.js';
import { renderText } from './text.js';

export type { Format, RenderOptions } from './render-options.js';
export { escapeCommandData, escapeCommandProperty, renderGithub } from './github.js';
export { renderJson } from './json.js';
export { MARKDOWN_LIMIT, MARKDOWN_MARKER, renderMarkdown, type MarkdownOptions } from './markdown.js';
export { renderText } from './text.js';
export { whyPath } from './why-path.js';

/** Every format `render` accepts, for the CLI's `--format` check and help text. */
export const FORMATS: readonly Format[] = ['text', 'json', 'markdown', 'github'];

/** Renders `result` in `format`; `json` and `github` ignore the options. */
export function render(result: Result, format: Format, options: RenderOptions): string {
  switch (format) {
    case 'text':
      return renderText(result, options);
    case 'json':
      return renderJson(result);
    case 'markdown':
      return renderMarkdown(result, options);
    case 'github':
      return renderGithub(result);
  }
}
