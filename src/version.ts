import { createRequire } from 'node:module';

// src/ and dist/ both sit one level below package.json, so one relative path serves both.
const manifest = createRequire(import.meta.url)('../package.json') as { version: string };

export const VERSION: string = manifest.version;
