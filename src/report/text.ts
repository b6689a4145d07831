import type { ChalkInstance } from 'chalk';
import type { ChangedSymbol, Finding, Result, Severity, Verdict } from '../types.js';
import { listAffectedFiles } from './affected-files.js';
import { groupRuns, isInForce, sortByCodePoint, sortChanges, sortFindings } from './ordering.js';
import type { RenderOptions } from './render-options.js';
import { describeVerdictSummary, paintVerdict } from './verdict-line.js';
import { changedInputs, indexSymbols, layOutWhyPath, selectWhyPaths, type SymbolIndex } from './why-path.js';
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

/** The terminal width the layout aims at; long paths may still run past it. */
const WIDTH = 80;
/** Caps lifted by `--verbose`. */
const MAX_FILES = 20;
const MAX_CHANGES = 30;
const MAX_TESTS = 20;
const MAX_INLINE = 5;
const MAX_REASONS = 2;
const DEFAULT_MAX_PATHS = 3;
/** A column's values up to this wide are never outliers (see `columnWidth`). */
const MAX_COLUMN = 36;
/** How much longer than most of its column a value is an outlier (see `columnWidth`). */
const OUTLIER_MARGIN = 16;

type Lines = string[];

interface Context {
  c: ChalkInstance;
  verbose: boolean;
}

/**
 * The terminal report: what a developer reads before pushing. Sections, each only when it has
 * something to say: the compared revisions and the policy, the changed symbols by file, the
 * blast radius with its files nearest first, why-paths, tests, warnings, findings, and the
 * verdict last, where the eye lands. Colour comes only from `options.chalk`; timings are never
 * printed, so equal results print equal text.
 */
export function renderText(result: Result, options: RenderOptions): string {
  const context: Context = { c: options.chalk, verbose: options.verbose };
  const index = indexSymbols(result);
  const hasCode = result.changes.length > 0;
  const inputs = changedInputs(result);
  const isTriviaOnly = hasCode && inputs.length === 0 && result.changes.every((change) => change.change === 'trivia');
  const sections: Lines[] = [renderHeader(result, context)];
  if (!hasCode && inputs.length === 0) {
    sections.push([`${context.c.bold('No changed symbols')}  ${context.c.dim('no declaration changed, so no blast radius')}`]);
  } else {
    if (hasCode) sections.push(renderChanges(result, context));
    if (inputs.length > 0) sections.push(renderInputs(inputs, context));
    if (isTriviaOnly) {
      sections.push([`${context.c.bold('Blast radius')}  none: only comments and whitespace changed`]);
    } else {
      sections.push(renderRadius(result, context));
      sections.push(renderWhyPaths(result, index, context, options.maxPaths ?? DEFAULT_MAX_PATHS));
    }
  }
  sections.push(renderTests(result, context));
  sections.push(renderOwners(result, context));
  sections.push(renderWarnings(result, context));
  sections.push(renderFindings(result, context));
  sections.push(renderVerdict(result, context));
  return `${sections
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\n'))
    .join('\n\n')}\n`;
}

function renderHeader(result: Result, { c }: Context): Lines {
  const label = (text: string): string => c.dim(text.padEnd(10));
  const lines = [
    `${label('base')}${c.bold(describeBase(result.base))}` +
      (result.base.reason === '' ? '' : ` ${c.dim(`(${oneLine(result.base.reason)})`)}`) +
      `, merge-base ${shortSha(result.base.mergeBase)}`,
    `${label('head')}${c.bold(describeHead(result.head))}`,
    `${label('policy')}${describePolicy(result.policy)}`,
  ];
  const { aiAssisted, evidence } = result.provenance;
  if (aiAssisted) {
    const first = evidence[0];
    const more = evidence.length > 1 ? ` (+${formatNumber(evidence.length - 1)} more)` : '';
    const room = WIDTH - 10 - 'AI-assisted: '.length - more.length;
    const detail = first === undefined ? '' : `: ${truncate(oneLine(describeEvidence(first)), room)}`;
    lines.push(`${label('ai')}${c.magenta('AI-assisted')}${detail}${c.dim(more)}`);
  }
  for (const approval of result.approvals) {
    const verdict = approval.accepted ? c.green('accepted') : c.red(`rejected: ${oneLine(approval.reason)}`);
    lines.push(`${label('approval')}${approval.approver} ${c.dim(`(${approval.trust})`)} ${verdict}`);
  }
  return lines;
}

function paintChange(change: ChangedSymbol, text: string, c: ChalkInstance): string {
  switch (change.change) {
    case 'added':
      return c.green(text);
    case 'removed':
      return c.red(text);
    case 'modified':
      return c.yellow(text);
    case 'trivia':
      return c.dim(text);
  }
}

