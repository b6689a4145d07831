import type { Finding, Result, Severity, Verdict } from '../types.js';
import { listAffectedFiles } from './affected-files.js';
import { isInForce, sortByCodePoint, sortChanges, sortFindings } from './ordering.js';
import type { RenderOptions } from './render-options.js';
import { changedInputs, indexSymbols, layOutWhyPath, selectWhyPaths } from './why-path.js';
import {
  countOf,
  describeBase,
  describeChange,
  describeEvidence,
  describeFigure,
  describeFindingCounts,
  describeHead,
  describeLocation,
  describeOwners,
  describePolicy,
  formatNumber,
  oneLine,
  shortSha,
} from './wording.js';

/** GitHub rejects comments and pull-request bodies longer than this many characters. */
export const MARKDOWN_LIMIT = 65_536;

/** The first line of every comment, so a CI step can find its previous comment and update it. */
export const MARKDOWN_MARKER = '<!-- blast:report -->';

const DEFAULT_MAX_PATHS = 5;
/** Names listed per affected file, unless verbose. */
const MAX_NAMES = 10;

/** The options markdown reads; a full {@link RenderOptions} will do. */
export type MarkdownOptions = Pick<RenderOptions, 'verbose' | 'maxPaths'>;

interface Caps {
  /** Rows of every collapsed list: changed symbols, affected files, tests, and the like. */
  rows: number;
  findings: number;
  /** Characters of one finding message. */
  message: number;
}

// Tried in order until the comment fits; the findings, which decide the verdict, go last.
const SMALLEST: Caps = { rows: 0, findings: 0, message: 0 };
const LEVELS: readonly Caps[] = [
  { rows: Infinity, findings: Infinity, message: Infinity },
  { rows: 500, findings: Infinity, message: 1_000 },
  { rows: 200, findings: 200, message: 500 },
  { rows: 100, findings: 100, message: 300 },
  { rows: 50, findings: 50, message: 300 },
  { rows: 20, findings: 50, message: 200 },
  { rows: 10, findings: 20, message: 200 },
  { rows: 0, findings: 10, message: 200 },
  SMALLEST,
];

const VERDICT_HEADLINE: Record<Verdict, string> = { pass: '✅ blast: PASS', warn: '⚠️ blast: WARN', fail: '❌ blast: FAIL' };
const SEVERITY_LABEL: Record<Severity, string> = { error: '❌ error', warn: '⚠️ warn', info: 'ℹ️ info' };

/**
 * `--format markdown`: a pull-request comment. A headline with the verdict, risk and score; a
 * table of the figures; the findings; then collapsed sections with the changed symbols, the
 * affected files, why-paths and tests. It stays within GitHub's 65,536 characters by cutting
 * lists, and then says what it cut.
 */
export function renderMarkdown(result: Result, options: MarkdownOptions): string {
  for (const caps of LEVELS) {
    const markdown = buildMarkdown(result, options, caps);
    if (markdown.length <= MARKDOWN_LIMIT) return markdown;
  }
  // Only absurdly long refs or reasons get here; a cut comment still beats a rejected one.
  const note = '\n\n> **Cut at the comment size limit.**\n';
  return `${buildMarkdown(result, options, SMALLEST).slice(0, MARKDOWN_LIMIT - note.length)}${note}`;
}

