// Every result blast prints matches schema/result.schema.json (DESIGN §5).
import { readFileSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { analyze } from '../../src/run.js';
import { createFixtureRepo } from '../helpers/git-repo.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/result.schema.json', import.meta.url), 'utf8')) as object;
// ajv is CommonJS: under NodeNext its class is the module's `default`.
const Ajv2020 = Ajv2020Module.default;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

describe('result schema', () => {
  test.each(['demo-shop', 'removed-symbol', 'comment-only', 'renamed-and-deleted-modules'])('%s: the result validates', { tags: ['slow'] }, async (scenario) => {
    const repo = await createFixtureRepo(scenario);
    const result = await analyze({ cwd: repo.cwd, env: repo.env, aiAssisted: true });
    // Through JSON, as a consumer of --format json sees it.
    const json = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
    const valid = validate(json);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(validate({ ...json, stray: true })).toBe(false);
    expect(validate({ ...json, verdict: 'maybe' })).toBe(false);
  });

  test('a document missing its fields is rejected', () => {
    expect(validate({ schemaVersion: 1 })).toBe(false);
    expect(validate.errors?.some((error) => error.keyword === 'required')).toBe(true);
  });
});
