// Workspace packages by name, and where their source is: in a monorepo, `import { x } from
// '@acme/core'` means the repository's own packages/core, whether or not node_modules exists
// (blast reads git objects, and a fresh clone has none).
import { posix } from 'node:path';
import { findWorkspaces } from './workspaces.js';

export interface WorkspacePackage {
  name: string;
  /** Repo-relative directory. */
  dir: string;
  /** The parsed package.json (only the fields blast reads). */
  manifest: PackageManifest;
}

export interface PackageManifest {
  name?: string;
  source?: string;
  main?: string;
  module?: string;
  types?: string;
  typings?: string;
  exports?: unknown;
  bin?: string | Record<string, string>;
}

/** The workspace packages of one side, from the root manifest (or pnpm-workspace.yaml) and each package's. */
export function workspacePackages(paths: readonly string[], readText: (path: string) => string | undefined): WorkspacePackage[] {
  const layout = findWorkspaces({ packageJson: readText('package.json'), pnpmWorkspace: readText('pnpm-workspace.yaml'), paths });
  if (!layout) return [];
  return layout.dirs.flatMap((dir) => {
    const manifest = parseManifest(readText(`${dir}/package.json`));
    return manifest?.name ? [{ name: manifest.name, dir, manifest }] : [];
  });
}

export function parseManifest(text: string | undefined): PackageManifest | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as PackageManifest) : undefined;
  } catch {
    return undefined;
  }
}

const sourceExtensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/**
 * The repository file a workspace import stands for: `name` -> the package's entry,
 * `name/sub` -> its subpath export (patterns included) or folder. `conditions` are the
 * tsconfig's `customConditions`: an export under one of them (`development` -> `./src/index.ts`)
 * is taken before the usual ones. Built outputs (`dist/`, `lib/`, `build/`, `out/`, `.js`,
 * `.d.ts`) named by the manifest are mapped back to the source that produces them.
 */
export function resolveWorkspaceImport(specifier: string, packages: readonly WorkspacePackage[], exists: (path: string) => boolean, conditions: readonly string[] = []): string | undefined {
  const owner = packages.find((candidate) => specifier === candidate.name || specifier.startsWith(`${candidate.name}/`));
  if (!owner) return undefined;
  const subpath = specifier === owner.name ? '.' : `./${specifier.slice(owner.name.length + 1)}`;
  const exported = exportTarget(owner.manifest.exports, subpath, conditions);
  const declared = subpath === '.' ? [owner.manifest.source, exported, owner.manifest.types, owner.manifest.typings, owner.manifest.module, owner.manifest.main] : [exported];
  const candidates = [...declared.filter((entry): entry is string => typeof entry === 'string'), subpath === '.' ? 'src/index' : `src/${subpath.slice(2)}`, subpath === '.' ? 'index' : subpath.slice(2)];
  for (const candidate of candidates) {
    const found = findSource(posix.normalize(posix.join(owner.dir, candidate)), exists);
    if (found) return found;
  }
  return undefined;
}

/** `exports` as a string, a subpath map (with `*` patterns), or nested conditions: the first usable target. */
function exportTarget(exports: unknown, subpath: string, conditions: readonly string[]): string | undefined {
  if (typeof exports === 'string') return subpath === '.' ? exports : undefined;
  if (typeof exports !== 'object' || exports === null) return undefined;
  const map = exports as Record<string, unknown>;
  const keys = Object.keys(map);
  if (!keys.some((key) => key.startsWith('.'))) return subpath === '.' ? firstCondition(map, conditions) : undefined;
  if (subpath in map) return firstCondition(map[subpath], conditions);
  // The longest pattern prefix wins, as in Node.
  for (const key of keys.filter((candidate) => candidate.includes('*')).sort((a, b) => b.indexOf('*') - a.indexOf('*'))) {
    const star = key.indexOf('*');
    const [prefix, suffix] = [key.slice(0, star), key.slice(star + 1)];
    if (subpath.length < key.length - 1 || !subpath.startsWith(prefix) || !subpath.endsWith(suffix)) continue;
    const target = firstCondition(map[key], conditions);
    if (target !== undefined) return target.replaceAll('*', subpath.slice(prefix.length, subpath.length - suffix.length));
  }
  return undefined;
}

const usualConditions = ['source', 'types', 'import', 'module', 'default', 'require', 'node'];

function firstCondition(entry: unknown, conditions: readonly string[]): string | undefined {
  if (typeof entry === 'string') return entry;
  if (typeof entry !== 'object' || entry === null) return undefined;
  const map = entry as Record<string, unknown>;
  // The project's own conditions in the manifest's order, as a resolver matches them; then the usual ones.
  const keys = [...Object.keys(map).filter((key) => conditions.includes(key)), ...usualConditions];
  for (const key of keys) {
    const found = firstCondition(map[key], conditions);
    if (found) return found;
  }
  return undefined;
}

/** Folders packages build into. */
const BUILT_FOLDER = /(^|\/)(dist|distribution|lib|build|out|esm|cjs)\//;

/** Of those, the folders that hold only what a build wrote, in subfolders of its own at times (`lib/` is often source). */
const OUTPUT_FOLDERS = new Set(['dist', 'distribution', 'build', 'out']);
const IN_OUTPUT_FOLDER = new RegExp(`(^|/)(${[...OUTPUT_FOLDERS].join('|')})/`);

/**
 * Where the source of a built path may be, first found wins: `dist/index.js` is built from
 * `src/index.ts`, `distribution/index.js` (as some packages name it) from `source/index.ts`.
 * Under a build's output folder the build's own subfolders may go too, outermost first:
 * `dist/prod/index.js` from `src/index.ts`, `dist/types/core/src/index.d.ts` from `src/index.ts`.
 */
export function sourceCandidates(path: string): string[] {
  const match = BUILT_FOLDER.exec(path);
  if (!match) return [];
  const head = path.slice(0, match.index + match[1]!.length);
  const rest = path.slice(match.index + match[0].length);
  const segments = rest.split('/');
  const suffixes = OUTPUT_FOLDERS.has(match[2]!) ? segments.map((_, index) => segments.slice(index).join('/')).filter((suffix) => suffix !== '') : [rest];
  return suffixes.flatMap((suffix) => ['src', 'source'].map((folder) => `${head}${folder}/${suffix}`));
}

/** The source file a manifest's path stands for: itself when it is source, else what builds it. */
export function findSource(path: string, exists: (path: string) => boolean): string | undefined {
  const isBuilt = /\.d\.(m|c)?ts$/.test(path) || IN_OUTPUT_FOLDER.test(path);
  if (!isBuilt && /\.(m|c)?(j|t)sx?$/.test(path) && exists(path)) return path;
  const stem = path.replace(/\.d\.(m|c)?ts$/, '').replace(/\.(m|c)?(j|t)sx?$/, '');
  // The source first, then the stem as named.
  for (const base of [...sourceCandidates(stem), stem]) {
    for (const extension of sourceExtensions) if (exists(`${base}${extension}`)) return `${base}${extension}`;
    for (const extension of sourceExtensions) if (exists(`${base}/index${extension}`)) return `${base}/index${extension}`;
  }
  return undefined;
}
