// Member edges: `x.save()` names no binding, so the graph links reads to the members of the
// classes a declaration reaches through its types. Exact edge lists per construct.
import { describe, expect, test } from 'vitest';
import { edgesOf, graphOf } from './graph-of.js';

/** The edges from one symbol. */
function edgesFrom(edges: string[], from: string): string[] {
  return edges.filter((edge) => edge.startsWith(`${from} -> `));
}

describe('member edges', () => {
  test('a class reached directly and through a property lends its members both ways', async () => {
    const graph = await graphOf({
      'src/source.ts': 'export class Source {\n  initialize() {}\n  destroy() {}\n}\n',
      'src/runner.ts': "import type { Source } from './source';\nexport class Runner {\n  source!: Source;\n  query() {}\n}\n",
      'src/command.ts': [
        "import type { Source } from './source';",
        "import type { Runner } from './runner';",
        'export function handle(runner: Runner, load: () => Source) {',
        '  const source: Source = load();',
        '  source.initialize();',
        '  runner.source.destroy();',
        '}',
        '',
      ].join('\n'),
    });
    expect(edgesFrom(edgesOf(graph), 'src/command.ts#handle')).toEqual([
      'src/command.ts#handle -> src/runner.ts#Runner (type)',
      'src/command.ts#handle -> src/runner.ts#Runner.source (runtime)',
      'src/command.ts#handle -> src/source.ts#Source (type)',
      'src/command.ts#handle -> src/source.ts#Source.destroy (runtime)',
      'src/command.ts#handle -> src/source.ts#Source.initialize (runtime)',
    ]);
  });

  test('a member an interface inherits is followed through its base', async () => {
    const graph = await graphOf({
      'src/manager.ts': 'export class Manager {\n  insert() {}\n}\n',
      'src/events.ts': "import type { Manager } from './manager';\nexport interface BaseEvent { manager: Manager }\nexport interface QueryEvent extends BaseEvent { query: string; parameters: Params }\nexport interface Params { values: string[] }\nexport interface BeforeQuery extends QueryEvent {}\n",
      'src/subscriber.ts': "import type { BeforeQuery } from './events';\nexport function beforeQuery(event: BeforeQuery) {\n  return event.manager.insert();\n}\n",
    });
    expect(edgesFrom(edgesOf(graph), 'src/subscriber.ts#beforeQuery')).toEqual([
      'src/subscriber.ts#beforeQuery -> src/events.ts#BeforeQuery (type)',
      'src/subscriber.ts#beforeQuery -> src/manager.ts#Manager.insert (runtime)',
    ]);
  });

  test('a call leads to what it returns: a declared return type, `new C()`, or a call of a function that does', async () => {
    const graph = await graphOf({
      'src/service.ts': [
        "import { log } from './log';",
        'export class Service {',
        '  run() { log(); }',
        '}',
        'export class Other {',
        '  run() {}',
        '}',
        'export function createService(): Service {',
        '  log();',
        '  return new Service();',
        '}',
        'export const makeService = () => new Service();',
        'export function viaFactory() {',
        '  return createService();',
        '}',
        'export function untyped(flag: boolean) {',
        '  new Other();',
        '  return flag ? new Service() : new Other();',
        '}',
        '',
      ].join('\n'),
      'src/log.ts': 'export class Logger {\n  run() {}\n}\nexport function log(): void {\n  new Logger();\n}\n',
      'src/app.ts': [
        "import { createService, makeService, viaFactory, untyped } from './service';",
        'export function start() {',
        '  const service = createService();',
        '  service.run();',
        '}',
        'export const chained = () => makeService().run();',
        'export const twice = () => viaFactory().run();',
        'export const unknown = () => untyped(true).run();',
        '',
      ].join('\n'),
    });
    const edges = edgesOf(graph).filter((edge) => edge.startsWith('src/app.ts#'));
    expect(edges).toEqual([
      'src/app.ts#chained -> src/service.ts#Service.run (runtime)',
      'src/app.ts#chained -> src/service.ts#makeService (runtime)',
      'src/app.ts#start -> src/service.ts#Service.run (runtime)',
      'src/app.ts#start -> src/service.ts#createService (runtime)',
      'src/app.ts#twice -> src/service.ts#Service.run (runtime)',
      'src/app.ts#twice -> src/service.ts#viaFactory (runtime)',
      // The return is a conditional, so every class the function uses may be returned.
      'src/app.ts#unknown -> src/service.ts#Other.run (runtime)',
      'src/app.ts#unknown -> src/service.ts#Service.run (runtime)',
      'src/app.ts#unknown -> src/service.ts#untyped (runtime)',
    ]);
  });

  test('an element of a collection is read through the collection: forEach callbacks and for-of', async () => {
    const graph = await graphOf({
      'src/subscriber.ts': 'export interface Subscriber {\n  beforeQuery?(): void;\n  afterQuery?(): void;\n}\n',
      'src/user-subscriber.ts': "import type { Subscriber } from './subscriber';\nexport class UserSubscriber implements Subscriber {\n  beforeQuery() {}\n  afterQuery() {}\n}\n",
      'src/source.ts': "import type { Subscriber } from './subscriber';\nexport class Source {\n  subscribers: Subscriber[] = [];\n}\n",
      'src/broadcaster.ts': [
        "import type { Source } from './source';",
        'export class Broadcaster {',
        '  constructor(private source: Source) {}',
        '  before() {',
        '    this.source.subscribers.forEach((subscriber) => subscriber.beforeQuery?.());',
        '  }',
        '  after() {',
        '    const { subscribers } = this.source;',
        '    for (const subscriber of subscribers) subscriber.afterQuery?.();',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    const edges = edgesOf(graph);
    expect([...edgesFrom(edges, 'src/broadcaster.ts#Broadcaster.before'), ...edgesFrom(edges, 'src/broadcaster.ts#Broadcaster.after')]).toEqual([
      'src/broadcaster.ts#Broadcaster.before -> src/broadcaster.ts#Broadcaster.source (runtime)',
      'src/broadcaster.ts#Broadcaster.before -> src/source.ts#Source.subscribers (runtime)',
      'src/broadcaster.ts#Broadcaster.before -> src/user-subscriber.ts#UserSubscriber.beforeQuery (runtime)',
      'src/broadcaster.ts#Broadcaster.after -> src/broadcaster.ts#Broadcaster.source (runtime)',
      'src/broadcaster.ts#Broadcaster.after -> src/source.ts#Source.subscribers (runtime)',
      'src/broadcaster.ts#Broadcaster.after -> src/user-subscriber.ts#UserSubscriber.afterQuery (runtime)',
    ]);
  });

  test("a property's own decorators read on the classes they name directly", async () => {
    const graph = await graphOf({
      'src/category.ts': 'export class Category {\n  posts: string[] = [];\n}\n',
      'src/relations.ts': 'export function ManyToOne<T>(type: () => T, inverse: (value: T) => unknown): PropertyDecorator {\n  return () => {};\n}\n',
      'src/counters.ts': "import { Category } from './category';\nimport { ManyToOne } from './relations';\nexport class Counters {\n  @ManyToOne(() => Category, (category) => category.posts)\n  category!: Category;\n}\n",
    });
    expect(edgesFrom(edgesOf(graph), 'src/counters.ts#Counters.category')).toEqual([
      'src/counters.ts#Counters.category -> src/category.ts#Category (runtime)',
      'src/counters.ts#Counters.category -> src/category.ts#Category.posts (runtime)',
      'src/counters.ts#Counters.category -> src/relations.ts#ManyToOne (runtime)',
    ]);
  });

  test('a member a class inherits is read on its base, without lending the sibling subclasses', async () => {
    const graph = await graphOf({
      'src/broadcaster.ts': 'export class Broadcaster {\n  beforeQuery() {}\n}\n',
      'src/runners.ts': [
        "import { Broadcaster } from './broadcaster';",
        'export class BaseRunner {',
        '  broadcaster: Broadcaster = new Broadcaster();',
        '  release() {}',
        '}',
        'export class SqliteRunner extends BaseRunner {',
        '  query() {',
        '    this.broadcaster.beforeQuery();',
        '  }',
        '}',
        'export class MysqlRunner extends BaseRunner {',
        '  release() {}',
        '}',
        '',
      ].join('\n'),
      'src/use.ts': "import type { SqliteRunner } from './runners';\nexport function close(runner: SqliteRunner) {\n  runner.release();\n}\n",
      'src/errors.ts': "export class OrmError extends Error {\n  constructor() { super(); }\n  get name() { return this.constructor.name; }\n}\nexport class NotFound extends OrmError {\n  constructor() { super(); }\n}\n",
      'src/find.ts': "import { NotFound } from './errors';\nexport function find(items: Array<{ name: string }>) {\n  if (!items[0]) throw new NotFound();\n  return items[0];\n}\nexport const label = (items: Array<{ name: string }>) => find(items).name;\n",
    });
    const edges = edgesOf(graph);
    // `this.constructor` is the instance's class at runtime, no use of the constructors.
    expect(edgesFrom(edges, 'src/errors.ts#OrmError.name')).toEqual([]);
    // A class only constructed lends its base's `name` to no `.name` read.
    expect(edgesFrom(edges, 'src/find.ts#find')).toEqual(['src/find.ts#find -> src/errors.ts#NotFound (runtime)', 'src/find.ts#find -> src/errors.ts#NotFound.constructor (runtime)']);
    expect(edgesFrom(edges, 'src/find.ts#label')).toEqual(['src/find.ts#label -> src/find.ts#find (runtime)']);
    expect([...edgesFrom(edges, 'src/runners.ts#SqliteRunner.query'), ...edgesFrom(edges, 'src/use.ts#close')]).toEqual([
      'src/runners.ts#SqliteRunner.query -> src/broadcaster.ts#Broadcaster.beforeQuery (runtime)',
      'src/runners.ts#SqliteRunner.query -> src/runners.ts#BaseRunner.broadcaster (runtime)',
      'src/use.ts#close -> src/runners.ts#BaseRunner.release (runtime)',
      // A call of `BaseRunner.release` may run its overrides.
      'src/use.ts#close -> src/runners.ts#MysqlRunner.release (runtime)',
      'src/use.ts#close -> src/runners.ts#SqliteRunner (type)',
    ]);
  });

  test('a property a called method returns is read through the call', async () => {
    const graph = await graphOf({
      'src/runner.ts': 'export class Runner {\n  startTransaction() {}\n}\n',
      'src/builder.ts': [
        "import { Runner } from './runner';",
        'export class Builder {',
        '  runner?: Runner;',
        '  obtainRunner() {',
        '    return this.runner ?? new Runner();',
        '  }',
        '  execute() {',
        '    const runner = this.obtainRunner();',
        '    runner.startTransaction();',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    expect(edgesFrom(edgesOf(graph), 'src/builder.ts#Builder.execute')).toEqual([
      'src/builder.ts#Builder.execute -> src/builder.ts#Builder.obtainRunner (runtime)',
      'src/builder.ts#Builder.execute -> src/runner.ts#Runner.startTransaction (runtime)',
    ]);
  });
});
