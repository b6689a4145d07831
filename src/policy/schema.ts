// The one schema of the policy (DESIGN §6). It gives the type of the file as written
// (`PolicyFile`), the type of the normalised policy (`Policy`, every default applied), the
// structural validation and, through `z.toJSONSchema`, `schema/policy.schema.json`.
//
// Every schema passes an `expecting(…)` error so that zod's issue messages already read
// "must be <what was expected>, got <what was found>"; parse-policy.ts prefixes the key path.
// Cross-field checks (duplicate zone names, warn above fail, globs, regexes) are in
// semantic-rules.ts, so that they run even when another part of the file is invalid.
// zod's names one by one, not its `z` object: that object holds all of zod, every locale's
// messages included, and the bundle would carry (and Node compile, on every run) 575 KB more.
import * as z from 'zod';
import { describeValue, quoteList } from './messages.js';

/** The figures a threshold can limit, in the order messages and the JSON Schema list them. */
export const THRESHOLD_KEYS = ['files', 'symbols', 'packages', 'depth', 'entryPoints', 'score'] as const;
/** A figure a threshold can limit. */
export type ThresholdKey = (typeof THRESHOLD_KEYS)[number];

/** The built-in test globs (`tests` when the policy omits it). */
export const DEFAULT_TEST_GLOBS: readonly string[] = Object.freeze([
  '**/*.test.*',
  '**/*.spec.*',
  '**/__tests__/**',
  'test/**',
  'tests/**',
]);

/** Zone names become rule ids (`zones.<name>`), so they stay simple. */
export const ZONE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** What `approvals.overrides` may name; `protected` is deliberately absent. */
export const OVERRIDE_PATTERN = new RegExp(
  `^(?:thresholds(?:\\.(?:${THRESHOLD_KEYS.join('|')}))?|zones(?:\\.[A-Za-z0-9][A-Za-z0-9._-]*)?|triggers)$`,
);

const EMAIL_PATTERN = /^[^\s@<>]+@[^\s@<>]+$/;
const SSH_KEY_PATTERN = /^(?:ssh-|ecdsa-|sk-)\S+ \S+/;

/** The error option of a schema: "must be <phrase>, got <value>". */
function expecting(phrase: string): { error: (issue: { readonly input?: unknown }) => string } {
  return { error: (issue) => `must be ${phrase}, got ${describeValue(issue.input)}` };
}

function enumOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, expecting(`one of ${quoteList(values)}`));
}

function stringList(itemPhrase: string, listPhrase: string) {
  return z.array(z.string(expecting(itemPhrase)), expecting(listPhrase));
}

function globList() {
  return stringList('a glob', 'a list of globs');
}

/** An optional key whose absence is `null` in the normalised policy, never `undefined`. */
function orNull<T extends z.ZodType>(schema: T) {
  return schema.optional().transform((value) => value ?? null);
}

const severity = enumOf(['info', 'warn', 'error']);

const nonNegativeInteger = expecting('a non-negative integer');
const limit = z.number(nonNegativeInteger).int(nonNegativeInteger).min(0, nonNegativeInteger);

const LIMIT_HELP: Record<ThresholdKey, string> = {
  files: 'Affected files (files holding affected symbols).',
  symbols: 'Affected symbols (dependents of the changed symbols, at any depth).',
  packages: 'Workspace packages holding changed or affected symbols.',
  depth: 'The deepest dependent: 1 is a direct dependent.',
  entryPoints: "Package entry points (symbols exported through `exports`/`main`/`types`/`bin`) reached.",
  score: 'The change score (scoreVersion 1): zone weights of affected symbols, +10 per other package, +25 per entry point.',
};

function limitOf(key: ThresholdKey) {
  return limit.optional().meta({ title: key, description: LIMIT_HELP[key] });
}

/** A `warn` or `fail` map; normalised so that every key is present (`null` = no limit). */
const limits = z
  .strictObject(
    {
      files: limitOf('files'),
      symbols: limitOf('symbols'),
      packages: limitOf('packages'),
      depth: limitOf('depth'),
      entryPoints: limitOf('entryPoints'),
      score: limitOf('score'),
    },
    expecting(`a mapping of limits (${THRESHOLD_KEYS.join(', ')})`),
  )
  .transform(
    (given): Limits => ({
      files: given.files ?? null,
      symbols: given.symbols ?? null,
      packages: given.packages ?? null,
      depth: given.depth ?? null,
      entryPoints: given.entryPoints ?? null,
      score: given.score ?? null,
    }),
  );

/** Limits by figure; `null` means no limit on that figure. */
export type Limits = { readonly [K in ThresholdKey]: number | null };

function thresholds(
  defaults: { warn: Partial<Record<ThresholdKey, number>>; fail: Partial<Record<ThresholdKey, number>> },
  help: { warn: string; fail: string },
) {
  return z.strictObject(
    {
      warn: limits.prefault(defaults.warn).meta({ title: 'warn limits', description: help.warn }),
      fail: limits.prefault(defaults.fail).meta({ title: 'fail limits', description: help.fail }),
    },
    expecting('a mapping with `warn` and `fail` limits'),
  );
}

