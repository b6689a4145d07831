import type { ChangedSymbol, Finding, Result, Severity } from '../types.js';
import { compareCodePoints, sortChanges, sortFindings } from './ordering.js';
import { indexSymbols, tracePath } from './why-path.js';
import { countOf, describeChange, oneLine } from './wording.js';

/** The OASIS schema of the version written; editors and validators read `$schema`. */
export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The rule of the `note` results that locate each changed symbol and its reach. */
export const CHANGED_SYMBOL_RULE = 'blast.changed-symbol';

/** Where `artifactLocation.uri`s are resolved from: the repository root, as code scanning expects. */
const SRCROOT = '%SRCROOT%';

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = { error: 'error', warn: 'warning', info: 'note' };

interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId: string };
    region?: { startLine: number };
  };
  message?: { text: string };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: { text: string };
  locations?: SarifLocation[];
  suppressions?: Array<{ kind: 'external'; status: 'accepted'; justification: string }>;
  properties?: Record<string, unknown>;
}

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  defaultConfiguration?: { level: Level };
}

const THRESHOLD_FIGURE: Record<string, string> = {
  files: 'number of affected files',
  symbols: 'number of affected symbols',
  packages: 'number of affected packages',
  depth: 'depth of the blast radius',
  entryPoints: 'number of affected entry points',
  score: 'score',
};

/**
 * One line on what a rule checks, from its id alone: the policy names its rules by the key
 * that set them (`thresholds.files`, `zones.payments`, `protected`, `triggers`), and an id
 * this table does not know still gets a description rather than an invalid rule.
 */
export function describeRule(rule: string): string {
  if (rule === CHANGED_SYMBOL_RULE) return 'A changed symbol and how far its change reaches';
  if (rule === 'protected') return 'A protected symbol is changed or in the blast radius';
  if (rule === 'trigger' || rule === 'triggers') return 'A file listed under triggers changed';
  if (rule === 'policy-changed') return 'The policy or the CI configuration changed';
  const zone = /^zones?[.:](.+)$/.exec(rule);
  if (zone !== null) return `A change or an affected symbol inside zone '${zone[1] ?? ''}'`;
  if (rule.startsWith('thresholds.') || rule.startsWith('ai.thresholds.')) {
    const key = rule.slice(rule.lastIndexOf('.') + 1);
    const figure = THRESHOLD_FIGURE[key];
    return figure === undefined ? 'A figure of the blast radius is above its limit' : `The ${figure} is above a policy limit`;
  }
  return `blast policy rule '${rule}'`;
}

