// Text of a policy file in, frozen normalised Policy out, or one ConfigError carrying every
// problem with its line and column (STYLE E).
import { LineCounter, isScalar, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../errors.js';
import { deepFreeze } from './deep-freeze.js';
import { keyPosition, nearestPosition, type Position } from './locate.js';
import { countOf, formatPath, quote, quoteList, type PathSegment } from './messages.js';
import { allowedKeysAt } from './schema-keys.js';
import { policySchema, type Policy } from './schema.js';
import { semanticRules } from './semantic-rules.js';
import { suggestKey } from './suggest.js';

const START: Position = { line: 1, col: 1 };

interface LocatedIssue extends Position {
  path: string;
  message: string;
}

/**
 * Parses and validates the text of a policy file. `file` is the name used in messages (relative
 * to the cwd). Throws a `ConfigError` whose `issues` hold every syntax, schema and semantic
 * problem, sorted by position, and whose message is `<file> has N errors`.
 */
export function parsePolicy(text: string, file: string): Policy {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw configError(
      file,
      doc.errors.map((error) => syntaxIssue(error, text, lineCounter)),
    );
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    throw configError(file, [{ ...START, path: '', message: 'the policy is empty; add `version: 1` or run `blast init`' }]);
  }
  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = unresolvedAliasPosition(doc, lineCounter) ?? START;
    throw configError(file, [{ ...position, path: '', message: `invalid YAML: ${lowerFirst(message)}` }]);
  }

  const result = policySchema.safeParse(raw, { reportInput: true });
  const issues = result.success ? [] : result.error.issues.flatMap((issue) => schemaIssues(issue, doc, lineCounter));
  for (const rule of semanticRules) {
    for (const issue of rule(raw)) {
      issues.push({ ...nearestPosition(doc, lineCounter, issue.path), path: formatPath(issue.path), message: issue.message });
    }
  }
  if (issues.length > 0 || !result.success) throw configError(file, issues);
  return deepFreeze(result.data);
}

/** `file:line:col: error: message` for each issue, as the CLI prints them (GNU style). */
export function formatConfigIssues(error: ConfigError): string[] {
  return error.issues.map((issue) => `${issue.file}:${issue.line}:${issue.col}: error: ${issue.message}`);
}

function configError(file: string, located: readonly LocatedIssue[]): ConfigError {
  const seen = new Set<string>();
  const issues: ConfigIssue[] = [];
  for (const issue of [...located].sort(byPosition)) {
    const key = `${issue.line}:${issue.col}:${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ file, line: issue.line, col: issue.col, path: issue.path, message: issue.message });
  }
  return new ConfigError(`${file} has ${countOf(issues.length, 'error')}`, issues);
}

function byPosition(a: LocatedIssue, b: LocatedIssue): number {
  return a.line - b.line || a.col - b.col || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

function syntaxIssue(error: YAMLError, text: string, lineCounter: LineCounter): LocatedIssue {
  const position = lineCounter.linePos(error.pos[0]);
  switch (error.code) {
    case 'MULTIPLE_DOCS':
      return { ...position, path: '', message: "a policy file holds one YAML document; remove the second '---'" };
    case 'DUPLICATE_KEY': {
      const key = /^[^:\n]*/.exec(text.slice(error.pos[0]))?.[0].trim() ?? '';
      return { ...position, path: key, message: `duplicate key ${quote(key)}; a key may appear only once in a mapping` };
    }
    default:
      return { ...position, path: '', message: `invalid YAML: ${lowerFirst(error.message)}` };
  }
}

function schemaIssues(issue: z.core.$ZodIssue, doc: Document, lineCounter: LineCounter): LocatedIssue[] {
  const path = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');

  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeysAt(policySchema, path);
    const where = path.length === 0 ? '' : ` in ${formatPath(path)}`;
    return issue.keys.map((key) => {
      const suggestion = suggestKey(key, allowed);
      const hint = suggestion === undefined ? `expected one of ${quoteList(allowed)}` : `did you mean ${quote(suggestion)}?`;
      return {
        ...(keyPosition(doc, lineCounter, path, key) ?? nearestPosition(doc, lineCounter, path)),
        path: formatPath([...path, key]),
        message: `unknown key ${quote(key)}${where}; ${hint}`,
      };
    });
  }

  const key = path[path.length - 1];
  if (issue.input === undefined && typeof key === 'string' && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    const parent = path.slice(0, -1);
    if (parent.length === 0) {
      const hint = key === 'version' ? '; add `version: 1`' : '';
      return [{ ...START, path: key, message: `missing key ${quote(key)}${hint}` }];
    }
    return [
      {
        ...nearestPosition(doc, lineCounter, parent),
        path: formatPath(path),
        message: `missing key ${quote(key)} in ${formatPath(parent)}`,
      },
    ];
  }

  const subject = path.length === 0 ? 'the policy' : formatPath(path);
  return [{ ...nearestPosition(doc, lineCounter, path), path: formatPath(path), message: `${subject} ${issue.message}` }];
}

/** `toJS` throws on an alias without an anchor before it; find that alias for its position. */
function unresolvedAliasPosition(doc: Document, lineCounter: LineCounter): Position | undefined {
  let position: Position | undefined;
  visit(doc, {
    Alias(_, node) {
      if (node.resolve(doc) !== undefined || !node.range) return undefined;
      position = lineCounter.linePos(node.range[0]);
      return visit.BREAK;
    },
  });
  return position;
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
