#!/usr/bin/env node
// Writes schema/policy.schema.json from the policy's zod schema, through the built dist/
// (run `npm run build` first). test/policy/json-schema.test.ts fails when the file is stale.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { POLICY_JSON_SCHEMA_PATH, renderPolicyJsonSchema } from '../dist/policy/index.js';

const target = fileURLToPath(new URL(`../${POLICY_JSON_SCHEMA_PATH}`, import.meta.url));
await writeFile(target, renderPolicyJsonSchema());
process.stdout.write(`wrote ${POLICY_JSON_SCHEMA_PATH}\n`);
