// Tamper-proof in CI: the policy at the merge-base judges the change (DESIGN §6).
import { describe, expect, test } from 'vitest';
import { analyze } from '../../src/run.js';
import { createFixtureRepo } from '../helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';

const slow = { tags: ['slow'] };

describe('policy source', () => {
  test('in CI, a head branch that loosens .blast.yml is still judged by the base policy, and fails', slow, async () => {
    const repo = await createFixtureRepo('demo-shop');
    // The base demands at most 3 affected files; the branch raises its own limit to 100.
    repo.git(['checkout', '-q', 'main']);
    repo.write({ '.blast.yml': 'version: 1\nthresholds:\n  fail: { files: 3 }\n' });
    repo.commit('a strict policy on main');
    repo.git(['checkout', '-q', 'feature']);
    repo.git(['merge', '-q', '--no-edit', 'main', '-X', 'theirs']);
    repo.write({ '.blast.yml': 'version: 1\nthresholds:\n  fail: { files: 100 }\n', '.github/workflows/ci.yml': 'on: push\n' });
    repo.commit('loosen the policy');

    const ci = await runCli(['check', '--format', 'json'], { ...repo, env: { ...repo.env, CI: 'true' } });
    expect(ci.exitCode).toBe(1);
    const result = JSON.parse(ci.stdout);
    expect(result.policy).toEqual({ path: '.blast.yml', source: 'base' });
    expect(result.findings.map((finding: { rule: string; severity: string }) => `${finding.severity} ${finding.rule}`)).toEqual([
      'error thresholds.files',
      'warn ci.changed',
      'warn policy.changed',
    ]);
    expect(result.findings[2].message).toBe("this change edits the policy '.blast.yml'; it is judged by the policy at the merge-base");

    // Locally the working tree's policy applies; --policy-from base asks for the base's.
    const local = await analyze({ cwd: repo.cwd, env: repo.env });
    expect(local.policy).toEqual({ path: '.blast.yml', source: 'worktree' });
    expect(local.verdict).not.toBe('fail');
    const asked = await analyze({ cwd: repo.cwd, env: repo.env, policyFrom: 'base' });
    expect(asked.verdict).toBe('fail');
  });

  test('an invalid policy at the merge-base names where it was read', slow, async () => {
    const repo = await createFixtureRepo('transitive-chain');
    repo.git(['checkout', '-q', 'main']);
    repo.write({ '.blast.yml': 'version: 1\nmode: strict\n' });
    repo.commit('a broken policy on main');
    repo.git(['checkout', '-q', 'feature']);
    repo.git(['rebase', '-q', 'main']);
    repo.write({ '.blast.yml': 'version: 1\nmode: enforce\n' });
    const run = await runCli(['check', '--policy-from', 'base'], repo);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(".blast.yml (at the merge-base):2:7: error: mode must be one of 'enforce', 'observe', got 'strict'\nblast: .blast.yml (at the merge-base) has 1 error\n");
  });
});
