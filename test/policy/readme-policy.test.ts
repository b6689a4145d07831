// The README's annotated policy is documentation users copy: it must parse, and hold every key.
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parsePolicy, policySchema } from '../../src/policy/index.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## The policy\n'));
const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';

describe("the README's policy example", () => {
  it('parses with the policy parser', () => {
    expect(example).not.toBe('');
    expect(() => parsePolicy(example, 'README.md')).not.toThrow();
  });

  it('shows every key of the policy, nested ones included', () => {
    const keysOf = (value: unknown, prefix = ''): string[] =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value).flatMap(([key, child]) => [`${prefix}${key}`, ...keysOf(child, `${prefix}${key}.`)])
        : Array.isArray(value)
          ? value.flatMap((item) => keysOf(item, prefix))
          : [];
    const shown = new Set(keysOf(parseDocument(example).toJS()));
    const topLevel = Object.keys(policySchema.shape);
    expect(topLevel.filter((key) => !shown.has(key))).toEqual([]);
    const nested = ['zones.name', 'zones.paths', 'zones.weight', 'zones.severity', 'zones.signoff', 'triggers.paths', 'triggers.reason', 'triggers.severity',
      'ai.detect.trailers', 'ai.detect.authors', 'ai.detect.branches', 'ai.thresholds', 'ai.signoff', 'approvals.trust', 'approvals.overrides',
      'approvals.approvers.name', 'approvals.approvers.email', 'approvals.approvers.key', 'thresholds.warn', 'thresholds.fail'];
    expect(nested.filter((key) => !shown.has(key))).toEqual([]);
  });
});
