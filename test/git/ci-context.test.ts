import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readCiContext } from '../../src/git/index.js';

const dir = mkdtempSync(join(tmpdir(), 'blast-event-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const ZERO = '0'.repeat(40);

function event(name: string, payload: unknown): Record<string, string> {
  const path = join(dir, `${name}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, typeof payload === 'string' ? payload : JSON.stringify(payload));
  return { GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: path };
}

describe('readCiContext', () => {
  test('GitHub pull_request: the head sha of the pull request, not the merge commit', async () => {
    expect(await readCiContext(event('pull_request', { pull_request: { head: { sha: A }, base: { sha: B } } }))).toEqual({ pullRequestHead: A });
    expect(await readCiContext(event('pull_request_target', { pull_request: { head: { sha: A } } }))).toEqual({ pullRequestHead: A });
  });

  test('GitHub merge_group: the base sha of the queue entry', async () => {
    expect(await readCiContext(event('merge_group', { merge_group: { base_sha: B, head_sha: A } }))).toEqual({ mergeGroupBase: B });
  });

  test("GitHub push: the before-sha, except a new branch's zeros", async () => {
    expect(await readCiContext(event('push', { before: B, after: A }))).toEqual({ pushBefore: B });
    expect(await readCiContext(event('push', { before: ZERO, after: A }))).toEqual({});
  });

  test('other events, odd payloads and no payload give nothing; an unreadable one warns', async () => {
    expect(await readCiContext(event('workflow_dispatch', { ref: 'main' }))).toEqual({});
    expect(await readCiContext(event('pull_request', { pull_request: { head: { sha: 'main' } } }))).toEqual({});
    expect(await readCiContext({ GITHUB_EVENT_NAME: 'pull_request' })).toEqual({});
    const warnings: string[] = [];
    expect(await readCiContext(event('pull_request', '{not json'), (message) => warnings.push(message))).toEqual({});
    expect(await readCiContext({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: join(dir, 'missing.json') }, (message) => warnings.push(message))).toEqual({});
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^the GitHub event payload '.*' is not JSON; using HEAD and the CI variables$/);
    expect(warnings[1]).toMatch(/^cannot read the GitHub event payload '.*missing\.json' \(.*ENOENT.*\); using HEAD and the CI variables$/);
  });

  test('GitLab: the merged-results source sha, and the before-sha of a branch pipeline', async () => {
    expect(await readCiContext({ CI_MERGE_REQUEST_SOURCE_BRANCH_SHA: A, CI_MERGE_REQUEST_IID: '7', CI_COMMIT_BEFORE_SHA: B })).toEqual({ pullRequestHead: A });
    expect(await readCiContext({ CI_MERGE_REQUEST_SOURCE_BRANCH_SHA: '', CI_COMMIT_BEFORE_SHA: B })).toEqual({ pushBefore: B });
    expect(await readCiContext({ CI_COMMIT_BEFORE_SHA: ZERO })).toEqual({});
  });
});
