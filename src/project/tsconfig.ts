import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { ts } from 'ts-morph';
import { ProjectError } from '../errors.js';

/** A tsconfig (or jsconfig) and the compiler options that govern the files below it. */
export interface TsconfigInfo {
  /** Repo-relative path of the config file, or null for the built-in defaults. */
  path: string | null;
  /** Repo-relative directory it governs ('' for the root). */
  dir: string;
  options: ts.CompilerOptions;
  /** Hash of the effective options: resolutions are cached under it. */
  hash: string;
  /** Problems that leave the config usable (an `extends` target that is not installed). */
  warnings: string[];
}

export interface TsconfigSource {
  /** Absolute repository root; configs are parsed as if the tree were there. */
  root: string;
  /** Text of a repo-relative file on the analysed side, or undefined. */
  readText(path: string): string | undefined;
}

/**
 * Options blast resolves with whatever the project says: JavaScript and JSON are part of the
 * dependency graph even where the compiler would skip them.
 */
const analysisOverrides: ts.CompilerOptions = { allowJs: true, resolveJsonModule: true };

export const defaultCompilerOptions: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.Preserve,
  ...analysisOverrides,
};

export function defaultTsconfig(): TsconfigInfo {
  return { path: null, dir: '', options: defaultCompilerOptions, hash: hashOptions(defaultCompilerOptions), warnings: [] };
}

/**
 * Reads one config with TypeScript's own parser, `extends` included (from the analysed tree,
 * or from node_modules on disk for shared configs such as `@tsconfig/node20`). Options that
 * TypeScript 6 deprecates (`baseUrl`, `moduleResolution: node`) are read as they are: blast
 * resolves modules with them but never type-checks, so they need no `ignoreDeprecations`.
 */
export function readTsconfig(configPath: string, source: TsconfigSource): TsconfigInfo {
  const absolute = posix.join(source.root, configPath);
  const readFile = (file: string): string | undefined => {
    const relative = posix.relative(source.root, file);
    if (!relative.startsWith('..') && !relative.includes('node_modules/')) return source.readText(relative);
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  const text = readFile(absolute);
  if (text === undefined) throw new ProjectError(`cannot read '${configPath}'`);
  const json = ts.parseConfigFileTextToJson(absolute, text);
  if (json.error) throw new ProjectError(formatDiagnostic(json.error, configPath));
  const host: ts.ParseConfigHost = {
    useCaseSensitiveFileNames: true,
    // blast lists the files itself; TypeScript's include/exclude are not needed to resolve.
    readDirectory: () => [],
    fileExists: (file) => readFile(file) !== undefined,
    readFile,
  };
  const parsed = ts.parseJsonConfigFileContent(json.config, host, posix.dirname(absolute), undefined, absolute);
  // A shared base config that is not installed (no node_modules yet, as in a fresh CI clone)
  // loses its options, not the analysis: the config's own options still hold.
  const warnings = parsed.errors.filter(isMissingExtends).map((diagnostic) => `${formatDiagnostic(diagnostic, configPath)}; its own options are used without it`);
  const options = { ...parsed.options, ...analysisOverrides };
  const dir = posix.dirname(configPath);
  return { path: configPath, dir: dir === '.' ? '' : dir, options, hash: hashOptions(options), warnings };
}

/** TypeScript's codes for an `extends` it cannot find or read; the rest is advice blast does not need. */
function isMissingExtends(diagnostic: ts.Diagnostic): boolean {
  return diagnostic.code === 6053 || diagnostic.code === 5083 || diagnostic.code === 18001;
}

function formatDiagnostic(diagnostic: ts.Diagnostic, configPath: string): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n').split('\n')[0] ?? '';
  if (diagnostic.file && diagnostic.start !== undefined) {
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${configPath}:${line + 1}:${character + 1}: ${lowerFirst(message)}`;
  }
  return `${configPath}: ${lowerFirst(message)}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');
}

function hashOptions(options: ts.CompilerOptions): string {
  const stable = JSON.stringify(options, Object.keys(options).sort());
  return createHash('sha1').update(stable).digest('hex').slice(0, 16);
}
