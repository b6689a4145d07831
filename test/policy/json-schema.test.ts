import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { POLICY_JSON_SCHEMA_PATH, defaultPolicy, policyJsonSchema, renderPolicyJsonSchema } from '../../src/policy/index.js';

const committed = new URL(`../../${POLICY_JSON_SCHEMA_PATH}`, import.meta.url);

describe('schema/policy.schema.json', () => {
  it('is up to date with the zod schema (regenerate: npm run build && node scripts/generate-policy-schema.js)', async () => {
    expect(await readFile(committed, 'utf8')).toBe(renderPolicyJsonSchema());
  });

  it('is a strict draft 2020-12 schema describing every key of the policy', () => {
    const schema = policyJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['version']);
    const properties = schema.properties;
    expect(typeof properties === 'object' && properties !== null ? Object.keys(properties) : []).toEqual(
      Object.keys(defaultPolicy),
    );
    for (const [key, property] of Object.entries(properties ?? {})) {
      expect(property, key).toHaveProperty('description');
      expect(property, key).toHaveProperty('title', key);
    }
  });
});