const zone = z
  .strictObject(
    {
      name: z
        .string(expecting('a zone name'))
        .regex(ZONE_NAME_PATTERN, expecting("a zone name of letters, digits, '.', '_' and '-'"))
        .meta({ title: 'name', description: 'Unique name; findings of this zone have the rule `zones.<name>`.' }),
      paths: stringList('a glob', 'a list of globs')
        .min(1, expecting('a non-empty list of globs'))
        .meta({ title: 'paths', description: 'Globs of the files in the zone, relative to the repository root.' }),
      weight: z
        .number(nonNegativeInteger)
        .int(nonNegativeInteger)
        .min(0, nonNegativeInteger)
        .default(1)
        .meta({
          title: 'weight',
          description: 'Score weight of each affected symbol inside the zone (1 outside zones; the highest applies when zones overlap).',
        }),
      severity: severity.default('warn').meta({
        title: 'severity',
        description: 'Severity of the finding when a changed or an affected symbol is inside the zone.',
      }),
      signoff: z
        .boolean(expecting('true or false'))
        .default(false)
        .meta({ title: 'signoff', description: "An accepted approval lifts this zone's finding." }),
    },
    expecting('a zone mapping (name, paths, weight, severity, signoff)'),
  )
  .meta({ title: 'zone', description: 'A sensitive area of the code base.' });

const trigger = z
  .strictObject(
    {
      paths: stringList('a glob', 'a list of globs')
        .min(1, expecting('a non-empty list of globs'))
        .meta({ title: 'paths', description: 'Globs of files whose change is a finding (e.g. `tsconfig*.json`, lockfiles).' }),
      reason: z
        .string(expecting('a reason'))
        .min(1, expecting('a non-empty reason'))
        .meta({ title: 'reason', description: 'Why a change to these files matters; the finding shows it.' }),
      severity: severity.default('warn').meta({ title: 'severity', description: 'Severity of the finding.' }),
    },
    expecting('a trigger mapping (paths, reason, severity)'),
  )
  .meta({ title: 'trigger', description: 'Files whose change is a finding in itself, without a radius.' });

const approver = z
  .strictObject(
    {
      name: z
        .string(expecting('a name'))
        .min(1, expecting('a non-empty name'))
        .meta({ title: 'name', description: 'Who approves, as shown in reports.' }),
      email: orNull(z.string(expecting('an email address')).regex(EMAIL_PATTERN, expecting('an email address'))).meta({
        title: 'email',
        description: 'Matched against `Blast-Approved-by:` trailers (needed with `trust: trailer`).',
      }),
      key: orNull(
        z.string(expecting('an ssh public key')).regex(SSH_KEY_PATTERN, expecting("an ssh public key like 'ssh-ed25519 AAAA…'")),
      ).meta({
        title: 'key',
        description: 'ssh public key that verifies signed approvals (needed with `trust: signed`).',
      }),
    },
    expecting('an approver mapping (name, email, key)'),
  )
  .meta({ title: 'approver', description: 'Someone whose approval is accepted.' });

const override = z
  .string(expecting('a rule name'))
  .regex(OVERRIDE_PATTERN, {
    error: (issue) =>
      issue.input === 'protected'
        ? "must not be 'protected': no approval lifts a protected finding"
        : `must be 'thresholds', 'thresholds.<key>', 'zones', 'zones.<name>' or 'triggers', got ${describeValue(issue.input)}`,
  });

