// DESIGN.md §1 as a test: which stage may import which, where each third-party library may be
// used, and that only the CLI touches `process`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ts } from 'ts-morph';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const shared = ['types', 'errors', 'glob', 'version', 'compiler-cache', 'kept-code'];

/** Stage -> the stages it may import besides the shared modules. */
const allowedStages: Record<string, string[]> = {
  cli: ['run', 'report'],
  run: ['git', 'project', 'graph', 'impact', 'policy', 'signoff', 'report'],
  index: ['run'],
  git: [],
  project: [],
  graph: ['project'],
  impact: ['graph'],
  policy: [],
  signoff: ['git'],
  report: [],
  types: [],
  errors: [],
  glob: [],
  version: [],
  'compiler-cache': [],
  'kept-code': [],
};

/** Third-party package -> the stages that may use it. */
const packageOwners: Record<string, string[]> = {
  commander: ['cli'],
  chalk: ['cli', 'report'],
  'simple-git': ['git'],
  'ts-morph': ['graph', 'project', 'compiler-cache'],
  yaml: ['policy'],
  zod: ['policy'],
  picomatch: ['glob'],
};

/** Node built-ins that run programs: only the stages that run git or ssh-keygen. */
const processRunners: Record<string, string[]> = { 'node:child_process': ['git', 'signoff'], 'node:worker_threads': ['graph'] };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

function stageOf(file: string): string {
  const parts = posix.normalize(relative(join(root, 'src'), file).split('\\').join('/')).split('/');
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.ts$/, '');
}

interface ImportFact {
  specifier: string;
  typeOnly: boolean;
  /** The names imported as values (not `type`). */
  names: string[];
}

function importsOf(file: string): { imports: ImportFact[]; usesProcess: boolean } {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const imports: ImportFact[] = [];
  let usesProcess = false;
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly = ts.isImportDeclaration(node) ? Boolean(node.importClause?.isTypeOnly) : node.isTypeOnly;
      imports.push({ specifier: node.moduleSpecifier.text, typeOnly, names: typeOnly ? [] : importedNames(node) });
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteral(argument)) imports.push({ specifier: argument.text, typeOnly: false, names: ['*'] });
    }
    if (ts.isIdentifier(node) && node.text === 'process' && ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node) {
      usesProcess = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports, usesProcess };
}

/** The names an import or re-export takes as values: `default` for a default import, `*` for a whole namespace. */
function importedNames(node: ts.ImportDeclaration | ts.ExportDeclaration): string[] {
  const named = (elements: ts.NodeArray<ts.ImportSpecifier | ts.ExportSpecifier>) =>
    elements.filter((element) => !element.isTypeOnly).map((element) => (element.propertyName ?? element.name).text);
  if (ts.isExportDeclaration(node)) return node.exportClause === undefined ? ['*'] : ts.isNamedExports(node.exportClause) ? named(node.exportClause.elements) : ['*'];
  const clause = node.importClause;
  if (clause === undefined) return [];
  const bindings = clause.namedBindings;
  return [...(clause.name ? ['default'] : []), ...(bindings === undefined ? [] : ts.isNamedImports(bindings) ? named(bindings.elements) : ['*'])];
}

const files = sourceFiles(join(root, 'src'));

describe('architecture (DESIGN §1)', () => {
  test('every stage imports only what the table allows', () => {
    const violations: string[] = [];
    for (const file of files) {
      const stage = stageOf(file);
      const allowed = allowedStages[stage];
      if (!allowed) {
        violations.push(`${relative(root, file)}: '${stage}' is not a stage of DESIGN §1`);
        continue;
      }
      for (const { specifier, typeOnly } of importsOf(file).imports) {
        if (specifier.startsWith('.')) {
          const target = stageOf(join(file, '..', specifier).replace(/\.js$/, '.ts'));
          // The impact stage may see the graph's data types, never its code.
          const ok = target === stage || shared.includes(target) || allowed.includes(target);
          if (!ok || (stage === 'impact' && target === 'graph' && !typeOnly)) violations.push(`${relative(root, file)} imports ${specifier} (${stage} -> ${target})`);
          continue;
        }
        const name = specifier.startsWith('node:') ? specifier : specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
        const owners = packageOwners[name] ?? processRunners[name];
        if (owners && !owners.includes(stage)) violations.push(`${relative(root, file)} imports ${name}, which belongs to ${owners.join(', ')}`);
      }
    }
    expect(violations).toEqual([]);
  });

  test("only ts-morph's `ts` and `Project` are imported: the bundles give them from src/compiler-cache.ts (see scripts/bundle.js)", () => {
    const names = new Set(files.flatMap((file) => importsOf(file).imports.filter(({ specifier }) => specifier === 'ts-morph').flatMap(({ names }) => names)));
    expect([...names].sort()).toEqual(['Project', 'ts']);
  });

  test('nothing imports the CLI', () => {
    const importers = files.filter((file) => stageOf(file) !== 'cli' && importsOf(file).imports.some(({ specifier }) => /(^|\/)cli(\/|\.js$)/.test(specifier)));
    expect(importers.map((file) => relative(root, file))).toEqual([]);
  });

  test('only the CLI touches process', () => {
    const touching = files.filter((file) => stageOf(file) !== 'cli' && importsOf(file).usesProcess);
    expect(touching.map((file) => relative(root, file))).toEqual([]);
  });

  test('bin/blast.js only hands the process to the built CLI (the launcher, which loads the bundle of src/cli/index.ts)', () => {
    const bin = readFileSync(join(root, 'bin', 'blast.js'), 'utf8');
    const specifiers = [...bin.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
    expect(specifiers).toEqual(['../dist/blast.js']);
    const bundle = readFileSync(join(root, 'scripts', 'bundle.js'), 'utf8');
    expect(bundle).toContain("blast: 'dist/cli/launch.js'");
    expect(bundle).toContain("'blast-cli': 'dist/cli/index.js'");
  });
});