function renderChanges(result: Result, { c, verbose }: Context): Lines {
  const changes = sortChanges(result.changes);
  const shown = verbose ? changes : changes.slice(0, MAX_CHANGES);
  const files = groupRuns(changes, (change) => change.file).length;
  // `path:line` on every row: terminals and editors open it with a click. Rows are sorted by
  // file, so a file's symbols sit together; with colour, repeats of the path are dimmed.
  const location = (change: ChangedSymbol): string => `${change.file}:${change.line}`;
  const locationWidth = columnWidth(shown.map(location));
  const kindWidth = columnWidth(shown.map((change) => change.declarationKind));
  const nameWidth = columnWidth(shown.map((change) => change.name));
  const lines = [`${c.bold('Changed')}  ${countOf(changes.length, 'symbol')} in ${countOf(files, 'file')}`];
  let previousFile: string | undefined;
  for (const change of shown) {
    const isSameFile = change.file === previousFile;
    previousFile = change.file;
    const path = isSameFile ? c.dim(change.file) : change.file;
    const rest = `  ${c.dim(change.declarationKind.padEnd(kindWidth))}  ${change.name.padEnd(nameWidth)}` + `  ${paintChange(change, describeChange(change), c)}`;
    lines.push(...overflowing(`  ${path}${c.dim(`:${change.line}`)}`, location(change).length, locationWidth, 2, rest));
  }
  lines.push(...moreLine(changes.length - shown.length, 'symbol', c));
  const renames = new Set(
    shown.flatMap((change) =>
      change.oldFile === undefined || change.oldFile === change.file ? [] : [`${change.oldFile} → ${change.file}`],
    ),
  );
  for (const rename of renames) lines.push(`  ${c.dim('renamed')}  ${rename}`);
  return lines;
}

/** Dependencies and imported files the change edits: where `package` and `asset` edges start. */
function renderInputs(inputs: ReturnType<typeof changedInputs>, { c, verbose }: Context): Lines {
  const shown = verbose ? inputs : inputs.slice(0, MAX_CHANGES);
  const kindWidth = Math.max(...shown.map((input) => describeInput(input.edge).length));
  return [
    `${c.bold('Changed inputs')}  ${countOf(inputs.length, 'input')} reaching code`,
    ...shown.map((input) => `  ${c.dim(describeInput(input.edge).padEnd(kindWidth))}  ${c.yellow(input.id)}`),
    ...moreLine(inputs.length - shown.length, 'input', c),
  ];
}

function describeInput(edge: string): string {
  return edge === 'package' ? 'dependency' : 'file';
}

function renderRadius(result: Result, { c, verbose }: Context): Lines {
  const { stats } = result;
  const counts = [
    countOf(stats.affectedSymbols, 'symbol'),
    countOf(stats.affectedFiles, 'file'),
    countOf(stats.affectedTests, 'test'),
    countOf(stats.affectedPackages, 'package'),
    countOf(stats.entryPoints, 'entry point'),
    `max depth ${formatNumber(stats.maxDepth)}`,
  ];
  const lines = [c.bold('Blast radius'), ...flow('', 0, counts, ' · ', 2, '  ')];
  if (stats.withoutStops !== undefined) {
    lines.push(
      c.dim(
        `  without stopAt and maxDepth: ${countOf(stats.withoutStops.affectedSymbols, 'symbol')}` +
          ` · ${countOf(stats.withoutStops.affectedFiles, 'file')}`,
      ),
    );
  }
  const files = listAffectedFiles(result);
  if (files.length === 0) lines.push(c.dim('  nothing depends on the changed symbols'));
  const shown = verbose ? files : files.slice(0, MAX_FILES);
  const depthWidth = Math.max(...shown.map((file) => depthLabel(file.depth).length));
  const pathWidth = columnWidth(shown.map((file) => file.path));
  // Where the path column starts: after the indent and the depth column.
  const pathAt = 2 + depthWidth + 2;
  let previousDepth: number | undefined | null = null;
  for (const file of shown) {
    const label = file.depth === previousDepth ? '' : depthLabel(file.depth);
    previousDepth = file.depth;
    const names = verbose ? file.names.join(', ') : fitNames(file.names, WIDTH - (pathAt + pathWidth + 2));
    const cell = `  ${c.dim(label.padEnd(depthWidth))}  ${file.path}`;
    lines.push(...overflowing(cell, file.path.length, pathWidth, pathAt, `  ${c.cyan(names)}`).map((line) => line.trimEnd()));
  }
  lines.push(...moreLine(files.length - shown.length, 'file', c));
  const inline = (title: string, values: string[]): void => {
    if (values.length === 0) return;
    const shownValues = verbose ? values : values.slice(0, MAX_INLINE);
    const rest = values.length - shownValues.length;
    const items = rest > 0 ? [...shownValues, `+${formatNumber(rest)} more`] : shownValues;
    lines.push(...flow(`  ${c.dim(title.padEnd(12))}`, 14, items, ', ', 16));
  };
  inline('entry points', sortByCodePoint(result.affected.entryPoints));
  inline('packages', sortByCodePoint(result.affected.packages));
  return lines;
}

