// The CLI's own code, kept between runs. The CLI is one CommonJS bundle, loaded from the code V8
// compiled for it in an earlier run: compiling its 1.3 MB, and then each function as it is first
// called, is about a tenth of a warm `blast check`. The code belongs to the program, not to a
// repository, so it is kept in the user's cache folder, not beside the graph cache; a missing,
// damaged or refused file only costs the compile.
import { isAbsolute, join } from 'node:path';
import { keptCodeFile, keptCodeName, readKept, runModule, writeKept } from '../kept-code.js';
import type * as Cli from './index.js';

/** The kept code's file in the user's cache folder. */
export const PROGRAM_CODE_FILE = 'program-code.bin';

/** Installs (or versions of Node) whose code one file keeps at once, the latest kept last. */
const PROGRAMS_KEPT = 4;

/**
 * Commands that analyse a change: a run of one calls most of the program's functions, and the
 * code kept from it holds them compiled. Code kept by any other command (`--version`, `init`)
 * is kept again by the first of these.
 */
const ANALYSING = new Set(['check', 'explain', 'affected', 'verify', 'graph']);

/**
 * Where blast keeps what belongs to the program rather than to a repository: `XDG_CACHE_HOME`
 * when set, else the platform's per-user cache folder; none without a home.
 */
export function userCacheFolder(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'blast');
  if (platform === 'win32') return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'blast', 'Cache') : undefined;
  if (!env.HOME) return undefined;
  return platform === 'darwin' ? join(env.HOME, 'Library', 'Caches', 'blast') : join(env.HOME, '.cache', 'blast');
}

/**
 * Loads the CLI bundle, from kept code when there is some; `keep` then keeps the code for the
 * next run when this one had none fit (none, refused, or made by a command that analyses nothing
 * while this one analysed). `--no-cache` neither reads nor keeps any.
 */
export function loadProgram(
  bundle: string,
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
): { cli: typeof Cli; fromKept: boolean; keep: () => void } {
  const folder = argv.includes('--no-cache') ? undefined : userCacheFolder(env, platform);
  const stored = folder === undefined ? undefined : join(folder, PROGRAM_CODE_FILE);
  const name = keptCodeName(bundle);
  const all = stored === undefined ? undefined : readKept(stored);
  const kept = all?.get(name);
  const { module, script, fromKept } = runModule(bundle, kept?.code);
  const note = ANALYSING.has(argv[0] ?? '') ? 'analysis' : 'start';
  const keep = () => {
    if (stored === undefined || (fromKept && (kept!.note === 'analysis' || note === 'start'))) return;
    // Made now, after the run: it holds every function the run compiled, not only the top level.
    // Beside the code of other installs that share the folder, rather than over it; not beside
    // this install's earlier code (another version, since reinstalled), which no run will take.
    writeKept(stored, () => {
      const others = [...(all ?? [])].filter(([other]) => keptCodeFile(other) !== bundle);
      return new Map([...others.slice(-(PROGRAMS_KEPT - 1)), [name, { code: script.createCachedData(), note }]]);
    });
  };
  return { cli: module.exports as typeof Cli, fromKept, keep };
}
