import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/index.js';
import type { Result } from '../../src/types.js';
import { failResult } from './result-fixture.js';

// DESIGN §5, in order.
const RESULT_KEYS = [
  'schemaVersion', 'tool', 'base', 'head', 'policy', 'changes', 'affected', 'stats', 'score',
  'scoreVersion', 'risk', 'provenance', 'approvals', 'findings', 'verdict', 'timingsMs',
];

describe('renderJson', () => {
  it('round-trips the result exactly', () => {
    const result = failResult();
    const parsed: unknown = JSON.parse(renderJson(result));
    expect(parsed).toStrictEqual(result);
  });

  it('keeps the key order of DESIGN §5, nested objects included', () => {
    const json = renderJson(failResult());
    const parsed = JSON.parse(json) as Result;
    expect(Object.keys(parsed)).toEqual(RESULT_KEYS);
    expect(Object.keys(parsed.base)).toEqual(['ref', 'sha', 'mergeBase', 'reason']);
    expect(Object.keys(parsed.affected)).toEqual(['symbols', 'files', 'tests', 'packages', 'entryPoints', 'owners']);
    expect(Object.keys(parsed.stats)).toEqual([
      'changedSymbols', 'affectedSymbols', 'affectedFiles', 'affectedTests', 'affectedPackages', 'entryPoints',
      'maxDepth', 'unknownEdges', 'unresolvedImports', 'unparsedFiles', 'withoutStops',
    ]);
  });

  it('is two-space indented, ends with a newline and is byte-identical for equal input', () => {
    const json = renderJson(failResult());
    expect(json.startsWith('{\n  "schemaVersion": 1,\n  "tool": {\n    "name": "blast",')).toBe(true);
    expect(json.endsWith('}\n')).toBe(true);
    expect(renderJson(failResult())).toBe(json);
  });
});