/** A repo-relative path as a relative URI reference: segments percent-encoded, `/` kept. */
export function toUriReference(path: string): string {
  // encodeURIComponent leaves only unreserved characters and `!'()*` as they are, which
  // keeps `#`, `?`, `%`, spaces and a leading `x:` (read as a scheme) from changing the meaning.
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function locate(file: string, line: number | undefined, message?: string): SarifLocation {
  return {
    physicalLocation: {
      artifactLocation: { uri: toUriReference(file), uriBaseId: SRCROOT },
      ...(line === undefined || line < 1 ? {} : { region: { startLine: line } }),
    },
    ...(message === undefined ? {} : { message: { text: message } }),
  };
}

/**
 * Where a finding is shown. GitHub code scanning rejects a whole upload when one result has
 * no location, and threshold findings have none: they are anchored at the policy file that
 * sets the limit, or, with the built-in policy, at the first changed symbol.
 */
function locateFinding(finding: Finding, result: Result, firstChange: ChangedSymbol | undefined): SarifLocation[] {
  if (finding.file !== undefined) return [locate(finding.file, finding.line)];
  if (result.policy.path !== null && result.policy.source !== 'default') {
    return [locate(result.policy.path, undefined, 'the policy that sets this rule')];
  }
  if (firstChange !== undefined) return [locate(firstChange.file, firstChange.line, 'the first changed symbol')];
  return [];
}

/** Affected symbols and their files per changed symbol their why-path starts at. */
function countReach(result: Result): Map<string, { symbols: number; files: Set<string> }> {
  const index = indexSymbols(result);
  const reach = new Map<string, { symbols: number; files: Set<string> }>();
  for (const symbol of result.affected.symbols) {
    const root = tracePath(index, symbol.id)[0];
    if (root === undefined || root === symbol.id || !index.changed.has(root)) continue;
    const entry = reach.get(root) ?? { symbols: 0, files: new Set<string>() };
    entry.symbols++;
    entry.files.add(symbol.file);
    reach.set(root, entry);
  }
  return reach;
}

function describeReach(symbols: number, files: number): string {
  return symbols === 0 ? 'nothing depends on it' : `reaches ${countOf(symbols, 'symbol')} in ${countOf(files, 'file')}`;
}

/**
 * `--format sarif`: a SARIF 2.1.0 log with one run, for GitHub code scanning and other SARIF
 * viewers. Each finding is a result (`error`, `warning` or `note`; a finding an approval lifted
 * carries an accepted external suppression), and each changed symbol that is more than trivia
 * is a `note` of rule `blast.changed-symbol` at its declaration, saying how far it reaches
 * (the affected symbols whose why-path starts there). Paths are relative to `%SRCROOT%`, the
 * repository root. Results come in the order of the other formats: findings by severity and
 * rule, then changed symbols by file and line.
 */
export function renderSarif(result: Result): string {
  const findings = sortFindings(result.findings);
  const changes = sortChanges(result.changes).filter((change) => change.change !== 'trivia');
  const ruleIds = [...new Set(findings.map((finding) => finding.rule))];
  if (changes.length > 0) ruleIds.push(CHANGED_SYMBOL_RULE);
  ruleIds.sort(compareCodePoints);
  const rules = ruleIds.map(
    (id): SarifRule => ({
      id,
      shortDescription: { text: describeRule(id) },
      ...(id === CHANGED_SYMBOL_RULE ? { defaultConfiguration: { level: 'note' as const } } : {}),
    }),
  );
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const firstChange = changes[0];

  const results: SarifResult[] = findings.map((finding) => {
    const locations = locateFinding(finding, result, firstChange);
    const properties = {
      ...(finding.figure === undefined ? {} : { figure: finding.figure }),
      ...(finding.limit === undefined ? {} : { limit: finding.limit }),
    };
    return {
      ruleId: finding.rule,
      ruleIndex: ruleIndex.get(finding.rule) ?? -1,
      level: LEVEL[finding.severity],
      message: { text: oneLine(finding.message) },
      ...(locations.length === 0 ? {} : { locations }),
      ...(finding.overriddenBy === undefined
        ? {}
        : {
            suppressions: [
              { kind: 'external' as const, status: 'accepted' as const, justification: `approved by ${finding.overriddenBy}` },
            ],
          }),
      ...(Object.keys(properties).length === 0 ? {} : { properties }),
    };
  });

  const reach = countReach(result);
  for (const change of changes) {
    const { symbols, files } = reach.get(change.id) ?? { symbols: 0, files: new Set<string>() };
    results.push({
      ruleId: CHANGED_SYMBOL_RULE,
      ruleIndex: ruleIndex.get(CHANGED_SYMBOL_RULE) ?? -1,
      level: 'note',
      message: {
        text: `${change.name} (${change.declarationKind}) ${describeChange(change)}: ${describeReach(symbols, files.size)}`,
      },
      // A removed symbol's line is on the merge-base side: at head it would point at other code.
      locations: [locate(change.file, change.change === 'removed' ? undefined : change.line)],
      properties: { symbol: change.id, affectedSymbols: symbols, affectedFiles: files.size },
    });
  }

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'blast', version: result.tool.version, rules } },
        originalUriBaseIds: { [SRCROOT]: { description: { text: 'The root of the git repository' } } },
        results,
        properties: {
          verdict: result.verdict,
          risk: result.risk,
          score: result.score,
          scoreVersion: result.scoreVersion,
          // CODEOWNERS owners of the changed and affected files, most files first.
          owners: result.affected.owners,
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
