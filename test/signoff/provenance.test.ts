import { describe, expect, test } from 'vitest';
import { openRepository } from '../../src/git/index.js';
import { defaultPolicy, type Policy } from '../../src/policy/index.js';
import { detectProvenance, provenanceOf, type DetectPatterns } from '../../src/signoff/index.js';
import { gitRepo } from '../helpers/git-repo.js';
import { commitAs, type Person } from './signoff-helpers.js';

const NONE: DetectPatterns = { trailers: [], authors: [], branches: [] };
const ANN: Person = { name: 'Ann Example', email: 'ann@example.com' };
const GITHUB: Person = { name: 'GitHub', email: 'noreply@github.com' };

interface Case {
  name: string;
  author?: Person;
  committer?: Person;
  message: string;
  /** The evidence expected from this commit, as `source: match`. */
  evidence: string[];
}

// Commit messages and identities as each assistant writes them.
const CASES: Case[] = [
  {
    name: 'Claude Code',
    message:
      'Add retry to the payment client\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n',
    evidence: ['trailer: Co-Authored-By: Claude <noreply@anthropic.com>'],
  },
  {
    name: 'Claude Code with a model name',
    message: 'Refactor the cache\n\nCo-Authored-By: Claude Opus 4.1 <noreply@anthropic.com>\n',
    evidence: ['trailer: Co-Authored-By: Claude Opus 4.1 <noreply@anthropic.com>'],
  },
  {
    name: 'Claude GitHub app',
    author: { name: 'claude[bot]', email: '209825114+claude[bot]@users.noreply.github.com' },
    committer: GITHUB,
    message: 'Fix the flaky test\n\nCo-authored-by: Ann Example <ann@example.com>\n',
    evidence: ['author: claude[bot] <209825114+claude[bot]@users.noreply.github.com>'],
  },
  {
    name: 'Copilot coding agent',
    author: { name: 'copilot-swe-agent[bot]', email: '198982749+Copilot@users.noreply.github.com' },
    committer: GITHUB,
    message: 'Initial plan\n\nCo-authored-by: octocat <583231+octocat@users.noreply.github.com>\n',
    evidence: ['author: copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>'],
  },
  {
    name: 'Copilot suggestion accepted on GitHub',
    committer: GITHUB,
    message: 'Update src/pay.ts\n\nCo-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>\n',
    evidence: ['trailer: Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>'],
  },
  {
    name: 'Cursor background agent',
    author: { name: 'Cursor Agent', email: 'cursoragent@cursor.com' },
    message: 'Fix login redirect\n\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>\n',
    evidence: ['author: Cursor Agent <cursoragent@cursor.com>', 'trailer: Co-authored-by: Cursor Agent <cursoragent@cursor.com>'],
  },
  {
    name: 'Codex',
    message: 'Add input validation\n\nCo-authored-by: Codex <codex@openai.com>\n',
    evidence: ['trailer: Co-authored-by: Codex <codex@openai.com>'],
  },
  {
    name: 'Devin',
    author: { name: 'Devin AI', email: '158243242+devin-ai-integration[bot]@users.noreply.github.com' },
    message: 'Migrate the config loader\n\nCo-Authored-By: ann@example.com <ann@example.com>\n',
    evidence: ['author: Devin AI <158243242+devin-ai-integration[bot]@users.noreply.github.com>'],
  },
  {
    name: 'aider',
    author: { name: 'Ann Example (aider)', email: 'ann@example.com' },
    message: 'feat: Add rate limiter\n\nCo-authored-by: aider (anthropic/claude-3-7-sonnet-20250219) <noreply@aider.chat>\n',
    evidence: [
      'author: Ann Example (aider) <ann@example.com>',
      'trailer: Co-authored-by: aider (anthropic/claude-3-7-sonnet-20250219) <noreply@aider.chat>',
    ],
  },
  {
    name: 'Gemini Code Assist',
    message: 'Apply review suggestion\n\nCo-authored-by: gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>\n',
    evidence: ['trailer: Co-authored-by: gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>'],
  },
  {
    name: 'Amazon Q Developer',
    author: { name: 'amazon-q-developer[bot]', email: '208079219+amazon-q-developer[bot]@users.noreply.github.com' },
    committer: GITHUB,
    message: 'Implement the feature from the issue\n',
    evidence: ['author: amazon-q-developer[bot] <208079219+amazon-q-developer[bot]@users.noreply.github.com>'],
  },
  {
    name: 'Windsurf',
    message: 'Tidy the router\n\nCo-authored-by: Windsurf <windsurf@codeium.com>\n',
    evidence: ['trailer: Co-authored-by: Windsurf <windsurf@codeium.com>'],
  },
  {
    name: 'Jules',
    message: 'Add missing tests\n\nCo-authored-by: google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>\n',
    evidence: ['trailer: Co-authored-by: google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>'],
  },
  {
    name: 'Assisted-by (kernel style), Generated-by and AI-assisted, in any case',
    message: 'Rework parsing\n\nASSISTED-BY: Claude:claude-3-opus\ngenerated-by: GitHub Copilot\nai-assisted: TRUE\nSigned-off-by: Ann Example <ann@example.com>\n',
    evidence: ['trailer: ASSISTED-BY: Claude:claude-3-opus', 'trailer: generated-by: GitHub Copilot', 'trailer: ai-assisted: TRUE'],
  },
  // not AI-assisted
  {
    name: 'dependabot (automation, not AI)',
    author: { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com' },
    committer: GITHUB,
    message: 'Bump lodash from 4.17.20 to 4.17.21\n\nSigned-off-by: dependabot[bot] <support@github.com>\n',
    evidence: [],
  },
  {
    name: 'github-actions (automation, not AI)',
    author: { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' },
    message: 'chore: regenerate the schema\n',
    evidence: [],
  },
  {
    name: 'a human co-author named Claude',
    message: 'Pair on the parser\n\nCo-authored-by: Claude Dupont <claude.dupont@example.com>\n',
    evidence: [],
  },
  {
    name: 'an assistant mentioned in prose, outside the trailer block',
    message: 'Explain the trailer\n\nWe no longer add Co-authored-by: Claude <noreply@anthropic.com> to commits.\n\nThat is all there is to say.\n',
    evidence: [],
  },
  { name: 'AI-assisted: false', message: 'Hand-written\n\nAI-assisted: false\n', evidence: [] },
];

describe('detectProvenance over the real trailer formats of each assistant', { tags: ['slow'] }, () => {
  test('each commit gives exactly its evidence; automation bots and people named like assistants give none', async () => {
    const repo = await gitRepo({ base: { 'a.txt': 'a\n' } });
    const shas = CASES.map((item, i) =>
      commitAs(repo, { author: item.author ?? ANN, ...(item.committer ? { committer: item.committer } : {}), message: item.message, files: { 'a.txt': `${i}\n` } }),
    );
    const git = await openRepository(repo.cwd, { env: repo.env });
    const provenance = await detectProvenance(git, {
      mergeBase: repo.baseSha,
      headSha: shas[shas.length - 1] ?? '',
      branch: 'feature',
      patterns: NONE,
      aiAssistedFlag: false,
    });
    expect(provenance.aiAssisted).toBe(true);
    CASES.forEach((item, i) => {
      const found = provenance.evidence.filter((evidence) => evidence.commit === shas[i]).map((evidence) => `${evidence.source}: ${evidence.match}`);
      expect({ case: item.name, evidence: found }).toEqual({ case: item.name, evidence: item.evidence });
    });
  });

  test('only the range counts: a change of human commits is not AI-assisted', async () => {
    const repo = await gitRepo({ base: { 'a.txt': 'a\n' } });
    commitAs(repo, { author: ANN, message: 'base work\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n', files: { 'a.txt': '1\n' } });
    repo.git(['branch', '-f', 'main', 'HEAD']);
    const mergeBase = repo.git(['rev-parse', 'HEAD']);
    const head = commitAs(repo, { author: ANN, message: 'human work\n', files: { 'a.txt': '2\n' } });
    const git = await openRepository(repo.cwd, { env: repo.env });
    expect(await detectProvenance(git, { mergeBase, headSha: head, branch: 'feature', patterns: NONE, aiAssistedFlag: false })).toEqual({
      aiAssisted: false,
      evidence: [],
    });
    expect(await detectProvenance(git, { mergeBase, headSha: head, branch: 'claude/issue-42-20250101-1200', patterns: NONE, aiAssistedFlag: true })).toEqual({
      aiAssisted: true,
      evidence: [
        { commit: head, source: 'flag', match: '--ai-assisted' },
        { commit: head, source: 'branch', match: 'claude/issue-42-20250101-1200' },
      ],
    });
  });
});

describe('provenanceOf: branches, the policy patterns, case', () => {
  const sha = 'a'.repeat(40);
  const commit = (trailers: string[], author = ANN, committer = ANN) => ({ sha, author, committer, trailers });
  const run = (commits: ReturnType<typeof commit>[], branch: string | null, patterns: DetectPatterns = NONE) =>
    provenanceOf(commits, { headSha: sha, branch, patterns, aiAssistedFlag: false });

  test.each(['copilot/fix-123', 'claude/issue-42-20250101-1200', 'codex/add-retry-logic', 'cursor/fix-login-bug-1a2b', 'devin/1718000000-fix', 'COPILOT/Fix-7'])(
    'built-in branch %s',
    (branch) => {
      expect(run([], branch).evidence).toEqual([{ commit: sha, source: 'branch', match: branch }]);
    },
  );

  test.each(['feature/copilot-docs', 'main', 'fix/claude-typo', 'copilots/x'])('not an assistant branch: %s', (branch) => {
    expect(run([], branch).aiAssisted).toBe(false);
  });

  test('the policy adds trailer regexes (any case), author globs and branch globs (any case)', () => {
    const patterns: DetectPatterns = {
      trailers: ['^x-ai-tool:', '^reviewed-by:.*\\bbard\\b'],
      authors: ['*@agents.example.com', '*\\[bot\\]@users.noreply.github.com'],
      branches: ['ai/**', 'Bots/*'],
    };
    const agent: Person = { name: 'Build Agent', email: 'Runner-7@Agents.Example.com' };
    const bot: Person = { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com' };
    const found = run([commit(['X-AI-Tool: internal-llm', 'Reviewed-by: BARD <bard@example.com>', 'Signed-off-by: Ann <ann@example.com>'], agent, bot)], 'AI/refactor', patterns);
    expect(found.evidence.map((evidence) => `${evidence.source}: ${evidence.match}`)).toEqual([
      'branch: AI/refactor',
      'author: Build Agent <Runner-7@Agents.Example.com>',
      'author: dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com> (committer)',
      'trailer: X-AI-Tool: internal-llm',
      'trailer: Reviewed-by: BARD <bard@example.com>',
    ]);
    expect(run([], 'bots/x', patterns).aiAssisted).toBe(true);
    expect(run([commit(['X-AI-Tool: internal-llm'])], null, NONE).aiAssisted).toBe(false);
  });

  test('an invalid policy regex is skipped, not thrown (the policy stage reports it)', () => {
    expect(run([commit(['Co-authored-by: Ann <ann@example.com>'])], null, { ...NONE, trailers: ['(unclosed'] }).aiAssisted).toBe(false);
  });

  test("the normalised policy's ai.detect fits DetectPatterns", () => {
    const policy: Policy = defaultPolicy;
    const patterns: DetectPatterns = policy.ai.detect;
    expect(patterns).toEqual({ trailers: [], authors: [], branches: [] });
  });
});
