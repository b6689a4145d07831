// CODEOWNERS patterns by GitHub's rules, table-driven: each pattern with paths it must and must
// not own. The tricky cases are where GitHub differs from a plain glob matcher.
import { describe, expect, it } from 'vitest';
import { compilePattern, countOwners, parseCodeOwners } from '../../src/impact/owners.js';

interface PatternCase {
  name: string;
  pattern: string;
  owns: string[];
  doesNotOwn: string[];
}

const cases: PatternCase[] = [
  {
    name: 'a name without a slash matches a file or a directory at any depth',
    pattern: 'build',
    owns: ['build', 'build/out.js', 'src/build', 'src/build/x/y.ts'],
    doesNotOwn: ['builds', 'build.ts', 'src/rebuild/x.ts'],
  },
  {
    name: 'a leading slash anchors at the root',
    pattern: '/build',
    owns: ['build', 'build/out.js'],
    doesNotOwn: ['src/build', 'src/build/out.js', 'builder/x.ts'],
  },
  {
    name: 'a trailing slash matches a directory (at any depth) and never a file of that name',
    pattern: 'apps/',
    owns: ['apps/web/main.ts', 'packages/apps/x.ts'],
    doesNotOwn: ['apps', 'src/apps'],
  },
  {
    name: 'leading and trailing slash: the root directory only',
    pattern: '/docs/',
    owns: ['docs/a.md', 'docs/guides/b.md'],
    doesNotOwn: ['docs', 'src/docs/a.md'],
  },
  {
    name: 'a slash in the middle anchors at the root too (gitignore)',
    pattern: 'src/payments',
    owns: ['src/payments', 'src/payments/charge.ts', 'src/payments/x/y.ts'],
    doesNotOwn: ['lib/src/payments/charge.ts', 'src/payments-old/x.ts'],
  },
  {
    name: 'a trailing lone * owns the files of the directory, not those below',
    pattern: 'docs/*',
    owns: ['docs/getting-started.md', 'docs/build-app'],
    doesNotOwn: ['docs', 'docs/build-app/troubleshooting.md', 'x/docs/a.md'],
  },
  {
    name: '* does not cross a slash',
    pattern: 'src/*.ts',
    owns: ['src/a.ts', 'src/index.ts'],
    doesNotOwn: ['src/a/b.ts', 'src/a.tsx', 'lib/src/a.ts'],
  },
  {
    name: 'an extension glob without a slash matches at any depth',
    pattern: '*.js',
    owns: ['a.js', 'src/a.js', 'src/deep/er/a.js'],
    doesNotOwn: ['a.jsx', 'src/a.ts'],
  },
  {
    name: 'the lone * owns everything',
    pattern: '*',
    owns: ['a', 'README.md', 'src/a/b.ts', '.github/workflows/ci.yml'],
    doesNotOwn: [],
  },
  {
    name: '/* owns the files at the root only',
    pattern: '/*',
    owns: ['README.md', 'package.json'],
    doesNotOwn: ['src/a.ts'],
  },
  {
    name: 'a leading **/ matches at any depth',
    pattern: '**/logs',
    owns: ['logs', 'build/logs', 'deeply/nested/logs/a.txt'],
    doesNotOwn: ['build/logs.txt', 'logsx/a'],
  },
  {
    name: 'a trailing /** owns what is inside, not the directory itself',
    pattern: 'src/gen/**',
    owns: ['src/gen/a.ts', 'src/gen/x/y/z.ts'],
    doesNotOwn: ['src/gen', 'lib/src/gen/a.ts'],
  },
  {
    name: 'a middle /**/ spans zero or more directories',
    pattern: 'packages/**/test',
    owns: ['packages/test/a.ts', 'packages/web/test/a.ts', 'packages/web/deep/test/b.ts'],
    doesNotOwn: ['other/packages/web/test/a.ts', 'packages/web/tests/a.ts'],
  },
  {
    name: 'a wildcard inside a name still owns what is below it',
    pattern: 'pay*',
    owns: ['payments/a.ts', 'src/payroll', 'src/payroll/x.ts'],
    doesNotOwn: ['src/repay/x.ts'],
  },
  {
    name: '? is one character, never a slash',
    pattern: 'v?.ts',
    owns: ['v1.ts', 'src/v2.ts'],
    doesNotOwn: ['v10.ts', 'v/.ts'],
  },
  {
    name: 'escaped wildcards and spaces are literal',
    pattern: 'odd\\*name\\ x.ts',
    owns: ['odd*name x.ts', 'a/odd*name x.ts'],
    doesNotOwn: ['oddAname x.ts'],
  },
  {
    name: 'dots and other regular-expression characters are literal',
    pattern: '/src/a+b(c).ts',
    owns: ['src/a+b(c).ts'],
    doesNotOwn: ['src/aab(c).ts', 'src/a+bc.ts'],
  },
  {
    name: 'matching is case-sensitive',
    pattern: '/Docs/',
    owns: ['Docs/a.md'],
    doesNotOwn: ['docs/a.md'],
  },
  {
    name: 'a lone slash owns nothing',
    pattern: '/',
    owns: [],
    doesNotOwn: ['a', 'src/a.ts'],
  },
];

