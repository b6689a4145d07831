// A folder of a test's own, gone when the test ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

/** A new empty folder under the system's temporary folder, named `blast-<name>-…`, removed when the test ends. */
export function tempFolder(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `blast-${name}-`));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
