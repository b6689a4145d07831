// The starter `.blast.yml` that `blast init` writes: every key of DESIGN §6, each with a comment
// on what it does, the ones that need a decision left commented out, and the limits sized to the
// repository. A pure function of facts about the repository; `run.ts` gathers them.
import { posix } from 'node:path';
import { compileGlobs } from '../glob.js';
import { POLICY_JSON_SCHEMA_PATH } from './json-schema.js';
import { DEFAULT_TEST_GLOBS, ZONE_NAME_PATTERN } from './schema.js';

export interface RepositoryFacts {
  /** Repo-relative paths of the code files (what blast parses), node_modules left out. */
  codeFiles: readonly string[];
  /** Every repo-relative path (for the lockfiles and tsconfigs that become triggers). */
  files: readonly string[];
  /** Workspace packages, when the repository declares some. */
  workspaces: { source: string; dirs: readonly string[] } | null;
}

/** What the starter decided, for `blast init` to tell the user. */
export interface StarterChoices {
  codeFiles: number;
  warnFiles: number;
  failFiles: number;
  failScore: number;
  /** Workspace packages found. */
  packages: number;
  /** The warn limit on packages; null without workspaces. */
  warnPackages: number | null;
  /** The test globs written, with the code files each matches; `found` false: none matched, the defaults are kept. */
  tests: { globs: Array<{ glob: string; files: number }>; found: boolean };
  /** Workspace package directories that got a commented zone. */
  zones: string[];
  /** The trigger globs written. */
  triggers: string[];
}

export interface StarterPolicy {
  text: string;
  choices: StarterChoices;
}

/** The first line: editors that read it (the YAML language server) complete and check the keys. */
export const POLICY_SCHEMA_COMMENT = `# yaml-language-server: $schema=./node_modules/blast/${POLICY_JSON_SCHEMA_PATH}`;

/** Test layouts beyond blast's defaults that a repository may use. */
const EXTRA_TEST_GLOBS = ['**/*.e2e.*', 'cypress/**'];

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];

/** Zones written out in full before the rest are only counted. */
const MAX_ZONES = 12;

/**
 * The starter policy for a repository. Limits: warn above about 1% of the code files (at
 * least 10), fail above five times that; the score's fail limit is four points per file of
 * the fail limit. With workspaces, a warning when more than a quarter of the packages (at
 * least one) are reached, and a commented zone per package.
 */
