import { deepFreeze } from './deep-freeze.js';
import { policySchema, type Policy } from './schema.js';

/**
 * The built-in policy, used when the repository has no `.blast.yml`: enforce, fail on a missing
 * base, the default test globs, warn above 25 files or 2 packages, fail above 150 files or a
 * score of 500, no zones, no bound on depth. Also the value every omitted key of a policy file
 * takes (thresholds per level: a given `warn` map replaces the default `warn` map).
 */
export const defaultPolicy: Policy = deepFreeze(policySchema.parse({ version: 1 }));
