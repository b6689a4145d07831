// package.json dependency changes as changed inputs (DESIGN §2 Non-code inputs): a dependency
// bumped, added, removed or moved between sections reaches the code that imports it, in the
// files that manifest governs.
import type { InputMatcher } from './input-users.js';

const DEPENDENCY_SECTIONS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

export interface DependencyChange {
  /** Repo-relative path of the manifest. */
  manifest: string;
  /** The package's name. */
  name: string;
  /** `<manifest>#<section>.<name>`: the first section, in the order above, where it changed. */
  via: string;
}

/**
 * The dependencies a manifest's change touches: each name whose entry differs, in any of the four
 * sections, between the two texts (absent text: no dependencies). Other fields (scripts, version)
 * change no dependency. A manifest that does not parse on a side has no dependencies there.
 */
export function changedDependencies(manifest: string, before: string | undefined, after: string | undefined): DependencyChange[] {
  const [old, current] = [dependencySections(before), dependencySections(after)];
  const changes = new Map<string, DependencyChange>();
  for (const section of DEPENDENCY_SECTIONS) {
    const names = new Set([...Object.keys(old[section]), ...Object.keys(current[section])]);
    for (const name of [...names].sort()) {
      if (changes.has(name) || old[section][name] === current[section][name]) continue;
      changes.set(name, { manifest, name, via: `${manifest}#${section}.${name}` });
    }
  }
  return [...changes.values()];
}

type Sections = Record<(typeof DEPENDENCY_SECTIONS)[number], Record<string, string>>;

function dependencySections(text: string | undefined): Sections {
  let manifest: unknown;
  try {
    manifest = text === undefined ? undefined : JSON.parse(text);
  } catch {
    manifest = undefined;
  }
  const read = (section: string): Record<string, string> => {
    const value: unknown = typeof manifest === 'object' && manifest !== null ? (manifest as Record<string, unknown>)[section] : undefined;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).map(([name, version]) => [name, JSON.stringify(version)]));
  };
  return { dependencies: read('dependencies'), devDependencies: read('devDependencies'), peerDependencies: read('peerDependencies'), optionalDependencies: read('optionalDependencies') };
}

/**
 * The package a bare specifier imports (`lodash/fp` -> `lodash`, `@scope/pkg/sub` ->
 * `@scope/pkg`); undefined for relative paths, `node:` built-ins and `#` subpath imports.
 */
function packageOfSpecifier(specifier: string): string | undefined {
  if (specifier === '' || /^[./#~]/.test(specifier) || /^[a-z][a-z0-9+.-]*:/i.test(specifier)) return undefined;
  const parts = specifier.split('/');
  if (specifier.startsWith('@')) return parts.length >= 2 && parts[1] !== '' ? `${parts[0]}/${parts[1]}` : undefined;
  return parts[0];
}

/** `@types/react` types `react`, `@types/scope__pkg` types `@scope/pkg`. */
function typedPackage(name: string): string | undefined {
  if (!name.startsWith('@types/')) return undefined;
  const typed = name.slice('@types/'.length);
  return typed.includes('__') ? `@${typed.replace('__', '/')}` : typed;
}

/**
 * Which import of which file a dependency change reaches: an import of the package (or of the
 * package an `@types/` dependency types) in a file under the manifest's folder and not inside a
 * nested package (`manifests`: every package.json of head, and the changed ones).
 */
export function dependencyMatcher(changes: readonly DependencyChange[], manifests: readonly string[]): InputMatcher {
  if (changes.length === 0) return () => undefined;
  const dirs = [...new Set([...manifests, ...changes.map((change) => change.manifest)].map(dirOf))].sort((a, b) => b.length - a.length);
  const byManifestAndPackage = new Map<string, string>();
  for (const change of changes) {
    for (const name of [change.name, typedPackage(change.name)]) {
      const key = `${change.manifest}\u0000${name}`;
      if (name !== undefined && !byManifestAndPackage.has(key)) byManifestAndPackage.set(key, change.via);
    }
  }
  const governing = new Map<string, string>();
  const manifestOf = (file: string): string => {
    const known = governing.get(file);
    if (known !== undefined) return known;
    const dir = dirs.find((candidate) => candidate === '' || file.startsWith(`${candidate}/`)) ?? '';
    const manifest = dir === '' ? 'package.json' : `${dir}/package.json`;
    governing.set(file, manifest);
    return manifest;
  };
  return (file, specifier) => {
    const name = packageOfSpecifier(specifier);
    return name === undefined ? undefined : byManifestAndPackage.get(`${manifestOf(file)}\u0000${name}`);
  };
}

function dirOf(manifest: string): string {
  return manifest === 'package.json' ? '' : manifest.slice(0, -'/package.json'.length);
}
