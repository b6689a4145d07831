// blast init on real temporary repositories of different shapes: the starter it writes must
// parse with the policy parser, fit the repository, and never overwrite a policy silently.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parsePolicy } from '../../src/policy/index.js';
import { init } from '../../src/run.js';
import { gitRepo, initRepo, type FileMap } from '../helpers/git-repo.js';

const slow = { tags: ['slow'] };

/** `count` small modules under `dir`, each importing the previous one. */
function modules(dir: string, count: number, extension = 'ts'): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    files[`${dir}/m${i}.${extension}`] = i === 0 ? 'export const m0 = 0;\n' : `import { m${i - 1} } from './m${i - 1}';\nexport const m${i} = m${i - 1} + 1;\n`;
  }
  return files;
}

async function initIn(files: FileMap) {
  const repo = await gitRepo({ base: files });
  const outcome = await init({ cwd: repo.cwd, env: repo.env });
  return { repo, outcome };
}

const POLICY_KEY_LINE = /^# (?:version|mode|base|onMissingBase|tests|ignore|thresholds|zones|protected|stopAt|maxDepth|triggers|ai|approvals):/;

/**
 * The text with every commented-out block of keys (`# key:` and its indented `#   …` lines)
 * uncommented: each example the starter offers must be valid once a user takes it.
 */
function uncommentAll(text: string): string {
  const lines = text.split('\n');
  let inBlock = false;
  return lines
    .map((line) => {
      if (POLICY_KEY_LINE.test(line)) {
        inBlock = true;
        return line.slice(2);
      }
      if (inBlock && line.startsWith('#  ')) return line.slice(2);
      inBlock = false;
      return line;
    })
    .join('\n');
}

