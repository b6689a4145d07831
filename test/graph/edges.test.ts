// Symbol-level edges from per-file facts, on in-memory trees: exact edge lists per construct.
import { describe, expect, test } from 'vitest';
import { edgesOf, graphOf } from './graph-of.js';

describe('symbol edges', () => {
  test('named, aliased, default and type-only imports; a sibling export gets no edge', async () => {
    const graph = await graphOf({
      'src/util.ts': 'export function parse(s: string) { return s; }\nexport function format(n: number) { return `${n}`; }\nexport type Options = { strict: boolean };\nexport default function slug(s: string) { return s; }\n',
      'src/use.ts': "import slugify, { parse as p, type Options } from './util';\nexport function run(o: Options) { return slugify(p('x')); }\n",
    });
    expect(edgesOf(graph)).toEqual([
      'src/use.ts#run -> src/util.ts#Options (type)',
      'src/use.ts#run -> src/util.ts#parse (runtime)',
      'src/use.ts#run -> src/util.ts#slug (runtime)',
    ]);
  });

  test('re-exports are transparent: export *, export {a as b} from, export * as ns, multi-level barrels', async () => {
    const graph = await graphOf({
      'src/core/math.ts': 'export const add = (a: number, b: number) => a + b;\nexport const sub = (a: number, b: number) => a - b;\n',
      'src/core/index.ts': "export * from './math';\nexport { add as plus } from './math';\n",
      'src/index.ts': "export * from './core';\nexport * as math from './core/math';\n",
      'src/app.ts': "import { plus, sub, math } from './index';\nexport const one = () => plus(1, 1);\nexport const two = () => sub(3, 1);\nexport const three = () => math.add(1, 2);\n",
    });
    expect(edgesOf(graph)).toEqual([
      'src/app.ts#one -> src/core/math.ts#add (runtime)',
      'src/app.ts#three -> src/core/math.ts#add (runtime)',
      'src/app.ts#two -> src/core/math.ts#sub (runtime)',
    ]);
    const [one] = graph.dependencies.get('src/app.ts#one')!;
    expect(one!.through).toEqual(['src/index.ts', 'src/core/index.ts']);
  });

  test('a namespace import: member access depends on that export only; passed whole, on every export', async () => {
    const graph = await graphOf({
      'src/m.ts': 'export const a = 1;\nexport const b = 2;\n',
      'src/use.ts': "import * as m from './m';\nexport const onlyA = () => m.a;\nexport const all = () => Object.keys(m);\n",
    });
    expect(edgesOf(graph)).toEqual([
      'src/use.ts#all -> src/m.ts#a (runtime)',
      'src/use.ts#all -> src/m.ts#b (runtime)',
      'src/use.ts#onlyA -> src/m.ts#a (runtime)',
    ]);
  });

  test('a namespace given as a type (`typeof lib`) depends on the exports the file reads by name', async () => {
    const graph = await graphOf({
      'src/lib.ts': 'export const Button = () => 1;\nexport const Footer = () => 2;\nexport const Sidebar = () => 3;\nexport type Theme = string;\n',
      'src/footer.tsx': "import type * as Lib from './lib';\nexport function CustomFooter({ lib }: { lib: typeof Lib }) {\n  const { Button } = lib;\n  return lib.Footer();\n}\n",
      'src/props.ts': "import type * as Lib from './lib';\nexport interface AppProps { lib: typeof Lib; theme: Lib.Theme }\nexport function App({ lib }: AppProps) { return lib.Sidebar(); }\n",
      'src/keys.ts': "import * as lib from './lib';\nexport type Keys = keyof typeof lib;\nexport const all = Object.keys(lib);\n",
    });
    expect(edgesOf(graph)).toEqual([
      'src/footer.tsx#CustomFooter -> src/lib.ts#Button (type)',
      'src/footer.tsx#CustomFooter -> src/lib.ts#Footer (type)',
      'src/keys.ts#Keys -> src/lib.ts#Button (type)',
      'src/keys.ts#Keys -> src/lib.ts#Footer (type)',
      'src/keys.ts#Keys -> src/lib.ts#Sidebar (type)',
      'src/keys.ts#Keys -> src/lib.ts#Theme (type)',
      'src/keys.ts#all -> src/lib.ts#Button (runtime)',
      'src/keys.ts#all -> src/lib.ts#Footer (runtime)',
      'src/keys.ts#all -> src/lib.ts#Sidebar (runtime)',
      'src/keys.ts#all -> src/lib.ts#Theme (runtime)',
      'src/props.ts#App -> src/props.ts#AppProps (type)',
      'src/props.ts#AppProps -> src/lib.ts#Sidebar (type)',
      'src/props.ts#AppProps -> src/lib.ts#Theme (type)',
    ]);
  });

  test('a member named through a type alias of a class is a use of the class member', async () => {
    const graph = await graphOf({
      'src/collab.ts': "export class Collab {\n  start() {}\n  stop() {}\n}\ntype CollabInstance = InstanceType<typeof Collab>;\nexport interface CollabAPI { start: CollabInstance['start'] }\n",
      'src/api.ts': "import type { Collab } from './collab';\ntype Same = Collab;\nexport type Stop = Same['stop'];\nexport type Missing = Same['other'];\n",
    });
    expect(edgesOf(graph)).toEqual([
      'src/api.ts#Missing -> src/api.ts#Same (type)',
      'src/api.ts#Missing -> src/collab.ts#Collab (type)',
      'src/api.ts#Same -> src/collab.ts#Collab (type)',
      'src/api.ts#Stop -> src/api.ts#Same (type)',
      'src/api.ts#Stop -> src/collab.ts#Collab.stop (type)',
      'src/collab.ts#Collab -> src/collab.ts#Collab.start (runtime)',
      'src/collab.ts#Collab -> src/collab.ts#Collab.stop (runtime)',
      'src/collab.ts#CollabAPI -> src/collab.ts#Collab.start (type)',
      'src/collab.ts#CollabAPI -> src/collab.ts#CollabInstance (type)',
      'src/collab.ts#CollabInstance -> src/collab.ts#Collab (type)',
    ]);
  });

  test('a computed access on a namespace is an unknown edge to every export, counted; a literal key names one export', async () => {
    const graph = await graphOf({
      'src/handlers.ts': 'export const create = () => 1;\nexport const remove = () => 2;\n',
      'src/route.ts': "import * as handlers from './handlers';\nexport const byName = (name: string) => (handlers as any)[name]();\nexport const dispatch = (name: 'create' | 'remove') => handlers[name]();\nexport const creator = () => handlers['create']();\n",
    });
    expect(edgesOf(graph)).toEqual([
      'src/route.ts#byName -> src/handlers.ts#create (runtime)',
      'src/route.ts#byName -> src/handlers.ts#remove (runtime)',
      'src/route.ts#creator -> src/handlers.ts#create (runtime)',
      'src/route.ts#dispatch -> src/handlers.ts#create (unknown)',
      'src/route.ts#dispatch -> src/handlers.ts#remove (unknown)',
    ]);
    expect(graph.unknownEdges).toBe(2);
  });

  test('local shadowing is no reference; JSX tags and class heritage are', async () => {
    const graph = await graphOf({
      'src/button.tsx': 'export function Button() { return <button />; }\nexport class Base {}\n',
      'src/page.tsx': "import { Button, Base } from './button';\nexport function Page() { return <Button />; }\nexport function Shadow(Button: string) { return Button; }\nexport class Derived extends Base {}\n",
    });
    expect(edgesOf(graph)).toEqual([
      'src/page.tsx#Derived -> src/button.tsx#Base (runtime)',
      'src/page.tsx#Page -> src/button.tsx#Button (runtime)',
    ]);
  });

  test('class members: a class depends on its members; this.x links members; top-level code is <module>', async () => {
    const graph = await graphOf({
      'src/service.ts': 'export class Service {\n  run() { return this.helper(); }\n  helper() { return 1; }\n}\nnew Service().run();\n',
    });
    expect(edgesOf(graph)).toEqual([
      'src/service.ts#<module> -> src/service.ts#Service (runtime)',
      'src/service.ts#<module> -> src/service.ts#Service.run (runtime)',
      'src/service.ts#Service -> src/service.ts#Service.helper (runtime)',
      'src/service.ts#Service -> src/service.ts#Service.run (runtime)',
      'src/service.ts#Service.run -> src/service.ts#Service.helper (runtime)',
    ]);
  });

  test('CommonJS: require with destructuring, module.exports and exports.x', async () => {
    const graph = await graphOf({
      'lib/math.js': 'function add(a, b) { return a + b; }\nexports.twice = (n) => add(n, n);\nmodule.exports.add = add;\n',
      'lib/use.cjs': "const { add, twice } = require('./math');\nconst math = require('./math.js');\nmodule.exports = { total: () => add(1, 2) + twice(2), other: () => math.add(0, 0) };\n",
    });
    expect(edgesOf(graph)).toEqual([
      'lib/math.js#twice -> lib/math.js#add (runtime)',
      'lib/use.cjs#other -> lib/math.js#add (runtime)',
      'lib/use.cjs#total -> lib/math.js#add (runtime)',
      'lib/use.cjs#total -> lib/math.js#twice (runtime)',
    ]);
  });

  test('dynamic import and an automock depend on every export of the module; a mock with a factory on none', async () => {
    const graph = await graphOf({
      'src/heavy.ts': 'export const load = () => 1;\nexport const unload = () => 0;\n',
      'src/lazy.ts': "export const open = () => import('./heavy');\n",
      'test/lazy.test.ts': "import { vi } from 'vitest';\nvi.mock('../src/heavy');\n",
      'test/factory.test.ts': "import { vi } from 'vitest';\nvi.mock('../src/heavy', () => ({ load: () => 2 }));\n",
    });
    expect(edgesOf(graph)).toEqual([
      'src/lazy.ts#open -> src/heavy.ts#load (dynamic)',
      'src/lazy.ts#open -> src/heavy.ts#unload (dynamic)',
      'test/lazy.test.ts#<module> -> src/heavy.ts#load (runtime)',
      'test/lazy.test.ts#<module> -> src/heavy.ts#unload (runtime)',
    ]);
  });

  test('a loaded module read by name depends on those exports only; used whole, on every export', async () => {
    const graph = await graphOf({
      'src/db.ts': 'export const seed = () => 1;\nexport const reset = () => 0;\nexport const drop = () => -1;\n',
      'src/mocks.ts': [
        "export const destructured = async () => { const { seed } = await import('./db'); return seed(); };",
        "export const accessed = async () => (await import('./db')).reset();",
        "export const thenAccess = () => import('./db').then((db) => db.drop());",
        "export const thenPattern = () => import('./db').then(({ seed: s }) => s());",
        "export const required = () => { const db = require('./db'); return db.reset(); };",
        "export const passedOn = () => import('./db').then(console.log);",
        "export const spread = async () => { const { seed, ...rest } = await import('./db'); return rest; };",
        '',
      ].join('\n'),
      'src/scope.js': "let lib = {};\nif (globalThis.window) {\n  lib = require('./db');\n}\nexport const scope = { seed: lib.seed };\n",
    });
    expect(edgesOf(graph)).toEqual([
      'src/mocks.ts#accessed -> src/db.ts#reset (dynamic)',
      'src/mocks.ts#destructured -> src/db.ts#seed (dynamic)',
      'src/mocks.ts#passedOn -> src/db.ts#drop (dynamic)',
      'src/mocks.ts#passedOn -> src/db.ts#reset (dynamic)',
      'src/mocks.ts#passedOn -> src/db.ts#seed (dynamic)',
      'src/mocks.ts#required -> src/db.ts#reset (dynamic)',
      'src/mocks.ts#spread -> src/db.ts#drop (dynamic)',
      'src/mocks.ts#spread -> src/db.ts#reset (dynamic)',
      'src/mocks.ts#spread -> src/db.ts#seed (dynamic)',
      'src/mocks.ts#thenAccess -> src/db.ts#drop (dynamic)',
      'src/mocks.ts#thenPattern -> src/db.ts#seed (dynamic)',
      'src/scope.js#<module> -> src/db.ts#seed (dynamic)',
      'src/scope.js#<module> -> src/scope.js#lib (runtime)',
      'src/scope.js#scope -> src/scope.js#lib (runtime)',
    ]);
  });

  test('circular imports terminate', async () => {
    const graph = await graphOf({
      'src/a.ts': "export * from './b';\nexport const a = 1;\n",
      'src/b.ts': "export * from './a';\nexport const b = 2;\n",
      'src/use.ts': "import { a, b, missing } from './a';\nexport const both = () => a + b + missing;\n",
    });
    expect(edgesOf(graph)).toEqual(['src/use.ts#both -> src/a.ts#a (runtime)', 'src/use.ts#both -> src/b.ts#b (runtime)']);
  });
});