function buildMarkdown(result: Result, options: MarkdownOptions, caps: Caps): string {
  const cuts: string[] = [];
  const cut: Cut = {
    take(items, max, what) {
      if (items.length <= max) return [...items];
      cuts.push(`${formatNumber(max)} of ${formatNumber(items.length)} ${what}`);
      return items.slice(0, max);
    },
    note(what) {
      if (!cuts.includes(what)) cuts.push(what);
    },
  };
  const blocks: string[] = [MARKDOWN_MARKER, renderHeadline(result), renderRevisions(result)];
  const inputs = changedInputs(result);
  const hasCode = result.changes.length > 0;
  const isTriviaOnly = hasCode && inputs.length === 0 && result.changes.every((change) => change.change === 'trivia');
  if (!hasCode && inputs.length === 0) blocks.push('No changed symbols: nothing to walk.');
  else if (isTriviaOnly) blocks.push('Only comments and whitespace changed: no blast radius.');
  else blocks.push(renderFigures(result));
  blocks.push(...renderOwners(result, caps, cut));
  blocks.push(...renderFindings(result, caps, cut));
  blocks.push(...renderWarnings(result, caps, cut));
  if (hasCode || inputs.length > 0) {
    if (hasCode) blocks.push(...renderChanges(result, caps, cut));
    if (inputs.length > 0) blocks.push(renderInputs(cut.take(inputs, caps.rows, 'changed inputs'), inputs.length));
    if (!isTriviaOnly) {
      blocks.push(...renderAffectedFiles(result, options, caps, cut));
      blocks.push(...renderWhyPaths(result, options, caps, cut));
    }
  }
  blocks.push(...renderTests(result, caps, cut));
  blocks.push(...renderReach(result, caps, cut));
  if (cuts.length > 0) {
    blocks.push(
      `> **Cut to fit GitHub's ${formatNumber(MARKDOWN_LIMIT)}-character limit:** shown ${cuts.join(', ')}. ` +
        'Run `blast check` locally, or `--format json`, for the whole report.',
    );
  }
  blocks.push(`<sub>blast ${escapeText(result.tool.version)} · score version ${result.scoreVersion}</sub>`);
  return `${blocks.filter((block) => block !== '').join('\n\n')}\n`;
}

/** Cuts lists to the caps and remembers what it cut, for the note at the end. */
interface Cut {
  take<T>(items: readonly T[], max: number, what: string): T[];
  note(what: string): void;
}

function renderHeadline(result: Result): string {
  return `### ${VERDICT_HEADLINE[result.verdict]} · ${result.risk} risk · score ${formatNumber(result.score)}`;
}

function renderRevisions(result: Result): string {
  const lines = [
    `**base** ${code(describeBase(result.base))}${result.base.reason === '' ? '' : ` (${escapeText(result.base.reason)})`} · ` +
      `**merge-base** ${code(shortSha(result.base.mergeBase))} · **head** ${code(describeHead(result.head))} · ` +
      `**policy** ${result.policy.path === null ? 'built-in default' : code(describePolicy(result.policy))}`,
  ];
  const { aiAssisted, evidence } = result.provenance;
  if (aiAssisted) {
    const first = evidence[0];
    const more = evidence.length > 1 ? ` (+${formatNumber(evidence.length - 1)} more)` : '';
    lines.push(`**AI-assisted**${first === undefined ? '' : `: ${escapeText(oneLine(describeEvidence(first)))}`}${more}`);
  }
  for (const approval of result.approvals) {
    lines.push(
      approval.accepted
        ? `**approved** by ${code(approval.approver)} (${approval.trust})`
        : `**approval rejected**: ${code(approval.approver)} (${approval.trust}): ${escapeText(approval.reason)}`,
    );
  }
  // Two trailing spaces would be invisible in review; `<br>` says what it does.
  return lines.join('<br>\n');
}

function renderFigures(result: Result): string {
  const { stats } = result;
  const rows = [
    ['changed symbols', 'affected symbols', 'affected files', 'tests', 'packages', 'entry points', 'max depth'],
    ['---:', '---:', '---:', '---:', '---:', '---:', '---:'],
    [
      stats.changedSymbols,
      stats.affectedSymbols,
      stats.affectedFiles,
      stats.affectedTests,
      stats.affectedPackages,
      stats.entryPoints,
      stats.maxDepth,
    ].map(formatNumber),
  ];
  const table = rows.map(tableRow).join('\n');
  if (stats.withoutStops === undefined) return table;
  return (
    `${table}\n\nWithout \`stopAt\` and \`maxDepth\`: ${countOf(stats.withoutStops.affectedSymbols, 'symbol')} ` +
    `in ${countOf(stats.withoutStops.affectedFiles, 'file')}.`
  );
}

