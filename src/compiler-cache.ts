// The compiler's code, kept between runs. Loading TypeScript (9 MB of JavaScript) costs each
// thread that parses or resolves about 0.2 s, most of it V8 compiling the source; started from
// the code V8 compiled in an earlier run, it takes about a third of that. Node 20 keeps no such
// cache for modules, so the CLI keeps one beside the graph cache: before the compiler is first
// required, `loadTypeScript` compiles the TypeScript ts-morph carries from the kept code and puts
// it in `require`'s module cache, where every later `require` of it finds it, ts-morph's own.
//
// Parsing and resolving need only that TypeScript (ts-morph's `ts`), not the rest of ts-morph:
// ts-morph and @ts-morph/common are another 4 MB, most of it the library's declaration files as
// strings, and loading them would double what a parse thread spends before its first parse. So
// `ts` is TypeScript alone, and ts-morph is loaded when `Project` is first asked for (`blast verify`).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as TsMorph from 'ts-morph';
import { keptCodeName, readKept, runModule, writeKept, type KeptCode } from './kept-code.js';

/** The kept code's file in the cache folder: a SHA-1 of the rest, then each module's code by its file's name (see `keptCodeName`). */
export const COMPILER_CODE_FILE = 'compiler-code.bin';

let folder: string | undefined;

/** Keeps the compiler's code in `dir` (the graph cache's folder) from now on; undefined: not kept. */
export function keepCompilerCode(dir: string | undefined): void {
  folder = dir;
}

/** Where the compiler's code is kept, to hand to the parse threads. */
export function compilerCodeFolder(): string | undefined {
  return folder;
}

/** How the compiler was loaded: from the kept code, compiled anew and kept, or by `require` (no folder, or loaded before). */
export type CompilerLoad = 'kept' | 'compiled' | 'not here';

const local = createRequire(import.meta.url);
let loaded: { ts: typeof TsMorph.ts; how: CompilerLoad } | undefined;

/**
 * ts-morph's `ts`, loaded alone: from the kept code if a folder keeps it, and the code kept when
 * there was none or V8 refused it (another Node, other flags, another version). Without a
 * folder, or when the file cannot be read or run from kept code, `require` loads the same file;
 * only a ts-morph laid out otherwise (no `typescript.js` beside @ts-morph/common) leaves the
 * load to ts-morph itself.
 */
export function loadTypeScript(): { ts: typeof TsMorph.ts; how: CompilerLoad } {
  loaded ??= load();
  return loaded;
}

/**
 * ts-morph, whose `ts` is the one `loadTypeScript` loaded. Throws if it is not (a ts-morph laid
 * out otherwise than `typescriptFile` expects): a `Project` on another compiler than the graph's
 * would number its syntax kinds otherwise, and answer wrongly without a word.
 */
export function loadTsMorph(): typeof TsMorph {
  const { ts } = loadTypeScript();
  const tsMorph = local('ts-morph') as typeof TsMorph;
  if (tsMorph.ts.createSourceFile !== ts.createSourceFile) throw new Error(`ts-morph ${tsMorph.ts.version} loads another TypeScript than the one blast loaded (${ts.version})`);
  return tsMorph;
}

function load(): { ts: typeof TsMorph.ts; how: CompilerLoad } {
  const file = typescriptFile();
  if (file === undefined) return { ts: (local('ts-morph') as typeof TsMorph).ts, how: 'not here' };
  if (folder === undefined || local.cache[file]) return { ts: local(file) as typeof TsMorph.ts, how: 'not here' };
  try {
    const stored = join(folder, COMPILER_CODE_FILE);
    const kept = readKept(stored);
    const name = keptCodeName(file);
    const { module, script, fromKept } = runModule(file, kept?.get(name)?.code);
    if (fromKept) {
      // Code kept for other files (an earlier version of blast kept ts-morph's too) is read and
      // checked by every thread that loads: it goes, once.
      if (kept!.size > 1) writeKept(stored, () => new Map([[name, kept!.get(name)!]]));
      return { ts: module.exports as typeof TsMorph.ts, how: 'kept' };
    }
    writeKept(stored, () => new Map<string, KeptCode>([[name, { code: script.createCachedData() }]]));
    return { ts: module.exports as typeof TsMorph.ts, how: 'compiled' };
  } catch {
    delete local.cache[file];
    return { ts: local(file) as typeof TsMorph.ts, how: 'not here' };
  }
}

/** The file of ts-morph's TypeScript: @ts-morph/common loads it as `./typescript`. */
function typescriptFile(): string | undefined {
  try {
    const common = createRequire(local.resolve('ts-morph')).resolve('@ts-morph/common');
    const file = join(dirname(common), 'typescript.js');
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}
