import { describe, expect, test } from 'vitest';
import { isAssistantEmail, isAssistantIdentity, isAssistantName, isAssistantTrailer, parseIdentity } from '../../src/signoff/builtin-patterns.js';

describe('built-in trailer patterns over the real formats of each assistant', () => {
  test.each([
    // Claude Code (with and without a model name)
    'Co-Authored-By: Claude <noreply@anthropic.com>',
    'Co-Authored-By: Claude Opus 4.1 <noreply@anthropic.com>',
    'Co-authored-by: Claude Sonnet 4.5 (1M context) <noreply@anthropic.com>',
    'Co-authored-by: claude[bot] <209825114+claude[bot]@users.noreply.github.com>',
    // GitHub Copilot: accepted suggestions, the coding agent, VS Code
    'Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>',
    'Co-authored-by: Copilot <198982749+Copilot@users.noreply.github.com>',
    'Co-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>',
    'Co-authored-by: GitHub Copilot <copilot@github.com>',
    'Co-authored-by: copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>',
    // Cursor
    'Co-authored-by: Cursor Agent <cursoragent@cursor.com>',
    'Co-authored-by: Cursor <cursoragent@cursor.com>',
    'Made-with: Cursor',
    // OpenAI Codex
    'Co-authored-by: Codex <codex@openai.com>',
    'Co-authored-by: Codex <noreply@openai.com>',
    'Co-authored-by: chatgpt-codex-connector[bot] <199175422+chatgpt-codex-connector[bot]@users.noreply.github.com>',
    // Devin
    'Co-Authored-By: Devin AI <158243242+devin-ai-integration[bot]@users.noreply.github.com>',
    // aider
    'Co-authored-by: aider (anthropic/claude-3-7-sonnet-20250219) <noreply@aider.chat>',
    'Co-authored-by: aider (gpt-4o) <noreply@aider.chat>',
    // Gemini Code Assist and Gemini CLI
    'Co-authored-by: gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>',
    'Co-authored-by: gemini-cli <218195315+gemini-cli@users.noreply.github.com>',
    'Co-authored-by: Gemini <gemini@google.com>',
    // Amazon Q Developer
    'Co-authored-by: Amazon Q Developer <208079219+amazon-q-developer[bot]@users.noreply.github.com>',
    'Co-authored-by: Amazon Q <noreply@example.com>',
    // Windsurf (Cascade)
    'Co-authored-by: Windsurf <windsurf@codeium.com>',
    'Co-Authored-By: Windsurf <noreply@codeium.com>',
    'Co-authored-by: Windsurf Cascade <cascade@windsurf.ai>',
    // Jules
    'Co-authored-by: google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>',
    'Co-authored-by: Jules <noreply@jules.google>',
    // others
    'Co-authored-by: Amp <amp@ampcode.com>',
    'Amp-Thread-ID: https://ampcode.com/threads/T-5a2b8c1d',
    'Co-Authored-By: opencode <noreply@opencode.ai>',
    'Co-authored-by: openhands <openhands@all-hands.dev>',
    // generic trailers
    'Assisted-by: Claude:claude-3-opus',
    'Assisted-by: GitHub Copilot',
    'Generated-by: ChatGPT 4o',
    'AI-assisted: true',
    'AI-Assisted: yes',
    'ai-generated: TRUE',
    'Co-developed-by: Claude <noreply@anthropic.com>',
  ])('%s', (line) => {
    expect(isAssistantTrailer(line)).toBe(true);
  });

  test('any case, of key and value', () => {
    expect(isAssistantTrailer('CO-AUTHORED-BY: CLAUDE <NOREPLY@ANTHROPIC.COM>')).toBe(true);
    expect(isAssistantTrailer('co-authored-by: cursor agent <CursorAgent@Cursor.com>')).toBe(true);
    expect(isAssistantTrailer('co-authored-by: COPILOT <175728472+copilot@users.noreply.github.com>')).toBe(true);
  });

  test.each([
    // people, even when their name is an assistant's word
    'Co-authored-by: Claude Dupont <claude.dupont@example.com>',
    'Co-authored-by: Claude Monet <claude@example.com>',
    'Co-authored-by: Jules Verne <jules@example.org>',
    'Co-authored-by: Jane Doe <jane@anthropic.com>',
    'Co-authored-by: octocat <583231+octocat@users.noreply.github.com>',
    // automation bots are not assistants
    'Co-authored-by: dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>',
    'Co-authored-by: github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>',
    'Co-authored-by: renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>',
    // trailers that say no, or say nothing about assistance
    'AI-assisted: false',
    'AI-assisted: no',
    'Assisted-by: none',
    'Signed-off-by: Claude <claude@example.com>',
    'Reviewed-by: Ann <ann@example.com>',
    'Made-with: love',
  ])('not an assistant: %s', (line) => {
    expect(isAssistantTrailer(line)).toBe(false);
  });
});

describe('assistant identities (authors and committers)', () => {
  test.each([
    ['Copilot', '198982749+Copilot@users.noreply.github.com'],
    ['copilot-swe-agent[bot]', '198982749+Copilot@users.noreply.github.com'],
    ['Devin AI', '158243242+devin-ai-integration[bot]@users.noreply.github.com'],
    ['google-labs-jules[bot]', '161369871+google-labs-jules[bot]@users.noreply.github.com'],
    ['claude[bot]', '209825114+claude[bot]@users.noreply.github.com'],
    ['Cursor Agent', 'cursoragent@cursor.com'],
    ['amazon-q-developer[bot]', '208079219+amazon-q-developer[bot]@users.noreply.github.com'],
    ['Jane Doe (aider)', 'jane@example.com'],
  ])('%s <%s>', (name, email) => {
    expect(isAssistantIdentity({ name, email })).toBe(true);
  });

  test.each([
    ['dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com'],
    ['github-actions[bot]', '41898282+github-actions[bot]@users.noreply.github.com'],
    ['renovate[bot]', '29139614+renovate[bot]@users.noreply.github.com'],
    ['GitHub', 'noreply@github.com'],
    ['Claude Shannon', 'claude@example.com'],
  ])('not an assistant: %s <%s>', (name, email) => {
    expect(isAssistantIdentity({ name, email })).toBe(false);
  });

  test('names and emails on their own', () => {
    expect(isAssistantName('GitHub Copilot')).toBe(true);
    expect(isAssistantName('Copilot Jones')).toBe(false);
    expect(isAssistantEmail('noreply@aider.chat')).toBe(true);
    expect(isAssistantEmail('ann@example.com')).toBe(false);
    expect(parseIdentity('Ann <ann@example.com>')).toEqual({ name: 'Ann', email: 'ann@example.com' });
    expect(parseIdentity('ann@example.com')).toEqual({ name: '', email: 'ann@example.com' });
    expect(parseIdentity('Cursor')).toEqual({ name: 'Cursor', email: '' });
  });
});