function depthLabel(depth: number | undefined): string {
  return `depth ${depth === undefined ? '?' : formatNumber(depth)}`;
}

function renderWhyPaths(result: Result, index: SymbolIndex, { c }: Context, maxPaths: number): Lines {
  const paths = selectWhyPaths(result, index, maxPaths);
  if (paths.length === 0) return [];
  const total = result.affected.symbols.length;
  const lines = [`${c.bold('Why')}  ${c.dim(`${formatNumber(paths.length)} of ${countOf(total, 'affected symbol')}`)}`];
  for (const path of paths) {
    const { target, steps } = layOutWhyPath(index, path);
    lines.push(`  ${target}`);
    for (const [i, step] of steps.entries()) {
      const isOrigin = i === steps.length - 1;
      const mark = step.isChanged ? `  ${c.yellow('changed')}` : isOrigin ? `  ${c.dim('(chain broken)')}` : '';
      lines.push(`    ${c.dim(`← ${step.edge.padEnd(7)}`)}  ${step.id}${mark}`);
    }
  }
  return lines;
}

function renderTests(result: Result, { c, verbose }: Context): Lines {
  const tests = sortByCodePoint(result.affected.tests);
  if (tests.length === 0) return [];
  const shown = verbose ? tests : tests.slice(0, MAX_TESTS);
  return [
    `${c.bold('Tests')}  ${countOf(result.stats.affectedTests, 'test file')} to run`,
    ...shown.map((test) => `  ${test}`),
    ...moreLine(tests.length - shown.length, 'test file', c),
  ];
}

/** Who owns the changed and affected files (CODEOWNERS): whom to ask for a review. */
function renderOwners(result: Result, { c, verbose }: Context): Lines {
  const owners = describeOwners(result.affected.owners);
  if (owners.length === 0) return [];
  const shown = verbose ? owners : owners.slice(0, MAX_INLINE);
  const rest = owners.length - shown.length;
  return flow(c.bold('Owners'), 'Owners'.length, rest > 0 ? [...shown, `+${formatNumber(rest)} more`] : shown, ', ', 8);
}

function renderWarnings(result: Result, { c, verbose }: Context): Lines {
  const { stats } = result;
  const bullet = c.yellow('!');
  const lines: Lines = [];
  if (stats.unparsedFiles.length > 0) {
    const files = sortByCodePoint(stats.unparsedFiles);
    const shown = verbose ? files : files.slice(0, MAX_INLINE);
    const rest = files.length - shown.length;
    const items = rest > 0 ? [...shown, `+${formatNumber(rest)} more`] : shown;
    const text = `${countOf(files.length, 'file')} not parsed:`;
    lines.push(...flow(`  ${bullet} ${text}`, 4 + text.length, items, ', ', 4, ' '));
  }
  if (stats.unresolvedImports > 0) {
    lines.push(`  ${bullet} ${countOf(stats.unresolvedImports, 'import')} not resolved`);
  }
  if (stats.unknownEdges > 0) {
    lines.push(
      `  ${bullet} ${countOf(stats.unknownEdges, 'unknown edge')} ${c.dim('(computed access or non-literal import: every export counts)')}`,
    );
  }
  if (lines.length === 0) return [];
  return [`${c.bold('Warnings')}  ${c.dim('the radius may be incomplete')}`, ...lines];
}

function paintSeverity(severity: Severity, text: string, c: ChalkInstance): string {
  switch (severity) {
    case 'error':
      return c.red(text);
    case 'warn':
      return c.yellow(text);
    case 'info':
      return c.blue(text);
  }
}

function renderFindings(result: Result, { c }: Context): Lines {
  if (result.findings.length === 0) return [];
  const lines = [`${c.bold('Findings')}  ${describeFindingCounts(result.findings) || c.dim('all overridden')}`];
  for (const finding of sortFindings(result.findings)) {
    const isLifted = !isInForce(finding);
    const label = finding.severity.padEnd(5);
    const message = wrap(oneLine(finding.message), WIDTH - 9);
    const details = [describeLocation(finding), finding.rule, describeFigure(finding)].filter(
      (part): part is string => part !== undefined,
    );
    const overridden = isLifted ? ` · ${c.green(`overridden by ${finding.overriddenBy ?? ''}`)}` : '';
    for (const [i, line] of message.entries()) {
      const lead = i > 0 ? ' '.repeat(5) : isLifted ? c.dim(label) : paintSeverity(finding.severity, label, c);
      lines.push(`  ${lead}  ${isLifted ? c.dim(line) : line}`);
    }
    lines.push(`         ${c.dim(details.join(' · '))}${overridden}`);
  }
  return lines;
}

