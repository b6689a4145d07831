import { describe, expect, test } from 'vitest';
import { headBranchName } from '../../src/signoff/head-branch.js';

describe('headBranchName', () => {
  test('a pull request source branch from CI comes first', () => {
    expect(headBranchName({ GITHUB_HEAD_REF: 'copilot/fix-123' }, 'HEAD')).toBe('copilot/fix-123');
    expect(headBranchName({ CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'codex/add-retry' }, 'main')).toBe('codex/add-retry');
    expect(headBranchName({ GITHUB_HEAD_REF: '' }, 'claude/issue-7')).toBe('claude/issue-7');
  });

  test('else the head ref, without ref prefixes; none for HEAD or a sha', () => {
    expect(headBranchName({}, 'cursor/fix-login-bug-1a2b')).toBe('cursor/fix-login-bug-1a2b');
    expect(headBranchName({}, 'refs/heads/devin/1718000000-fix')).toBe('devin/1718000000-fix');
    expect(headBranchName({}, 'refs/remotes/origin/codex/x')).toBe('codex/x');
    expect(headBranchName({}, 'HEAD')).toBeNull();
    expect(headBranchName({}, '1a2b3c4d')).toBeNull();
  });
});
