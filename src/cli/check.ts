import { writeFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import type { ExitCode } from '../errors.js';
import { UsageError } from '../errors.js';
import { render, renderExplainJson, renderExplainText, renderVerdictLine } from '../report/index.js';
import { affected, approve, check, clearCache, explain } from '../run.js';
import { createChalk } from './color.js';
import type { CliIo } from './io.js';
import { toCheckOptions, type DisplayOptions, type RawGlobalOptions } from './options.js';
import { createProgressLine, wantsProgress } from './progress.js';
import { runPrePush } from './pre-push.js';
import type { Invocation } from './program.js';

/**
 * The options every analysing command shares, with warnings routed to stderr and, on a
 * terminal, a progress line (call `progress.done()` before printing the report or an error).
 */
export function prepare(invocation: Invocation, io: CliIo) {
  const { check: options, display } = toCheckOptions(invocation.options as RawGlobalOptions, io, invocation.colorFlagGiven);
  const warnings = createChalk(display.color, io, 'stderr');
  const progress = createProgressLine(io.stderr, { enabled: wantsProgress(io.stderr, io.env, display) });
  options.onProgress = progress.onProgress;
  if (!display.quiet) {
    options.onWarning = (message) => progress.print(`${warnings.yellow('warning')}: ${message}\n`);
  }
  const chalk = createChalk(display.output === undefined ? display.color : 'never', io, 'stdout');
  return { options, display, chalk, progress };
}

export async function emit(text: string, display: DisplayOptions, io: CliIo): Promise<void> {
  if (display.output === undefined) {
    io.stdout.write(text);
    return;
  }
  await writeFile(display.output, text).catch((error: unknown) => {
    throw new UsageError(`cannot write '${display.output}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  });
}

/** `blast check`: analyse, print the report, and turn the verdict into the exit code. */
export async function runCheck(invocation: Invocation, io: CliIo): Promise<ExitCode> {
  if (invocation.options.prePush) return runPrePush(invocation, io);
  if (invocation.args.length > 0) throw new UsageError(`unexpected argument '${invocation.args[0]}'; only --pre-push takes arguments (the remote's name and URL)`);
  const { options, display, chalk, progress } = prepare(invocation, io);
  const outcome = await check(options).finally(progress.done);
  const { result } = outcome;
  if (display.verbose) {
    for (const entry of outcome.unresolvedImports) io.stderr.write(`${entry.file}:${entry.line}: unresolved import '${entry.specifier}'\n`);
  }
  const report =
    display.quiet && display.format === 'text' ? renderVerdictLine(result, { chalk }) : render(result, display.format, { chalk, verbose: display.verbose });
  await emit(report, display, io);
  return result.verdict === 'fail' && !outcome.observe ? 1 : 0;
}

/** `blast explain <target>`: why-paths and dependents; exit 0 whatever it finds. */
export async function runExplain(invocation: Invocation, io: CliIo): Promise<ExitCode> {
  const { options, display, chalk, progress } = prepare(invocation, io);
  const depth = Number(invocation.options.depth ?? 2);
  if (!Number.isInteger(depth) || depth < 0 || depth > 20) throw new UsageError(`--depth must be a whole number from 0 to 20, got '${String(invocation.options.depth)}'`);
  if (display.format !== 'text' && display.format !== 'json') throw new UsageError(`explain prints text or json, not '${display.format}'`);
  const explanation = await explain({ ...options, target: invocation.args[0] ?? '', depth }).finally(progress.done);
  await emit(display.format === 'json' ? renderExplainJson(explanation) : renderExplainText(explanation, { chalk }), display, io);
  return 0;
}

/** `blast affected`: paths relative to the cwd, one per line, for other tools' arguments. */
export async function runAffected(invocation: Invocation, io: CliIo): Promise<ExitCode> {
  const { options, display, progress } = prepare(invocation, io);
  if (display.format !== 'text' && display.format !== 'json') throw new UsageError(`affected prints text or json, not '${display.format}'`);
  const list = await affected({
    ...options,
    ...(invocation.options.tests ? { tests: true } : {}),
    ...(invocation.options.fallback === 'all' ? { fallback: 'all' as const } : {}),
  }).finally(progress.done);
  const paths = list.files.map((file) => relative(options.cwd, `${list.root}/${file}`).split(sep).join('/'));
  const text = display.format === 'json' ? `${JSON.stringify({ files: paths, fellBack: list.fellBack }, null, 2)}\n` : paths.map((path) => `${path}\n`).join('');
  await emit(text, display, io);
  return 0;
}

/** `blast cache clear`: removes the cache directory; says what it removed. */
export async function runCacheClear(invocation: Invocation, io: CliIo): Promise<ExitCode> {
  const { check: options } = toCheckOptions(invocation.options as RawGlobalOptions, io, false);
  const removed = await clearCache(options);
  io.stderr.write(removed ? `blast: removed the cache at ${removed}\n` : 'blast: there was no cache to remove\n');
  return 0;
}

/** `blast approve --key PATH`: what was approved, and how to share it. */
export async function runApprove(invocation: Invocation, io: CliIo): Promise<ExitCode> {
  const { check: options, display } = toCheckOptions(invocation.options as RawGlobalOptions, io, false);
  const { approval, result } = await approve({
    ...options,
    key: String(invocation.options.key),
    onWarning: (message) => io.stderr.write(`warning: ${message}\n`),
  });
  if (display.format === 'json') {
    const { fingerprint, keyFingerprint, record, note, warnings } = approval;
    io.stdout.write(`${JSON.stringify({ fingerprint, keyFingerprint, record, note, warnings }, null, 2)}\n`);
    return 0;
  }
  const range = `${result.base.ref} ${result.base.mergeBase.slice(0, 7)}..${result.head.sha.slice(0, 7)}`;
  io.stdout.write(`approved change ${approval.fingerprint.slice(0, 12)} (${range}) as ${approval.record.approver}, key ${approval.keyFingerprint}\n`);
  io.stdout.write(`stored on ${result.head.sha.slice(0, 7)} under refs/notes/blast; share it: git push origin refs/notes/blast\n`);
  return 0;
}