const DECIDING_SEVERITY: Record<Verdict, Severity | undefined> = { pass: undefined, warn: 'warn', fail: 'error' };

function renderVerdict(result: Result, { c }: Context): Lines {
  const summary = describeVerdictSummary(result, false);
  const lines = [`${paintVerdict(result.verdict, c, true)}  ${summary.join(' · ')}`];
  const severity = DECIDING_SEVERITY[result.verdict];
  const deciding = sortFindings(result.findings).filter(
    (finding: Finding) => isInForce(finding) && finding.severity === severity,
  );
  for (const finding of deciding.slice(0, MAX_REASONS)) {
    lines.push(`  ${truncate(oneLine(finding.message), WIDTH - 2)}`);
  }
  if (deciding.length > MAX_REASONS) {
    lines.push(c.dim(`  … and ${formatNumber(deciding.length - MAX_REASONS)} more above`));
  }
  return lines;
}

/** `text`, cut to `width` columns with an ellipsis, at a space when one is near. */
function truncate(text: string, width: number): string {
  if (text.length <= width) return text;
  const cut = text.slice(0, Math.max(0, width - 1));
  const space = cut.lastIndexOf(' ');
  return `${space > width / 2 ? cut.slice(0, space) : cut}…`;
}

/** `text` broken at spaces into lines of at most `width` columns; longer words stay whole. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}

/**
 * A table row whose first column holds `cell` (printed `length` columns wide, after `indent`
 * columns of its own), padded to `width`, then `rest`. A cell wider than its column (an
 * outlier: see `columnWidth`) stands on a line of its own and the rest, if any, goes below,
 * where the next column starts on every other row.
 */
function overflowing(cell: string, length: number, width: number, indent: number, rest: string): Lines {
  if (length <= width) return [`${cell}${' '.repeat(width - length)}${rest}`];
  return rest.trim() === '' ? [cell] : [cell, `${' '.repeat(indent + width)}${rest}`];
}

/**
 * The padding width of a column: its widest value, unless that is an outlier, longer than
 * {@link MAX_COLUMN} and than most of the column by more than {@link OUTLIER_MARGIN}. A column
 * of long paths (a monorepo's) is as wide as they are; one deep path among short ones does not
 * push every row right (see `overflowing`).
 */
function columnWidth(values: readonly string[]): number {
  const lengths = values.map((value) => value.length).sort((a, b) => a - b);
  const median = lengths[Math.floor((lengths.length - 1) / 2)] ?? 0;
  const limit = Math.max(MAX_COLUMN, median + OUTLIER_MARGIN);
  return Math.max(0, ...lengths.filter((length) => length <= limit));
}

function moreLine(rest: number, noun: string, c: ChalkInstance): Lines {
  return rest > 0 ? [c.dim(`  … and ${formatNumber(rest)} more ${rest === 1 ? noun : `${noun}s`} (--verbose)`)] : [];
}

/** As many names as fit in `width` columns, then `+N`. At least one name is always shown. */
function fitNames(names: readonly string[], width: number): string {
  let text = '';
  for (let i = 0; i < names.length; i++) {
    const name = names[i] ?? '';
    const next = text === '' ? name : `${text}, ${name}`;
    const rest = names.length - i - 1;
    const suffix = rest > 0 ? `, +${formatNumber(rest)}` : '';
    if (text !== '' && next.length + suffix.length > width) {
      return `${text}, +${formatNumber(names.length - i)}`;
    }
    text = next;
  }
  return text;
}

/**
 * `lead` followed by `items`, filled to {@link WIDTH} and continued on lines indented by
 * `indent`. `leadWidth` is the printed width of `lead`, which may carry colour codes.
 */
function flow(
  lead: string,
  leadWidth: number,
  items: readonly string[],
  separator: string,
  indent: number,
  firstGap = '  ',
): Lines {
  // The separator's visible part stays at the end of a line when it wraps: `a ·` / `b`.
  const glue = separator.trimEnd();
  const lines: Lines = [];
  let line = lead;
  let width = leadWidth;
  let gap = firstGap;
  for (const [i, item] of items.entries()) {
    const piece = i < items.length - 1 ? `${item}${glue}` : item;
    if (gap === ' ' && width + gap.length + piece.length > WIDTH) {
      lines.push(line);
      line = ' '.repeat(indent);
      width = indent;
      gap = '';
    }
    line += `${gap}${piece}`;
    width += gap.length + piece.length;
    gap = ' ';
  }
  lines.push(line);
  return lines;
}
