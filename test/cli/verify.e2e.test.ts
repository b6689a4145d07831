// blast verify through the CLI: the figures, the bar and its exit code.
import { expect, test } from 'vitest';
import { createFixtureRepo } from '../helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';

const slow = { tags: ['slow'] };

test('blast verify prints recall and precision and exits 1 below the bar, 0 at or above it', slow, async () => {
  const repo = await createFixtureRepo('verify-generic-dispatch');
  const below = await runCli(['verify', '--sample', '10', '--seed', '1'], repo);
  expect(below.exitCode).toBe(1);
  expect(below.stdout).toContain('blast verify: 5 of 5 exported symbols (seed 1), 4 files, against the language service\n');
  expect(below.stdout).toMatch(/^direct {6}\d+\.\d% \(\d+\/\d+\)/m);
  expect(below.stdout).toContain('src/app.ts#start → src/service.ts#Service.run  (only the language service,');
  expect(below.stdout).toContain('✖ transitive recall 81.8% is below 99.0%\n');

  const passing = await runCli(['verify', '--sample', '10', '--min-recall', '0', '--format', 'json'], repo);
  expect(passing.exitCode).toBe(0);
  expect(JSON.parse(passing.stdout)).toMatchObject({ seed: 1, candidates: 5, failures: [] });

  const bad = await runCli(['verify', '--min-recall', '2'], repo);
  expect(bad).toMatchObject({ exitCode: 2, stderr: "blast: --min-recall must be a fraction from 0 to 1, got '2'\n" });
});