function renderFindings(result: Result, caps: Caps, cut: Cut): string[] {
  if (result.findings.length === 0) return [];
  const counts = describeFindingCounts(result.findings);
  const findings = cut.take(sortFindings(result.findings), caps.findings, 'findings');
  const rows = [tableRow(['', 'finding', 'rule', 'figure']), tableRow(['---', '---', '---', '---:'])];
  let isMessageCut = false;
  for (const finding of findings) {
    const message = oneLine(finding.message);
    const shown = message.length > caps.message ? `${message.slice(0, caps.message)}…` : message;
    if (shown !== message) isMessageCut = true;
    rows.push(tableRow(findingCells(finding, shown)));
  }
  if (isMessageCut) cut.note(`finding messages up to ${formatNumber(caps.message)} characters`);
  const title = `#### Findings${counts === '' ? '' : ` (${counts})`}`;
  return findings.length === 0 ? [title] : [title, rows.join('\n')];
}

function findingCells(finding: Finding, message: string): string[] {
  const location = describeLocation(finding);
  const text = `${location === undefined ? '' : `${code(location)} `}${escapeText(message)}`;
  const severity = isInForce(finding)
    ? SEVERITY_LABEL[finding.severity]
    : `~~${finding.severity}~~ overridden by ${escapeText(finding.overriddenBy ?? '')}`;
  return [severity, text, code(finding.rule), describeFigure(finding) ?? ''];
}

function renderWarnings(result: Result, caps: Caps, cut: Cut): string[] {
  const { stats } = result;
  const items: string[] = [];
  if (stats.unparsedFiles.length > 0) {
    const files = cut.take(sortByCodePoint(stats.unparsedFiles), Math.max(caps.rows, 5), 'unparsed files');
    const rest = stats.unparsedFiles.length - files.length;
    items.push(
      `${countOf(stats.unparsedFiles.length, 'file')} not parsed: ${files.map(code).join(', ')}` +
        (rest > 0 ? `, +${formatNumber(rest)} more` : ''),
    );
  }
  if (stats.unresolvedImports > 0) items.push(`${countOf(stats.unresolvedImports, 'import')} not resolved`);
  if (stats.unknownEdges > 0) {
    items.push(`${countOf(stats.unknownEdges, 'unknown edge')} (computed access or a non-literal import: every export counts)`);
  }
  if (items.length === 0) return [];
  return [`**Warnings**: the radius may be incomplete.\n${items.map((item) => `- ${item}`).join('\n')}`];
}

function renderChanges(result: Result, caps: Caps, cut: Cut): string[] {
  const changes = cut.take(sortChanges(result.changes), caps.rows, 'changed symbols');
  const rows = [tableRow(['file', 'line', 'symbol', 'kind', 'change']), tableRow(['---', '---:', '---', '---', '---'])];
  for (const change of changes) {
    const moved = change.oldFile !== undefined && change.oldFile !== change.file ? ` (file was ${code(change.oldFile)})` : '';
    rows.push(
      tableRow([code(change.file), String(change.line), code(change.name), escapeText(change.declarationKind), `${describeChange(change)}${moved}`]),
    );
  }
  return details(`Changed symbols (${formatNumber(result.changes.length)})`, changes.length === 0 ? '' : rows.join('\n'));
}

/** Dependencies and imported files the change edits, as one line: where the radius starts besides symbols. */
function renderInputs(inputs: ReturnType<typeof changedInputs>, total: number): string {
  return `**Changed inputs (${formatNumber(total)}):** ${inputs.map((input) => `${input.edge === 'package' ? 'dependency' : 'file'} ${code(input.id)}`).join(', ')}`;
}

function renderAffectedFiles(result: Result, options: MarkdownOptions, caps: Caps, cut: Cut): string[] {
  const all = listAffectedFiles(result);
  if (all.length === 0) return ['Nothing depends on the changed symbols.'];
  const files = cut.take(all, caps.rows, 'affected files');
  const rows = [tableRow(['depth', 'file', 'affected symbols']), tableRow(['---:', '---', '---'])];
  for (const file of files) {
    const names = options.verbose ? file.names : file.names.slice(0, MAX_NAMES);
    const rest = file.names.length - names.length;
    rows.push(
      tableRow([
        file.depth === undefined ? '' : formatNumber(file.depth),
        code(file.path),
        names.map(code).join(', ') + (rest > 0 ? `, +${formatNumber(rest)} more` : ''),
      ]),
    );
  }
  return details(`Affected files (${formatNumber(all.length)})`, files.length === 0 ? '' : rows.join('\n'));
}

