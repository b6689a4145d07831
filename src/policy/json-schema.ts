// schema/policy.schema.json, generated from the zod schema so editors complete and explain keys.
// scripts/generate-policy-schema.js writes it; test/policy/json-schema.test.ts fails when the
// committed file is out of date.
import * as z from 'zod';
import { policySchema } from './schema.js';

/** Where the generated schema is committed, relative to the repository root. */
export const POLICY_JSON_SCHEMA_PATH = 'schema/policy.schema.json';

/** The JSON Schema (draft 2020-12) of the policy file as written. */
export function policyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(policySchema, {
    target: 'draft-2020-12',
    io: 'input',
    override: (context) => {
      // zod bounds every integer by MAX_SAFE_INTEGER; editors would show it as a real limit.
      if (context.jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete context.jsonSchema.maximum;
    },
  });
}

/** The file text of `schema/policy.schema.json`: stable key order, two-space indent, final newline. */
export function renderPolicyJsonSchema(): string {
  return `${JSON.stringify(policyJsonSchema(), null, 2)}\n`;
}