export function generateStarterPolicy(facts: RepositoryFacts): StarterPolicy {
  const codeFiles = facts.codeFiles.length;
  const warnFiles = Math.max(10, roundNicely(codeFiles * 0.01));
  const failFiles = warnFiles * 5;
  const failScore = roundNicely(failFiles * 4);
  const dirs = facts.workspaces?.dirs ?? [];
  const warnPackages = dirs.length > 0 ? Math.max(1, Math.floor(dirs.length / 4)) : null;
  const tests = chooseTestGlobs(facts.codeFiles);
  const triggers = chooseTriggers(facts.files);
  const choices: StarterChoices = { codeFiles, packages: dirs.length, warnFiles, failFiles, failScore, warnPackages, tests, zones: dirs.slice(0, MAX_ZONES), triggers: triggers.flatMap((trigger) => trigger.paths) };

  const lines: string[] = [
    POLICY_SCHEMA_COMMENT,
    '#',
    "# blast's policy for this repository, written by `blast init`. blast measures the blast radius",
    '# of a change (the symbols, files, tests and packages that depend on what it changed) and this',
    '# file turns it into a verdict: pass, warn (exit 0) or fail (exit 1). Every key but `version` is',
    "# optional: a key left out takes blast's default. The README of blast documents each key.",
    '',
    'version: 1',
    '',
    '# enforce: a fail verdict exits 1. observe: report the verdict and always exit 0, a gentle start',
    '# while you tune the limits below (`blast check --observe` does the same for one run).',
    'mode: enforce',
    '',
    '# The branch to compare with when neither --base nor a CI variable names one; without it blast',
    '# tries origin/HEAD, origin/main, origin/master, main and master.',
    '# base: origin/main',
    '',
    '# When the base cannot be found, even after deepening a shallow clone: fail (exit 2, saying how',
    '# to fix it) or all (every file counts as changed).',
    'onMissingBase: fail',
    '',
    '# Test files: the changed and affected ones are the tests to run (`blast affected --tests`).',
    ...(tests.found
      ? [`# Found here: ${countOf(testFileCount(facts.codeFiles, tests.globs.map((entry) => entry.glob)), 'test file')}.`]
      : ["# No test files found yet: blast's default globs."]),
    'tests:',
    ...alignComments(
      tests.globs.map((entry) => ({ code: `  - ${quote(entry.glob)}`, comment: tests.found ? countOf(entry.files, 'file') : '' })),
    ),
    '',
    '# Files left out of the changes and the counts (the walk still passes through them), such as',
    '# generated code.',
    '# ignore: ["**/*.generated.ts"]',
    '',
    '# Limits on the blast radius. A figure above a warn limit is a warning (exit 0), above a fail',
    '# limit an error (exit 1). Figures: files, symbols, packages, depth (1 = direct dependents),',
    '# entryPoints and score.',
    `# Sized for this repository's ${countOf(codeFiles, 'code file')}: warn at about 1% of them (at least 10),`,
    '# fail at five times that.',
    'thresholds:',
    '  warn:',
    `    files: ${warnFiles}`,
    ...(warnPackages === null ? [] : [`    packages: ${warnPackages} # workspace packages reached; there are ${dirs.length}`]),
    '  fail:',
    `    files: ${failFiles}`,
    `    score: ${failScore} # 1 per affected symbol (its zone's weight in a zone), +10 per other package, +25 per entry point`,
    '',
    ...zoneLines(dirs),
    '',
    '# Symbols nothing may change or reach: any reach is an error that no approval lifts.',
    '# protected: ["src/auth/session.ts#verifySession"]',
    '',
    '# Hubs (globs or symbol ids) that are affected but not walked past, such as a route table that',
    '# imports every page; the report then gives the radius with and without them.',
    '# stopAt: ["src/routes/index.ts"]',
    '# How deep the walk goes (1 = direct dependents only); no bound when left out.',
    '# maxDepth: 8',
    '',
    ...triggerLines(triggers),
    '',
    '# AI-assisted changes (found by commit trailers, author emails and branch names added to the',
    "# built-in ones, or --ai-assisted) can have their own limits, each replacing that of",
    '# `thresholds`, and can need a sign-off when they have any warning or error.',
    '# ai:',
    '#   detect:',
    "#     branches: [\"ai/**\"] # your own names; copilot/**, claude/**, codex/** and the like are built in",
    '#   thresholds:',
    `#     fail: { files: ${Math.max(warnFiles, roundNicely(failFiles / 2))} }`,
    '#   signoff: true',
    '',
    '# Who may approve a change (`blast approve` signs a note with an ssh key) and what an approval',
    '# lifts besides zones with `signoff` and `ai.signoff`. In CI, the approvers listed in the',
    "# merge-base's policy count, so a change cannot name its own.",
    '# approvals:',
    '#   trust: signed # signed | trailer (a Blast-Approved-by: trailer from a listed approver)',
    '#   overrides: [thresholds]',
    '#   approvers:',
    '#     - { name: Ann, email: ann@example.com, key: "ssh-ed25519 AAAA..." }',
  ];
  return { text: `${lines.join('\n')}\n`, choices };
}

function chooseTestGlobs(codeFiles: readonly string[]): StarterChoices['tests'] {
  const counted = (glob: string) => ({ glob, files: codeFiles.filter(compileGlobs([glob])).length });
  const defaults = DEFAULT_TEST_GLOBS.map(counted).filter((entry) => entry.files > 0);
  const isChosen = compileGlobs(defaults.map((entry) => entry.glob));
  // An extra layout is added only for the files the defaults miss (`test/x.e2e.ts` is in `test/**`).
  const extras = EXTRA_TEST_GLOBS.filter((glob) => {
    const matches = compileGlobs([glob]);
    return codeFiles.some((path) => matches(path) && !isChosen(path));
  }).map(counted);
  const globs = [...defaults, ...extras];
  if (globs.length === 0) return { globs: DEFAULT_TEST_GLOBS.map((glob) => ({ glob, files: 0 })), found: false };
  return { globs, found: true };
}

function testFileCount(codeFiles: readonly string[], globs: readonly string[]): number {
  return codeFiles.filter(compileGlobs(globs)).length;
}