/** The policy schema: input is the YAML as written, output the normalised `Policy`. */
export const policySchema = z
  .strictObject(
    {
      version: z.literal(1, expecting('1')).meta({
        title: 'version',
        description: 'Version of the policy format; always 1.',
      }),
      mode: enumOf(['enforce', 'observe']).default('enforce').meta({
        title: 'mode',
        description: '`enforce`: a failing verdict exits 1. `observe`: report the verdict and exit 0.',
      }),
      base: orNull(z.string(expecting('a git ref')).min(1, expecting('a non-empty git ref'))).meta({
        title: 'base',
        description: 'Base ref to compare against when neither `--base` nor a CI variable names one (e.g. `origin/main`).',
      }),
      onMissingBase: enumOf(['fail', 'all']).default('fail').meta({
        title: 'onMissingBase',
        description: '`fail`: exit 2 when the base cannot be found. `all`: treat every file as changed.',
      }),
      tests: globList()
        .default(() => [...DEFAULT_TEST_GLOBS])
        .meta({ title: 'tests', description: 'Globs of test files; replaces the built-in list.' }),
      ignore: globList()
        .default(() => [])
        .meta({
          title: 'ignore',
          description: 'Globs of files dropped from the changes and the counts (edges through them are kept).',
        }),
      thresholds: thresholds(
        { warn: { files: 25, packages: 2 }, fail: { files: 150, score: 500 } },
        {
          warn: 'A figure above one of these limits is a warn finding; replaces the default warn map.',
          fail: 'A figure above one of these limits is an error finding; replaces the default fail map.',
        },
      )
        .prefault({})
        .meta({
          title: 'thresholds',
          description: 'Limits on the radius; keys: files, symbols, packages, depth, entryPoints, score. A figure above a limit trips it.',
        }),
      zones: z
        .array(zone, expecting('a list of zones'))
        .default(() => [])
        .meta({ title: 'zones', description: 'Sensitive areas: findings when reached, and score weights.' }),
      protected: stringList("a symbol id 'path#name'", "a list of symbol ids 'path#name'")
        .default(() => [])
        .meta({
          title: 'protected',
          description: 'Symbol ids (`path#name`); changing or reaching one is an error that no approval lifts.',
        }),
      stopAt: stringList('a glob or a symbol id', 'a list of globs or symbol ids')
        .default(() => [])
        .meta({
          title: 'stopAt',
          description: 'Hubs (globs or symbol ids `path#name`): they are affected, but the walk does not go past them.',
        }),
      maxDepth: orNull(
        z
          .number(expecting('a positive integer'))
          .int(expecting('a positive integer'))
          .min(1, expecting('a positive integer')),
      ).meta({ title: 'maxDepth', description: 'Bound on the depth of the walk; no bound when omitted.' }),
      triggers: z
        .array(trigger, expecting('a list of triggers'))
        .default(() => [])
        .meta({ title: 'triggers', description: 'Files whose change is a finding with a reason (build configuration, lockfiles).' }),
      ai: z
        .strictObject(
          {
            detect: z
              .strictObject(
                {
                  trailers: stringList('a regular expression', 'a list of regular expressions')
                    .default(() => [])
                    .meta({
                      title: 'trailers',
                      description: 'Regular expressions (any case) matched against commit trailer lines.',
                    }),
                  authors: globList()
                    .default(() => [])
                    .meta({ title: 'authors', description: 'Globs matched against commit author emails.' }),
                  branches: globList()
                    .default(() => [])
                    .meta({ title: 'branches', description: 'Globs matched against the branch name.' }),
                },
                expecting('a mapping with `trailers`, `authors` and `branches`'),
              )
              .prefault({})
              .meta({ title: 'detect', description: 'Patterns added to the built-in ones that mark a change as AI-assisted.' }),
            thresholds: thresholds(
              { warn: {}, fail: {} },
              {
                warn: 'Warn limits for AI-assisted changes; each key given replaces the same key of `thresholds.warn`.',
                fail: 'Fail limits for AI-assisted changes; each key given replaces the same key of `thresholds.fail`.',
              },
            )
              .prefault({})
              .meta({
                title: 'thresholds',
                description: 'Limits for AI-assisted changes; per key, they replace `thresholds`.',
              }),
            signoff: z
              .boolean(expecting('true or false'))
              .default(false)
              .meta({ title: 'signoff', description: 'An AI-assisted change with any warn or error finding needs an approval.' }),
          },
          expecting('a mapping with `detect`, `thresholds` and `signoff`'),
        )
        .prefault({})
        .meta({ title: 'ai', description: 'How AI-assisted changes are detected and judged.' }),
      approvals: z
        .strictObject(
          {
            trust: enumOf(['signed', 'trailer']).default('signed').meta({
              title: 'trust',
              description: '`signed`: ssh-signed approval notes. `trailer`: a `Blast-Approved-by:` trailer from a listed approver (weaker).',
            }),
            overrides: z
              .array(override, expecting('a list of rule names'))
              .default(() => [])
              .meta({
                title: 'overrides',
                description:
                  "Rules an approval lifts besides zones with `signoff` and `ai.signoff`: 'thresholds', 'thresholds.<key>', 'zones', 'zones.<name>', 'triggers'.",
              }),
            approvers: z
              .array(approver, expecting('a list of approvers'))
              .default(() => [])
              .meta({ title: 'approvers', description: 'Whose approvals are accepted (read from the base policy in CI).' }),
          },
          expecting('a mapping with `trust`, `overrides` and `approvers`'),
        )
        .prefault({})
        .meta({ title: 'approvals', description: 'Who can approve a change, and what an approval lifts.' }),
    },
    expecting('a mapping of policy keys'),
  )
  .meta({
    title: 'blast policy',
    description: 'Policy of blast (`.blast.yml`): limits, zones and rules that turn a blast radius into a verdict.',
  });

type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** The policy file as written (every key but `version` optional). */
export type PolicyFile = z.input<typeof policySchema>;
/** The normalised policy: every key present, defaults applied, deeply frozen. */
export type Policy = DeepReadonly<z.output<typeof policySchema>>;
/** One entry of `zones`. */
export type PolicyZone = Policy['zones'][number];
/** One entry of `triggers`. */
export type PolicyTrigger = Policy['triggers'][number];
/** One entry of `approvals.approvers`. */
export type PolicyApprover = Policy['approvals']['approvers'][number];
/** `thresholds` or `ai.thresholds`. */
export type PolicyThresholds = Policy['thresholds'];
