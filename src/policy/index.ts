// The policy stage (DESIGN §6): load and validate the YAML policy, its defaults, the rules, the
// score and the verdict.
//
// - `parsePolicy(text, file)`: policy text to a frozen, fully defaulted `Policy`; throws one
//   `ConfigError` carrying every problem with its line and column (`formatConfigIssues` prints them).
// - `defaultPolicy`: the built-in policy when the repository has none.
// - `evaluatePolicy(policy, input)`: findings, score, risk and verdict of a change.
// - `policyJsonSchema()`: the JSON Schema of the policy file, generated from the same zod schema.
// - `generateStarterPolicy(facts)`: the commented `.blast.yml` that `blast init` writes.

export { defaultPolicy } from './defaults.js';
export { evaluatePolicy } from './evaluate.js';
export { looksLikeSymbolId } from './glob-check.js';
export { applyIgnore, ignoreInput, symbolPath, type IgnorableLists } from './ignore.js';
export type { Evaluation, PolicyInput } from './input.js';
export { POLICY_JSON_SCHEMA_PATH, policyJsonSchema, renderPolicyJsonSchema } from './json-schema.js';
export { isLiftedByApproval } from './overrides.js';
export { formatConfigIssues, parsePolicy } from './parse-policy.js';
export {
  DEFAULT_TEST_GLOBS,
  THRESHOLD_KEYS,
  policySchema,
  type Limits,
  type Policy,
  type PolicyApprover,
  type PolicyFile,
  type PolicyThresholds,
  type PolicyTrigger,
  type PolicyZone,
  type ThresholdKey,
} from './schema.js';
export { SCORE_VERSION, computeScore, riskOf } from './score.js';
export { generateStarterPolicy, type RepositoryFacts, type StarterChoices, type StarterPolicy } from './starter-policy.js';
export { effectiveLimit, figuresOf, thresholdFindings, type Figures } from './threshold-rule.js';
export { exitsNonZero, sortFindings, verdictOf } from './verdict.js';
