// `blast check --pre-push`: git's pre-push hook input in, one verdict per pushed ref out. Quiet
// by default, since it runs on every push: a line per ref that passes; for a ref that fails, its
// findings and what to do about it.
import type { ChalkInstance } from 'chalk';
import type { ExitCode } from '../errors.js';
import { UsageError } from '../errors.js';
import { renderText, renderVerdictLine } from '../report/index.js';
import { checkPrePush, type PushedRefOutcome, type PushSkip } from '../run.js';
import type { Finding } from '../types.js';
import { createChalk } from './color.js';
import type { CliIo, InputStream } from './io.js';
import { toCheckOptions, type RawGlobalOptions } from './options.js';
import type { Invocation } from './program.js';

/** The way past a refused push, in every message that refuses one. */
const ESCAPE = 'push with --no-verify to skip this check';

/** Printed after an error (exit 2), which blocks the push too. */
export const PRE_PUSH_ERROR_ADVICE = `push refused by blast: it could not reach a verdict (see above) — fix that, or ${ESCAPE}\n`;

const SKIP_WORDS: Record<PushSkip, string> = {
  deletion: 'deleted, nothing to check',
  'nothing new': 'nothing new to check',
  'not a commit': 'not a commit, nothing to check',
};

/**
 * Reads git's lines from stdin and the remote from the arguments, checks each pushed ref, and
 * exits 1 when any ref fails the policy (0 in observe mode).
 */
export async function runPrePush(invocation: Invocation, io: CliIo): Promise<ExitCode> {
  const raw = invocation.options as RawGlobalOptions;
  const modes = [raw.head !== undefined && '--head', raw.committed && '--committed', raw.staged && '--staged'].filter(Boolean);
  if (modes.length > 0) throw new UsageError(`--pre-push checks the refs git pushes; it cannot be combined with ${modes.join(' or ')}`);
  const { check: options, display } = toCheckOptions(raw, io, invocation.colorFlagGiven);
  if (display.format !== 'text' || display.output !== undefined) throw new UsageError('--pre-push prints a text report to stdout; drop --format and --output');
  const stdin = io.stdin ?? process.stdin;
  if (stdin.isTTY) {
    throw new UsageError("--pre-push reads the refs being pushed from stdin, as git gives them to a pre-push hook", {
      hint: 'install the hook with `blast hook install`, or pipe in lines of `<local ref> <local sha> <remote ref> <remote sha>`',
    });
  }
  const input = await readAll(stdin);
  const warnings = createChalk(display.color, io, 'stderr');
  // warnings on every push would be noise; --verbose shows them
  if (display.verbose) options.onWarning = (message) => io.stderr.write(`${warnings.yellow('warning')}: ${message}\n`);
  const chalk = createChalk(display.color, io, 'stdout');

  const refs = await checkPrePush({ ...options, remote: invocation.args[0] ?? 'origin', input });
  const refused: Array<Extract<PushedRefOutcome, { outcome: unknown }>> = [];
  for (const ref of refs) {
    if ('skipped' in ref) {
      if (display.verbose) io.stdout.write(`blast: ${ref.name}: ${SKIP_WORDS[ref.skipped]}\n`);
      continue;
    }
    const { result, observe } = ref.outcome;
    if (display.verbose) io.stdout.write(renderText(result, { chalk, verbose: true }));
    else io.stdout.write(`blast: ${ref.name}: ${renderVerdictLine(result, { chalk }).replace(/^blast: /, '')}`);
    if (result.verdict !== 'fail') continue;
    if (!display.verbose) io.stdout.write(describeFindings(result.findings, chalk));
    if (observe) io.stdout.write(`  observe mode: the push goes ahead\n`);
    else refused.push(ref);
  }
  if (refused.length === 0) return 0;
  for (const ref of refused) {
    const first = ref.outcome.result.findings.find((finding) => finding.severity === 'error' && finding.overriddenBy === undefined);
    const range = `blast check --base ${ref.outcome.result.base.mergeBase.slice(0, 12)} --head ${localName(ref)}`;
    io.stderr.write(
      `push refused by blast: '${ref.name}' fails the policy${first ? ` (${first.message})` : ''} — fix it (\`${range}\` shows the whole report), or ${ESCAPE}\n`,
    );
  }
  return 1;
}

/** The findings in force, one line each, errors first: the short report of a failing ref. */
function describeFindings(findings: readonly Finding[], chalk: ChalkInstance): string {
  return findings
    .filter((finding) => finding.overriddenBy === undefined && finding.severity !== 'info')
    .map((finding) => {
      const word = finding.severity === 'error' ? chalk.red('error') : chalk.yellow('warn ');
      const where = finding.file === undefined ? '' : chalk.dim(`  ${finding.file}${finding.line === undefined ? '' : `:${finding.line}`}`);
      return `  ${word}  ${finding.message}${where}\n`;
    })
    .join('');
}

/** How to name the pushed commit again on the command line. */
function localName(ref: PushedRefOutcome): string {
  if (ref.localRef.startsWith('refs/heads/')) return ref.localRef.slice('refs/heads/'.length);
  return 'outcome' in ref ? ref.outcome.result.head.sha.slice(0, 12) : ref.localRef;
}

async function readAll(stream: InputStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
  return text;
}
