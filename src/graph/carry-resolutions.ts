import { posix } from 'node:path';
import type { Resolution } from '../types.js';

/**
 * Resolutions of an earlier state of the project (the same tsconfigs and manifests, another
 * file list) that still hold now: a file added or removed changes only the resolutions that
 * could name it. One that led to a removed file is dropped; so is one whose specifier ends in
 * a name an added file answers to (`./user` for `user.ts`, `./store` for `store/index.ts`):
 * a resolver may now prefer the new file. The rest are kept, so a commit that adds a file does
 * not resolve the whole repository again.
 *
 * @param keyed `file\0specifier` -> resolution, as the cache keeps them.
 */
export function carryResolutions(keyed: ReadonlyMap<string, Resolution>, before: readonly string[], now: ReadonlySet<string>): Map<string, Resolution> {
  const earlier = new Set(before);
  const removed = new Set(before.filter((path) => !now.has(path)));
  const answeredNames = new Set<string>();
  for (const path of now) {
    if (earlier.has(path)) continue;
    for (const name of namesOf(posix.basename(path))) answeredNames.add(name);
    // `./store` may now mean `store/index.ts`.
    if (/^index\.[^/]+$/.test(posix.basename(path))) answeredNames.add(posix.basename(posix.dirname(path)));
  }
  const kept = new Map<string, Resolution>();
  for (const [key, resolution] of keyed) {
    if ('path' in resolution && removed.has(resolution.path)) continue;
    const specifier = key.slice(key.indexOf('\u0000') + 1);
    const last = specifier.slice(specifier.lastIndexOf('/') + 1);
    if (namesOf(last).some((name) => answeredNames.has(name))) continue;
    kept.set(key, resolution);
  }
  return kept;
}

/** The names a file or specifier segment answers to: itself, without its extension, without `.d.ts`. */
function namesOf(segment: string): string[] {
  const names = [segment];
  const declaration = /\.d\.[cm]?ts$/.exec(segment);
  if (declaration) names.push(segment.slice(0, declaration.index));
  const dot = segment.lastIndexOf('.');
  if (dot > 0) names.push(segment.slice(0, dot));
  return names;
}
