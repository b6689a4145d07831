// One user cache folder for every CLI the suite runs: each run would otherwise compile the CLI
// bundle and keep its code anew (see src/cli/program-code.ts). Kept code changes no answer, only
// how fast the answer comes; the tests about it set a folder of their own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    programCodeFolder: string;
  }
}

export default function setup(project: TestProject): () => void {
  const folder = mkdtempSync(join(tmpdir(), 'blast-user-cache-'));
  project.provide('programCodeFolder', folder);
  return () => rmSync(folder, { recursive: true, force: true });
}
