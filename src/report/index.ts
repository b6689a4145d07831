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
import { renderDot } from './dot.js';
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderMermaid } from './mermaid.js';
import type { Format, RenderOptions } from './render-options.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export type { Format, RenderOptions } from './render-options.js';
export { escapeCommandData, escapeCommandProperty, renderGithub } from './github.js';
export { renderJson } from './json.js';
export { MARKDOWN_LIMIT, MARKDOWN_MARKER, renderMarkdown, type MarkdownOptions } from './markdown.js';
export { renderText } from './text.js';
export { renderVerdictLine } from './verdict-line.js';
export { renderSarif, CHANGED_SYMBOL_RULE, SARIF_SCHEMA } from './sarif.js';
export { renderDot } from './dot.js';
export { renderMermaid } from './mermaid.js';
export { DEFAULT_MAX_NODES, type GraphOptions } from './radius-graph.js';
export { whyPath } from './why-path.js';

/** Every format `render` accepts, for the CLI's `--format` check and help text. */
export const FORMATS: readonly Format[] = ['text', 'json', 'markdown', 'github', 'sarif', 'dot', 'mermaid'];

/**
 * Renders `result` in `format`; `json`, `github` and `sarif` ignore the options, `dot` and
 * `mermaid` read `maxNodes`, or draw every symbol with `verbose` and no `maxNodes`.
 */
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
    case 'sarif':
      return renderSarif(result);
    case 'dot':
      return renderDot(result, graphOptions(options));
    case 'mermaid':
      return renderMermaid(result, graphOptions(options));
  }
}

function graphOptions(options: RenderOptions): { maxNodes?: number } {
  if (options.maxNodes !== undefined) return { maxNodes: options.maxNodes };
  return options.verbose ? { maxNodes: Number.POSITIVE_INFINITY } : {};
}
export { renderExplainJson, renderExplainText } from './explain.js';
export { renderVerifyText } from './verify.js';
