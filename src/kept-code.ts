// Code V8 compiled in an earlier run, kept in a file. Node 20 keeps no code cache for modules:
// every run of blast would compile its own bundle and, when it parses, the compiler's 9 MB again.
// A CommonJS file run through `vm.Script` with the code an earlier run kept skips that work.
import { hash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { constants, Script } from 'node:vm';

/** One module's kept code, and what the run that made it did (the caller's word; see `launch`). */
export interface KeptCode {
  code: Buffer;
  note?: string;
}

/**
 * The name a module's code is kept under: its path, size, modification and change times and
 * inode. V8 checks kept code against the source's length, not its content, so an edited or
 * reinstalled file (a patch release of the same length) must be compiled anew: installers set
 * the modification time of every file alike (npm's is 1985), but a file written anew gets a
 * change time, and usually an inode, of its own.
 */
export function keptCodeName(file: string): string {
  const { size, mtimeMs, ctimeMs, ino } = statSync(file);
  return `${file}\u0000${size}\u0000${mtimeMs}\u0000${ctimeMs}\u0000${ino}`;
}

/** The file a name of `keptCodeName` is of. */
export function keptCodeFile(name: string): string {
  return name.slice(0, name.indexOf('\u0000'));
}

/** A CommonJS module run from kept code when V8 took it; `script` makes the code to keep. */
export interface LoadedModule {
  module: Module;
  script: Script;
  /** Whether the kept code was used (false: compiled anew, none given or V8 refused it). */
  fromKept: boolean;
}

/**
 * Compiles and runs `file` as a CommonJS module, from `code` when given, and puts it in
 * `require`'s module cache, where every later `require` of it finds it.
 */
export function runModule(file: string, code: Buffer | undefined): LoadedModule {
  // Decoded from a buffer: `readFileSync(file, 'utf8')` decodes in V8, twice as slow on TypeScript's 9 MB.
  const script = new Script(Module.wrap(readFileSync(file).toString('utf8')), {
    filename: file,
    ...(code ? { cachedData: code } : {}),
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const loaded = new Module(file);
  loaded.filename = file;
  createRequire(file).cache[file] = loaded;
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(loaded.exports, loaded.exports, createRequire(file), loaded, file, dirname(file));
  loaded.loaded = true;
  return { module: loaded, script, fromKept: code !== undefined && !script.cachedDataRejected };
}

/** The kept code by module name; none when the file is missing, of another shape, or fails its checksum. */
export function readKept(file: string): Map<string, KeptCode> | undefined {
  try {
    const stored = readFileSync(file);
    const body = stored.subarray(20);
    if (!stored.subarray(0, 20).equals(hash('sha1', body, 'buffer'))) return undefined;
    const kept: unknown = deserialize(body);
    if (!(kept instanceof Map)) return undefined;
    const codes = new Map<string, KeptCode>();
    for (const [name, value] of kept) {
      const { code, note } = (value ?? {}) as { code?: unknown; note?: unknown };
      if (typeof name === 'string' && code instanceof Uint8Array) codes.set(name, { code: Buffer.from(code), ...(typeof note === 'string' ? { note } : {}) });
    }
    return codes;
  } catch {
    return undefined;
  }
}

/**
 * Through a temporary file and a rename, so a reader never sees half of it. Never throws: a
 * folder that cannot be written (a home of `/dev/null`, a file in the way) only costs the next
 * run the compile.
 */
export function writeKept(file: string, codes: () => ReadonlyMap<string, KeptCode>): void {
  const temporary = `${file}.${randomBytes(8).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const body = serialize(codes());
    writeFileSync(temporary, Buffer.concat([hash('sha1', body, 'buffer'), body]));
    renameSync(temporary, file);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // nothing was written there
    }
  }
}
