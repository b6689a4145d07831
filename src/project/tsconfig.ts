import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { ts } from 'ts-morph';
import { ProjectError } from '../errors.js';

/** A tsconfig (or jsconfig) and the compiler options that govern the files it takes in. */
export interface TsconfigInfo {
  /** Repo-relative path of the config file, or null for the built-in defaults. */
  path: string | null;
  /** Repo-relative directory of the config ('' for the root). */
  dir: string;
  options: ts.CompilerOptions;
  /** Hash of the effective options: resolutions are cached under it. */
  hash: string;
  /** Repo-relative files its `files`, `include` and `exclude` take in (inherited ones included). */
  files: ReadonlySet<string>;
  /** Repo-relative paths of the configs it lists under `references`. */
  references: string[];
  /** Problems that leave the config usable (an `extends` target that is not installed). */
  warnings: string[];
}

export interface TsconfigSource {
  /** Absolute repository root; configs are parsed as if the tree were there. */
  root: string;
  /** Every repo-relative path of the analysed side. */
  paths: readonly string[];
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
  return { path: null, dir: '', options: defaultCompilerOptions, hash: hashOptions(defaultCompilerOptions), files: new Set(), references: [], warnings: [] };
}

/**
 * Reads one config with TypeScript's own parser, `extends` (a path, a package, or a list of
 * them) and `references` included, through `host` (see config-host.ts). Options that
 * TypeScript 6 deprecates or removes (`baseUrl`, `moduleResolution: node`,
 * `importsNotUsedAsValues`) are read as they are: blast resolves modules with them but never
 * type-checks, so they need no `ignoreDeprecations`.
 * `extended` keeps the configs extended, read once for all the configs of a layout (a monorepo's
 * hundred packages extend one base).
 * Errors: ProjectError for a config, or a config it extends, that is not valid JSON.
 */
export function readTsconfig(configPath: string, source: TsconfigSource, host: ts.ParseConfigHost, extended?: Map<string, ts.ExtendedConfigCacheEntry>): TsconfigInfo {
  const absolute = posix.join(source.root, configPath);
  const text = source.readText(configPath);
  if (text === undefined) throw new ProjectError(`cannot read '${configPath}'`);
  const json = ts.parseConfigFileTextToJson(absolute, text);
  if (json.error) throw new ProjectError(formatDiagnostic(json.error, configPath, source.root));
  // `allowJs` beforehand so that `include` takes in JavaScript files too, unless the config says no.
  const parsed = ts.parseJsonConfigFileContent(json.config, host, posix.dirname(absolute), { allowJs: true }, absolute, undefined, undefined, extended);
  const syntaxError = parsed.errors.find(isSyntaxError);
  if (syntaxError) throw new ProjectError(formatDiagnostic(syntaxError, configPath, source.root));
  // A shared base config that is not installed (no node_modules yet, as in a fresh CI clone)
  // loses its options, not the analysis: the config's own options still hold.
  const warnings = parsed.errors.filter(isMissingExtends).map((diagnostic) => `${formatDiagnostic(diagnostic, configPath, source.root)}; its own options are used without it`);
  const options = { ...parsed.options, ...analysisOverrides };
  const toRelative = (file: string) => posix.relative(source.root, file);
  const files = new Set(parsed.fileNames.map(toRelative).filter((file) => !file.startsWith('..')));
  const references = (parsed.projectReferences ?? []).map((reference) => toRelative(ts.resolveProjectReferencePath(reference))).filter((file) => !file.startsWith('..'));
  const dir = posix.dirname(configPath);
  return { path: configPath, dir: dir === '.' ? '' : dir, options, hash: hashOptions(options), files, references, warnings };
}

/** A base config that is not JSON: as fatal as the config itself not being JSON. */
function isSyntaxError(diagnostic: ts.Diagnostic): boolean {
  return diagnostic.file !== undefined && diagnostic.category === ts.DiagnosticCategory.Error && diagnostic.code >= 1000 && diagnostic.code < 2000;
}

/** TypeScript's codes for an `extends` it cannot find or read; the rest is advice blast does not need. */
function isMissingExtends(diagnostic: ts.Diagnostic): boolean {
  return diagnostic.code === 6053 || diagnostic.code === 5083 || diagnostic.code === 18001;
}

/** `file:line:col: message`, where the file is the one the diagnostic is in (a base config, maybe). */
function formatDiagnostic(diagnostic: ts.Diagnostic, configPath: string, root: string): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n').split('\n')[0] ?? '';
  if (diagnostic.file && diagnostic.start !== undefined) {
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const file = posix.relative(root, diagnostic.file.fileName);
    return `${file.startsWith('..') ? diagnostic.file.fileName : file}:${line + 1}:${character + 1}: ${lowerFirst(message)}`;
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
