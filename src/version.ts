import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// src/ and dist/ both sit one level below package.json, so one relative path serves both.
const manifest = createRequire(import.meta.url)('../package.json') as { version: string };

export const VERSION: string = manifest.version;

/** blast's own `bin/blast.js`, which an installed hook runs (found the same way as package.json). */
export const BLAST_BIN: string = fileURLToPath(new URL('../bin/blast.js', import.meta.url));
