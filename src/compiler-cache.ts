// The compiler's code, kept between runs. Loading TypeScript (9 MB of JavaScript) costs each
// thread that parses or resolves about 0.3 s with ts-morph, most of it V8 compiling the source;
// started from the code V8 compiled in an earlier run, it takes about a third of that. Node 20
// keeps no such cache for modules, so the CLI keeps one beside the graph cache: before the
// compiler is first required, `primeCompiler` compiles ts-morph and its TypeScript from the kept
// code and puts them in `require`'s module cache, where every later `require` finds them.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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

/**
 * Loads ts-morph and the TypeScript it carries from the kept code, if a folder keeps it, and keeps the code when there was none or V8 refused some of
 * it (another Node, other flags, another version). Anything unexpected (ts-morph laid out
 * otherwise, a file that cannot be read) leaves the load to `require`. Returns how the modules
 * were loaded: from the kept code, compiled anew, or not here.
 */
export function primeCompiler(): 'kept' | 'compiled' | 'not here' {
  if (folder === undefined) return 'not here';
  try {
    const local = createRequire(import.meta.url);
    const tsMorph = local.resolve('ts-morph');
    const common = createRequire(tsMorph).resolve('@ts-morph/common');
    // ts-morph loads @ts-morph/common, which loads its TypeScript as `./typescript`.
    // @ts-morph/common itself is loaded as usual: most of it is the library's declaration files
    // as strings, which a code cache holds too, and reading them from it is no faster.
    const chain = [join(dirname(common), 'typescript.js'), tsMorph];
    if (!chain.every((file) => existsSync(file)) || [...chain, common].some((file) => local.cache[file])) return 'not here';
    const stored = join(folder, COMPILER_CODE_FILE);
    const kept = readKept(stored);
    const codes = new Map<string, KeptCode>();
    let refused = false;
    for (const file of chain) {
      const name = keptCodeName(file);
      const { script, fromKept } = runModule(file, kept?.get(name)?.code);
      refused ||= !fromKept;
      codes.set(name, fromKept ? kept!.get(name)! : { code: script.createCachedData() });
    }
    if (!refused) return 'kept';
    writeKept(stored, () => codes);
    return 'compiled';
  } catch {
    return 'not here';
  }
}
