// The name kept code goes by: what tells a file from the one the code was compiled from.
import { renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { keptCodeName } from '../src/kept-code.js';
import { tempFolder } from './helpers/temp-folder.js';

describe('the name of kept code', () => {
  test('the same file keeps its name; one of the same length and time, written anew, takes another', () => {
    const file = join(tempFolder('kept'), 'module.js');
    // Installers stamp every file with one time (npm's is 1985): only the size and time would not tell.
    const stamp = new Date('1985-10-26T08:15:00Z');
    writeFileSync(file, 'module.exports = "6.0.2";\n');
    utimesSync(file, stamp, stamp);
    const first = keptCodeName(file);
    expect(keptCodeName(file)).toBe(first);

    // A patch release installed over it: same length, same time, written through a new file.
    const next = `${file}.new`;
    writeFileSync(next, 'module.exports = "6.0.3";\n');
    utimesSync(next, stamp, stamp);
    renameSync(next, file);
    expect(statSync(file).size).toBe(26);
    expect(keptCodeName(file)).not.toBe(first);

    // Edited in place, the time set back: the change time still moves.
    const second = keptCodeName(file);
    writeFileSync(file, 'module.exports = "6.0.4";\n');
    utimesSync(file, stamp, stamp);
    expect(keptCodeName(file)).not.toBe(second);
  });
});