describe('compilePattern (GitHub CODEOWNERS rules)', () => {
  for (const { name, pattern, owns, doesNotOwn } of cases) {
    it(`${pattern}: ${name}`, () => {
      const regex = compilePattern(pattern);
      expect(owns.filter((path) => !regex.test(path)), 'should own').toEqual([]);
      expect(doesNotOwn.filter((path) => regex.test(path)), 'should not own').toEqual([]);
    });
  }
});

describe('parseCodeOwners', () => {
  const text = [
    '# Default owners',
    '*                 @acme/everyone',
    '',
    '*.md              docs@example.com   # inline comment',
    '/src/payments/    @acme/payments @ann',
    '/src/payments/README.md',
    'src/api/**        @acme/api',
    '\tapps/   @bob',
  ].join('\n');
  const owners = parseCodeOwners(text);

  it('reads rules with their owners and lines, skipping comments and blank lines', () => {
    expect(owners.rules).toEqual([
      { pattern: '*', owners: ['@acme/everyone'], line: 2 },
      { pattern: '*.md', owners: ['docs@example.com'], line: 4 },
      { pattern: '/src/payments/', owners: ['@acme/payments', '@ann'], line: 5 },
      { pattern: '/src/payments/README.md', owners: [], line: 6 },
      { pattern: 'src/api/**', owners: ['@acme/api'], line: 7 },
      { pattern: 'apps/', owners: ['@bob'], line: 8 },
    ]);
    expect(owners.skipped).toEqual([]);
  });

  it.each([
    ['src/index.ts', ['@acme/everyone']],
    ['README.md', ['docs@example.com']],
    // The last matching rule wins, even when an earlier one is more specific.
    ['src/payments/charge.ts', ['@acme/payments', '@ann']],
    ['src/payments/guide.md', ['@acme/payments', '@ann']],
    // A matching rule without owners leaves the file unowned.
    ['src/payments/README.md', []],
    ['src/api/routes/users.ts', ['@acme/api']],
    ['packages/apps/web.ts', ['@bob']],
  ])('owners of %s', (path, expected) => {
    expect(owners.ownersOf(path)).toEqual(expected);
  });

  it('skips the lines GitHub cannot read, and says why', () => {
    const parsed = parseCodeOwners(
      ['!src/legacy/ @a', 'src/[ab].ts @b', 'src/x.ts not-an-owner', '\\#hash.ts @c', 'src/ok.ts @d', 'crlf.ts @e\r'].join('\n'),
    );
    expect(parsed.rules.map((rule) => `${rule.line} ${rule.pattern}`)).toEqual(['5 src/ok.ts', '6 crlf.ts']);
    expect(parsed.skipped).toEqual([
      { line: 1, reason: "'!src/legacy/': negation with '!' is not supported in CODEOWNERS" },
      { line: 2, reason: "'src/[ab].ts': character ranges '[ ]' are not supported in CODEOWNERS" },
      { line: 3, reason: "'not-an-owner' is not an owner (@user, @org/team or an email address)" },
      { line: 4, reason: "'\\#hash.ts': GitHub reads no pattern starting with an escaped '#'" },
    ]);
  });

  it('an empty file owns nothing', () => {
    expect(parseCodeOwners('').ownersOf('a.ts')).toEqual([]);
  });
});

describe('countOwners', () => {
  it('counts each file once per owner, most files first, then by owner', () => {
    const owners = parseCodeOwners(['*  @zed', 'src/  @team-a @zed', 'src/b.ts @bob @bob', 'docs/ @team-a'].join('\n'));
    expect(countOwners(owners, ['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/a.ts', 'docs/x.md', 'README.md', 'src/d.ts'])).toEqual([
      { owner: '@team-a', files: 4 },
      { owner: '@zed', files: 4 },
      { owner: '@bob', files: 1 },
    ]);
  });

  it('is empty when nothing is owned', () => {
    expect(countOwners(parseCodeOwners('# nobody'), ['a.ts'])).toEqual([]);
  });
});