function chooseTriggers(files: readonly string[]): Array<{ paths: string[]; reason: string }> {
  const triggers: Array<{ paths: string[]; reason: string }> = [];
  const tsconfigs = files.filter((path) => /^[tj]sconfig.*\.json$/.test(posix.basename(path)) && !path.split('/').includes('node_modules'));
  if (tsconfigs.length > 0) {
    const isNested = tsconfigs.some((path) => path.includes('/'));
    const kinds = [...new Set(tsconfigs.map((path) => posix.basename(path).slice(0, 2)))].sort().reverse();
    const paths = kinds.map((kind) => `${isNested ? '**/' : ''}${kind}config*.json`);
    triggers.push({ paths, reason: 'TypeScript configuration, which changes how every file resolves' });
  }
  const lockfiles = LOCKFILES.filter((name) => files.includes(name));
  if (lockfiles.length > 0) triggers.push({ paths: lockfiles, reason: 'dependency versions (the lockfile)' });
  return triggers;
}

function triggerLines(triggers: ReadonlyArray<{ paths: string[]; reason: string }>): string[] {
  const lines = [
    '# Files whose change matters though no symbol shows it: each change is a finding with its reason.',
    '# `blast affected --fallback all` lists every file when one of these changed.',
  ];
  if (triggers.length === 0) {
    return [
      ...lines,
      '# triggers:',
      '#   - paths: ["tsconfig*.json", "package-lock.json"]',
      '#     reason: build configuration',
      '#     severity: warn # info | warn | error',
    ];
  }
  lines.push('triggers:');
  for (const [i, trigger] of triggers.entries()) {
    lines.push(`  - paths: [${trigger.paths.map(quote).join(', ')}]`, `    reason: ${quote(trigger.reason)}`, `    severity: warn${i === 0 ? ' # info | warn | error' : ''}`);
  }
  return lines;
}

function zoneLines(dirs: readonly string[]): string[] {
  const lines = [
    '# Zones: sensitive parts of the code. A change or an affected symbol inside a zone is a finding',
    "# of the zone's severity, and its affected symbols count `weight` times in the score.",
  ];
  if (dirs.length === 0) {
    return [
      ...lines,
      '# zones:',
      '#   - name: payments',
      '#     paths: ["src/payments/**"]',
      '#     weight: 5',
      '#     severity: error # info | warn | error',
      "#     signoff: true # an approval (blast approve) lifts this zone's error",
    ];
  }
  lines.push('# One per workspace package, to uncomment and tune:', '# zones:');
  const names = zoneNames(dirs);
  for (const [i, dir] of dirs.slice(0, MAX_ZONES).entries()) {
    lines.push(`#   - name: ${names[i]}`, `#     paths: [${quote(`${dir}/**`)}]`);
    if (i === 0) {
      lines.push('#     weight: 3', '#     severity: warn # info | warn | error', "#     signoff: false # true: an approval (blast approve) lifts this zone's error");
    }
  }
  // A comment even once the block is uncommented.
  if (dirs.length > MAX_ZONES) lines.push(`#   # and ${countOf(dirs.length - MAX_ZONES, 'more package')}`);
  return lines;
}

/** A zone name per directory: its last segment, or the whole path when two share one. */
function zoneNames(dirs: readonly string[]): string[] {
  const clean = (text: string) => {
    const name = text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
    return ZONE_NAME_PATTERN.test(name) ? name : 'package';
  };
  const base = dirs.map((dir) => clean(posix.basename(dir)));
  return dirs.map((dir, i) => (base.filter((name) => name === base[i]).length > 1 ? clean(dir.replace(/\//g, '-')) : base[i]!));
}

/** Comments after code, lined up one space past the longest code. */
function alignComments(rows: ReadonlyArray<{ code: string; comment: string }>): string[] {
  const width = Math.max(0, ...rows.map((row) => row.code.length));
  return rows.map((row) => (row.comment === '' ? row.code : `${row.code.padEnd(width)} # ${row.comment}`));
}

/** Two significant digits: 1,234 becomes 1,200; below 100 a number stays as it is. */
function roundNicely(value: number): number {
  const rounded = Math.round(value);
  if (rounded < 100) return rounded;
  const unit = 10 ** (String(rounded).length - 2);
  return Math.round(rounded / unit) * unit;
}

function quote(text: string): string {
  return JSON.stringify(text);
}

/** `1 file`, `1,234 files`. */
function countOf(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : `${noun}s`}`;
}
