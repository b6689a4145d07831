import type { ExitCode } from '../errors.js';
import { UsageError } from '../errors.js';
import { render } from '../report/index.js';
import { graph } from '../run.js';
import { emit, prepare } from './check.js';
import type { CliIo } from './io.js';
import type { Invocation } from './program.js';

/** `blast graph`: the blast radius as dot (default) or mermaid; exit 0 whatever the verdict. */
export async function runGraph(invocation: Invocation, io: CliIo): Promise<ExitCode> {
  const { options, display, chalk, progress } = prepare(invocation, io);
  if (display.format !== 'dot' && display.format !== 'mermaid') throw new UsageError(`graph draws dot or mermaid, not '${display.format}'`);
  const raw = invocation.options.maxNodes;
  const maxNodes = raw === undefined ? undefined : Number(raw);
  if (maxNodes !== undefined && (!Number.isInteger(maxNodes) || maxNodes < 1)) {
    throw new UsageError(`--max-nodes must be a whole number above 0, got '${String(raw)}'`);
  }
  const result = await graph(options).finally(progress.done);
  await emit(render(result, display.format, { chalk, verbose: display.verbose, ...(maxNodes === undefined ? {} : { maxNodes }) }), display, io);
  return 0;
}
