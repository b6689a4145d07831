// The compiler's code, kept between runs. Loading TypeScript (9 MB of JavaScript) costs each
// thread that parses or resolves about 0.3 s with ts-morph, most of it V8 compiling the source;
// started from the code V8 compiled in an earlier run, it takes about a third of that. Node 20
// keeps no such cache for modules, so the CLI keeps one beside the graph cache: before the
// compiler is first required, `primeCompiler` compiles ts-morph and its TypeScript from the kept
// code and puts them in `require`'s module cache, where every later `require` finds them.
import { hash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { constants, Script } from 'node:vm';

/** The kept code's file in the cache folder: a SHA-1 of the rest, then each module's code by its file's path, size and time (see `readKept`). */
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
    // ts-morph loads @ts-morph/common, which loads its TypeScript as `./typescript`. The latter
    // is loaded as usual: most of it is the library's declaration files as strings, which a
    // code cache holds too, and reading them from it is no faster.
    const chain = [join(dirname(common), 'typescript.js'), tsMorph];
    if (!chain.every((file) => existsSync(file)) || [...chain, common].some((file) => local.cache[file])) return 'not here';
    const stored = join(folder, COMPILER_CODE_FILE);
    const kept = readKept(stored);
    const codes = new Map<string, Buffer>();
    let refused = false;
    for (const file of chain) {
      // V8 checks kept code against the source's length, not its content: the code is kept
      // under the file's path, size and modification time, so an edited or reinstalled file
      // (a patch release of the same length) is compiled anew.
      const { size, mtimeMs } = statSync(file);
      const name = `${file}\u0000${size}\u0000${mtimeMs}`;
      const code = kept?.get(name);
      const script = new Script(Module.wrap(readFileSync(file, 'utf8')), {
        filename: file,
        ...(code ? { cachedData: code } : {}),
        importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
      });
      const loaded = new Module(file);
      loaded.filename = file;
      (script.runInThisContext() as (...args: unknown[]) => void).call(loaded.exports, loaded.exports, createRequire(file), loaded, file, dirname(file));
      loaded.loaded = true;
      local.cache[file] = loaded;
      const usable = code !== undefined && !script.cachedDataRejected;
      refused ||= !usable;
      codes.set(name, usable ? code : script.createCachedData());
    }
    if (!refused) return 'kept';
    writeKept(stored, codes);
    return 'compiled';
  } catch {
    return 'not here';
  }
}

/** The kept code by module; none when the file is missing, of another shape, or fails its checksum. */
function readKept(file: string): Map<string, Buffer> | undefined {
  try {
    const stored = readFileSync(file);
    const body = stored.subarray(20);
    if (!stored.subarray(0, 20).equals(hash('sha1', body, 'buffer'))) return undefined;
    const codes: unknown = deserialize(body);
    return codes instanceof Map ? new Map([...codes].filter(([name, code]) => typeof name === 'string' && code instanceof Uint8Array).map(([name, code]) => [name, Buffer.from(code)])) : undefined;
  } catch {
    return undefined;
  }
}

/** Through a temporary file and a rename, so a reader never sees half of it; a failure only costs the next run the compile. */
function writeKept(file: string, codes: ReadonlyMap<string, Buffer>): void {
  const temporary = `${file}.${randomBytes(8).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const body = serialize(codes);
    writeFileSync(temporary, Buffer.concat([hash('sha1', body, 'buffer'), body]));
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true });
  }
}
