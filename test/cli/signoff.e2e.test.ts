// The sign-off rule end to end: an AI-assisted change over the limits fails until an approver
// of the base policy signs it with `blast approve`.
import { onTestFinished, expect, test } from 'vitest';
import { createFixtureRepo } from '../helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';
import { commitAs, makeKeys } from '../signoff/signoff-helpers.js';

const slow = { tags: ['slow'] };

test('an AI-assisted change with a high blast radius needs a sign-off, and blast approve gives it', slow, async () => {
  const { keys, remove } = makeKeys(['ann']);
  onTestFinished(remove);
  const repo = await createFixtureRepo('transitive-chain');
  const ann = { name: 'Ann', email: 'ann@example.com' };
  const bob = { name: 'Bob', email: 'bob@example.com' };
  repo.git(['checkout', '-q', 'main']);
  commitAs(repo, {
    author: ann,
    message: 'a sign-off policy',
    files: {
      '.blast.yml': `version: 1\nthresholds:\n  warn: { files: 2 }\nai:\n  signoff: true\napprovals:\n  approvers:\n    - { name: Ann, email: ann@example.com, key: "${keys.ann!.publicKey}" }\n`,
    },
  });
  repo.git(['checkout', '-q', 'feature']);
  repo.git(['rebase', '-q', 'main']);
  commitAs(repo, {
    author: bob,
    message: 'Round prices half-even\n\nCo-authored-by: Claude <noreply@anthropic.com>\n',
    files: { 'src/money.ts': repo.git(['show', 'HEAD:src/money.ts']).replace('toFixed(2)', 'toFixed(3)') + '\n' },
  });

  const before = await runCli(['check', '--format', 'json'], repo);
  expect(before.exitCode).toBe(1);
  const failed = JSON.parse(before.stdout);
  expect(failed.provenance.aiAssisted).toBe(true);
  expect(failed.provenance.evidence).toContainEqual(expect.objectContaining({ source: 'trailer', match: 'Co-authored-by: Claude <noreply@anthropic.com>' }));
  const signoff = failed.findings.find((finding: { rule: string }) => finding.rule === 'ai.signoff');
  expect(signoff).toMatchObject({ severity: 'error' });
  expect(signoff.message).toContain('AI-assisted change with a high blast radius: sign-off required from one of: Ann <ann@example.com>');

  // Ann approves from her own clone: her git identity names the approver.
  repo.git(['config', 'user.name', 'Ann']);
  repo.git(['config', 'user.email', 'ann@example.com']);
  const approved = await runCli(['approve', '--key', keys.ann!.path], repo);
  expect(approved.stderr).toBe('');
  expect(approved.exitCode).toBe(0);
  expect(approved.stdout).toMatch(/^approved change [0-9a-f]{12} \(main [0-9a-f]{7}\.\.[0-9a-f]{7}\) as Ann <ann@example\.com>, key SHA256:/);
  expect(repo.git(['status', '--porcelain'])).toBe('');

  const after = await runCli(['check', '--format', 'json'], repo);
  expect(after.exitCode).toBe(0);
  const passed = JSON.parse(after.stdout);
  expect(passed.approvals).toEqual([expect.objectContaining({ accepted: true, trust: 'signed' })]);
  expect(passed.findings.find((finding: { rule: string }) => finding.rule === 'ai.signoff').overriddenBy).toContain('Ann');

  // Amending the change so that its diff moves voids the approval.
  commitAs(repo, { author: bob, message: 'and one more', files: { 'src/admin.ts': '// more\n' + repo.git(['show', 'HEAD:src/admin.ts']) + '\n' } });
  const moved = await runCli(['check', '--format', 'json'], repo);
  expect(moved.exitCode).toBe(1);
  expect(JSON.parse(moved.stdout).approvals[0]).toMatchObject({ accepted: false });
});
