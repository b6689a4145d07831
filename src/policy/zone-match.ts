import { compileGlobs, type PathMatcher } from '../glob.js';
import type { Policy, PolicyZone } from './schema.js';

/** A zone with its compiled globs. */
export interface CompiledZone {
  zone: PolicyZone;
  contains: PathMatcher;
}

/** The zones of `policy`, in policy order, ready to match paths. */
export function compileZones(policy: Pick<Policy, 'zones'>): CompiledZone[] {
  return policy.zones.map((zone) => ({ zone, contains: compileGlobs(zone.paths) }));
}
