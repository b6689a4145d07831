// stopAt and maxDepth through the whole pipeline: the bounded radius, and stats.withoutStops
// with what the walk would have reached without its bounds.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyze } from '../../src/run.js';
import { createFixtureRepo } from '../helpers/git-repo.js';

const slow = { tags: ['slow'] };

describe('stopAt and maxDepth, end to end', () => {
  test('a bounded walk reports what it would have reached without its bounds', slow, async () => {
    const repo = await createFixtureRepo('transitive-chain');
    writeFileSync(join(repo.cwd, 'depth.yml'), 'version: 1\nmaxDepth: 1\n');
    const bounded = await analyze({ cwd: repo.cwd, env: repo.env, policy: 'depth.yml' });
    expect(bounded.affected.symbols.map((symbol) => `${symbol.id} ${symbol.depth}`)).toEqual(['src/cart.ts#cartTotalLabel 1']);
    expect(bounded.stats.withoutStops).toEqual({ affectedFiles: 3, affectedSymbols: 3 });

    writeFileSync(join(repo.cwd, 'stops.yml'), 'version: 1\nstopAt: ["src/cart.ts#cartTotalLabel"]\n');
    const stopped = await analyze({ cwd: repo.cwd, env: repo.env, policy: 'stops.yml' });
    expect(stopped.affected.files).toEqual(['src/cart.ts']);
    expect(stopped.stats.withoutStops).toEqual({ affectedFiles: 3, affectedSymbols: 3 });

    // Ignored files are left out of both radii alike.
    writeFileSync(join(repo.cwd, 'ignore.yml'), 'version: 1\nmaxDepth: 1\nignore: ["test/**"]\n');
    const ignoring = await analyze({ cwd: repo.cwd, env: repo.env, policy: 'ignore.yml' });
    expect(ignoring.stats.withoutStops).toEqual({ affectedFiles: 2, affectedSymbols: 2 });

    // A bound the walk never meets leaves nothing to report.
    writeFileSync(join(repo.cwd, 'loose.yml'), 'version: 1\nmaxDepth: 5\nstopAt: ["src/admin.ts"]\n');
    const loose = await analyze({ cwd: repo.cwd, env: repo.env, policy: 'loose.yml' });
    expect(loose.stats.affectedSymbols).toBe(3);
    expect(loose.stats.withoutStops).toBeUndefined();
  });
});