describe('blast init', () => {
  test('a single-package repository: the exact starter, which the policy parser accepts', slow, async () => {
    const { repo, outcome } = await initIn({
      'package.json': '{ "name": "shop" }\n',
      'package-lock.json': '{}\n',
      'tsconfig.json': '{}\n',
      'README.md': '# shop\n',
      ...modules('src', 24),
      'src/cart.test.ts': "import { m1 } from './m1';\n",
      'test/checkout.spec.ts': "import { m2 } from '../src/m2';\n",
      'test/fixtures/data.json': '{}\n',
    });
    expect(outcome.path).toBe(join(repo.cwd, '.blast.yml'));
    expect(outcome.backup).toBeNull();
    expect(readFileSync(outcome.path, 'utf8')).toBe(outcome.text);
    await expect(outcome.text).toMatchFileSnapshot('__snapshots__/init-single-package.yml');
    expect(outcome.text.split('\n')[0]).toBe('# yaml-language-server: $schema=./node_modules/blast/schema/policy.schema.json');

    const policy = parsePolicy(outcome.text, '.blast.yml');
    expect(policy.thresholds).toEqual({
      warn: { files: 10, symbols: null, packages: null, depth: null, entryPoints: null, score: null },
      fail: { files: 50, symbols: null, packages: null, depth: null, entryPoints: null, score: 200 },
    });
    expect(policy.tests).toEqual(['**/*.test.*', '**/*.spec.*', 'test/**']);
    expect(policy.triggers.map((trigger) => trigger.paths)).toEqual([['tsconfig*.json'], ['package-lock.json']]);
    expect(() => parsePolicy(uncommentAll(outcome.text), '.blast.yml')).not.toThrow();
    expect(outcome.choices).toMatchObject({ codeFiles: 26, warnFiles: 10, failFiles: 50, failScore: 200, warnPackages: null, zones: [] });
  });

  test('an npm workspaces monorepo: a packages limit, a commented zone per package, e2e tests', slow, async () => {
    const packages: Record<string, string> = {};
    for (const name of ['api', 'web', 'admin', 'billing', 'search', 'mail', 'legacy']) {
      packages[`packages/${name}/package.json`] = `{ "name": "@acme/${name}" }\n`;
      Object.assign(packages, modules(`packages/${name}/src`, 200));
    }
    const { outcome } = await initIn({
      'package.json': JSON.stringify({ private: true, workspaces: ['packages/*', '!packages/legacy', 'apps/*'] }),
      'yarn.lock': '\n',
      'packages/api/tsconfig.json': '{}\n',
      'apps/web/package.json': '{ "name": "@acme/web-app" }\n',
      'apps/web/src/main.tsx': 'export const App = () => null;\n',
      'apps/web/src/checkout.e2e.ts': "import { App } from './main';\n",
      ...packages,
    });
    const policy = parsePolicy(outcome.text, '.blast.yml');
    // 1,402 code files: warn at 1% (14), fail at 70; 7 packages (legacy excluded): warn above 1.
    expect(policy.thresholds.warn).toMatchObject({ files: 14, packages: 1 });
    expect(policy.thresholds.fail).toMatchObject({ files: 70, score: 280 });
    expect(policy.tests).toEqual(['**/*.e2e.*']);
    expect(policy.triggers.map((trigger) => trigger.paths)).toEqual([['**/tsconfig*.json'], ['yarn.lock']]);
    expect(policy.zones).toEqual([]);
    expect(outcome.choices.zones).toEqual(['apps/web', 'packages/admin', 'packages/api', 'packages/billing', 'packages/mail', 'packages/search', 'packages/web']);
    expect(outcome.text).toContain('#   - name: api\n#     paths: ["packages/api/**"]\n');
    // Two packages named `web`: each zone takes its whole path as its name.
    expect(outcome.text).toContain('#   - name: apps-web\n');
    expect(outcome.text).toContain('#   - name: packages-web\n');
    expect(outcome.text).toContain('    packages: 1 # workspace packages reached; there are 7\n');

    const uncommented = parsePolicy(uncommentAll(outcome.text), '.blast.yml');
    expect(uncommented.zones.map((zone) => zone.name)).toEqual(['apps-web', 'admin', 'api', 'billing', 'mail', 'search', 'packages-web']);
  });

  test('a pnpm workspace with Cypress tests and many packages', slow, async () => {
    const files: Record<string, string> = {
      'package.json': '{ "name": "root" }\n',
      'pnpm-workspace.yaml': "packages:\n  - 'libs/*'\n",
      'pnpm-lock.yaml': 'lockfileVersion: 9\n',
      'cypress/e2e/login.cy.ts': 'export {};\n',
      'libs/a/src/index.test.ts': 'export {};\n',
    };
    for (let i = 0; i < 14; i++) files[`libs/lib-${String(i).padStart(2, '0')}/package.json`] = '{}\n';
    const { outcome } = await initIn(files);
    const policy = parsePolicy(outcome.text, '.blast.yml');
    expect(policy.tests).toEqual(['**/*.test.*', 'cypress/**']);
    expect(policy.thresholds.warn.packages).toBe(3);
    expect(outcome.text).toContain('#   # and 2 more packages\n');
    expect(parsePolicy(uncommentAll(outcome.text), '.blast.yml').zones).toHaveLength(12);
    expect(outcome.text).not.toContain('tsconfig');
  });

  test('no test files and no build files: the default test globs, triggers left as an example', slow, async () => {
    const { outcome } = await initIn({ 'index.js': 'module.exports = 1;\n' });
    const policy = parsePolicy(outcome.text, '.blast.yml');
    expect(policy.tests).toEqual(['**/*.test.*', '**/*.spec.*', '**/__tests__/**', 'test/**', 'tests/**']);
    expect(outcome.text).toContain("# No test files found yet: blast's default globs.\n");
    expect(policy.triggers).toEqual([]);
    expect(outcome.choices.tests.found).toBe(false);
    expect(() => parsePolicy(uncommentAll(outcome.text), '.blast.yml')).not.toThrow();
  });

  test('a repository without a commit yet, run from a subdirectory, writes at the root', slow, async () => {
    const repo = initRepo();
    repo.write({ 'src/a.ts': 'export const a = 1;\n' });
    const outcome = await init({ cwd: join(repo.cwd, 'src'), env: repo.env });
    expect(outcome.path).toBe(join(repo.cwd, '.blast.yml'));
    expect(outcome.choices.codeFiles).toBe(1);
  });

  test('an existing policy is replaced only with force, after a backup that never overwrites another', slow, async () => {
    const repo = await gitRepo({ base: { 'src/a.ts': 'export const a = 1;\n', '.blast.yml': 'version: 1 # mine\n' } });
    const refused = init({ cwd: repo.cwd, env: repo.env });
    await expect(refused).rejects.toBeInstanceOf(UsageError);
    await expect(refused).rejects.toMatchObject({
      message: "'.blast.yml' already exists",
      hint: 'run `blast init --force` to replace it (the current file is kept as .blast.yml.bak)',
    });
    expect(readFileSync(join(repo.cwd, '.blast.yml'), 'utf8')).toBe('version: 1 # mine\n');

    const forced = await init({ cwd: repo.cwd, env: repo.env, force: true });
    expect(forced.backup).toBe(join(repo.cwd, '.blast.yml.bak'));
    expect(readFileSync(join(repo.cwd, '.blast.yml.bak'), 'utf8')).toBe('version: 1 # mine\n');
    expect(readFileSync(join(repo.cwd, '.blast.yml'), 'utf8')).toBe(forced.text);

    // The same starter again: nothing to write, no backup.
    const again = await init({ cwd: repo.cwd, env: repo.env, force: true });
    expect(again).toMatchObject({ unchanged: true, backup: null });
    expect(existsSync(join(repo.cwd, '.blast.yml.bak.2'))).toBe(false);

    // An edited policy: a second backup beside the first.
    writeFileSync(join(repo.cwd, '.blast.yml'), 'version: 1 # edited\n');
    const third = await init({ cwd: repo.cwd, env: repo.env, force: true });
    expect(third.backup).toBe(join(repo.cwd, '.blast.yml.bak.2'));
    expect(readFileSync(join(repo.cwd, '.blast.yml.bak'), 'utf8')).toBe('version: 1 # mine\n');
    expect(readFileSync(join(repo.cwd, '.blast.yml.bak.2'), 'utf8')).toBe('version: 1 # edited\n');
  });

  test('an existing .blast.yaml is the file replaced, never shadowed by a new .blast.yml', slow, async () => {
    const repo = await gitRepo({ base: { 'src/a.ts': 'export const a = 1;\n', '.blast.yaml': 'version: 1\n' } });
    await expect(init({ cwd: repo.cwd, env: repo.env })).rejects.toMatchObject({ message: "'.blast.yaml' already exists" });
    const forced = await init({ cwd: repo.cwd, env: repo.env, force: true });
    expect(forced.path).toBe(join(repo.cwd, '.blast.yaml'));
    expect(existsSync(join(repo.cwd, '.blast.yml'))).toBe(false);
  });
});
