// Which chalk level each combination of flag, environment and terminal gives.
import { describe, expect, it } from 'vitest';
import { colorLevel, createChalk, type ColorChoice } from '../../src/cli/color.js';
import type { CliIo } from '../../src/cli/io.js';

function io(env: Record<string, string>, isTTY: boolean): CliIo {
  const stream = { write: () => true, isTTY };
  return { stdout: stream, stderr: { write: () => true, isTTY: false }, env, cwd: '/' };
}

const cases: Array<[ColorChoice, Record<string, string>, boolean, 0 | 1 | 2 | 3]> = [
  // auto: the terminal decides
  ['auto', {}, true, 1],
  ['auto', {}, false, 0],
  ['auto', { TERM: 'xterm-256color' }, true, 2],
  ['auto', { COLORTERM: 'truecolor', TERM: 'xterm-256color' }, true, 3],
  ['auto', { COLORTERM: '24bit' }, true, 3],
  ['auto', { TERM: 'dumb' }, true, 0],
  // NO_COLOR: any non-empty value switches colours off; empty is as if unset
  ['auto', { NO_COLOR: '1' }, true, 0],
  ['auto', { NO_COLOR: 'false' }, true, 0],
  ['auto', { NO_COLOR: '' }, true, 1],
  // FORCE_COLOR: on even without a terminal, at its level; 0/false off; it wins over NO_COLOR
  ['auto', { FORCE_COLOR: '1' }, false, 1],
  ['auto', { FORCE_COLOR: '' }, false, 1],
  ['auto', { FORCE_COLOR: 'true' }, false, 1],
  ['auto', { FORCE_COLOR: '2' }, false, 2],
  ['auto', { FORCE_COLOR: '3' }, false, 3],
  ['auto', { FORCE_COLOR: '0' }, true, 0],
  ['auto', { FORCE_COLOR: 'false' }, true, 0],
  ['auto', { FORCE_COLOR: '1', NO_COLOR: '1' }, false, 1],
  ['auto', { FORCE_COLOR: '0', NO_COLOR: '' }, true, 0],
  // --color: on whatever the environment, at FORCE_COLOR's level when it names one
  ['always', {}, false, 1],
  ['always', { NO_COLOR: '1' }, false, 1],
  ['always', { FORCE_COLOR: '0' }, false, 1],
  ['always', { FORCE_COLOR: '3' }, false, 3],
  ['always', { TERM: 'dumb' }, false, 1],
  ['always', { TERM: 'screen-256color' }, false, 2],
  // --no-color: off whatever the environment
  ['never', {}, true, 0],
  ['never', { FORCE_COLOR: '3' }, true, 0],
  ['never', { COLORTERM: 'truecolor' }, true, 0],
];

describe('colorLevel', () => {
  it.each(cases)('%s with %j on a %s stdout: level %i', (choice, env, isTTY, level) => {
    expect(colorLevel(choice, io(env, isTTY), 'stdout')).toBe(level);
  });

  it('looks at the stream the text goes to', () => {
    const both: CliIo = { stdout: { write: () => true, isTTY: true }, stderr: { write: () => true }, env: {}, cwd: '/' };
    expect(colorLevel('auto', both, 'stdout')).toBe(1);
    expect(colorLevel('auto', both, 'stderr')).toBe(0);
  });

  it('builds a chalk instance at that level', () => {
    expect(createChalk('auto', io({ FORCE_COLOR: '2' }, false), 'stdout').level).toBe(2);
    expect(createChalk('never', io({}, true), 'stdout').red('x')).toBe('x');
  });
});
