import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BLAST_BIN = fileURLToPath(new URL('../../bin/blast.js', import.meta.url));

export interface CliRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The built CLI as a child process (`npm test` builds first), with exactly the environment
 * given: colour off unless the test says otherwise, no CI variables unless the test sets them.
 */
export function runCli(args: readonly string[], options: { cwd: string; env: Record<string, string>; stdin?: string }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BLAST_BIN, ...args], { cwd: options.cwd, env: { NO_COLOR: '1', ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