function renderWhyPaths(result: Result, options: MarkdownOptions, caps: Caps, cut: Cut): string[] {
  const index = indexSymbols(result);
  const paths = cut.take(selectWhyPaths(result, index, options.maxPaths ?? DEFAULT_MAX_PATHS), caps.rows, 'why-paths');
  if (result.affected.symbols.length === 0) return [];
  const lines: string[] = [];
  for (const path of paths) {
    const { target, steps } = layOutWhyPath(index, path);
    lines.push(target);
    for (const [i, step] of steps.entries()) {
      const mark = step.isChanged ? '  (changed)' : i === steps.length - 1 ? '  (chain broken)' : '';
      lines.push(`  ← ${step.edge.padEnd(7)}  ${step.id}${mark}`);
    }
  }
  const total = result.affected.symbols.length;
  return details(`Why-paths (${formatNumber(paths.length)} of ${formatNumber(total)})`, lines.length === 0 ? '' : fence(lines.join('\n')));
}

function renderTests(result: Result, caps: Caps, cut: Cut): string[] {
  if (result.affected.tests.length === 0) return [];
  const tests = cut.take(sortByCodePoint(result.affected.tests), caps.rows, 'tests');
  return details(`Tests to run (${formatNumber(result.affected.tests.length)})`, tests.map((test) => `- ${code(test)}`).join('\n'));
}

/** In sight, not collapsed: whom to ask for a review. Code spans, so no one is @-mentioned. */
function renderOwners(result: Result, caps: Caps, cut: Cut): string[] {
  const { owners } = result.affected;
  if (owners.length === 0) return [];
  const shown = cut.take(owners, Math.max(caps.rows, 10), 'owners');
  const rest = owners.length - shown.length;
  return [`**Owners** of the changed and affected files: ${describeOwners(shown, code).join(', ')}${rest > 0 ? `, +${formatNumber(rest)} more` : ''}`];
}

function renderReach(result: Result, caps: Caps, cut: Cut): string[] {
  const { entryPoints, packages } = result.affected;
  if (entryPoints.length + packages.length === 0) return [];
  const items: string[] = [];
  const list = (title: string, values: string[], what: string): void => {
    if (values.length === 0) return;
    const shown = cut.take(values, caps.rows, what);
    const rest = values.length - shown.length;
    items.push(`**${title}** (${formatNumber(values.length)}): ${shown.join(', ')}${rest > 0 ? `, +${formatNumber(rest)} more` : ''}`);
  };
  list('Entry points', sortByCodePoint(entryPoints).map(code), 'entry points');
  list('Packages', sortByCodePoint(packages).map(code), 'packages');
  return details('Entry points and packages', items.map((item) => `- ${item}`).join('\n'));
}

function details(summary: string, body: string): string[] {
  // The blank lines around the body let GitHub render markdown inside the HTML block.
  return [`<details><summary>${escapeHtml(summary)}</summary>\n\n${body === '' ? '_cut, see below_' : body}\n\n</details>`];
}

function tableRow(cells: readonly string[]): string {
  // GFM splits table rows at `|` before it reads code spans, so a pipe anywhere in a cell,
  // even inside backticks, must be escaped.
  return `| ${cells.map((cell) => oneLine(cell).replace(/\|/g, '\\|')).join(' | ')} |`;
}

/** An inline code span that survives backticks in the text. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  const padding = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${padding}${text}${padding}${ticks}`;
}

/** A fenced block longer than any backtick run inside it. */
function fence(text: string): string {
  const longest = Math.max(0, ...(text.match(/`{3,}/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return `${ticks}text\n${text}\n${ticks}`;
}

/** Plain text that must not turn into markup, links, HTML or mentions. */
function escapeText(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_[\]<>~#]/g, (char) => `\\${char}`)
    .replace(/&/g, '&amp;')
    .replace(/@/g, '@\u200b');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
