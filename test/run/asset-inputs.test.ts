// Imported JSON, CSS and other files reach the declarations using them (DESIGN §2 Non-code inputs).
import { describe, expect, test } from 'vitest';
import { analyze } from '../../src/run.js';
import { gitRepo } from '../helpers/git-repo.js';
import { affectedOf, changesOf } from './summary.js';

const slow = { tags: ['slow'] };

const code = {
  'package.json': JSON.stringify({ name: 'app', type: 'module' }),
  // No resolveJsonModule: the JSON import still resolves to the file.
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true } }),
  'src/settings.ts': "import data from './data.json';\nexport function limit() { return data.limit; }\nexport const other = 1;\n",
  'src/card.tsx': "import styles from './card.module.css';\nimport logo from '../assets/logo.svg';\nexport function Card() { return [styles.card, logo]; }\n",
  'src/config.cjs': "const config = require('./config.json');\nfunction port() { return config.port; }\nfunction host() { return require('./hosts.json').main; }\nmodule.exports = { port, host };\n",
  'src/app.ts': "import './global.css';\nimport { limit } from './settings.js';\nexport const app = () => limit();\n",
};
const assets = {
  'src/data.json': '{ "limit": 1 }\n',
  'src/card.module.css': '.card { color: red; }\n',
  'assets/logo.svg': '<svg/>\n',
  'src/config.json': '{ "port": 1 }\n',
  'src/hosts.json': '{ "main": "a" }\n',
  'src/global.css': 'body { margin: 0; }\n',
};

describe('imported non-code files', () => {
  test('a changed JSON, CSS or image file reaches the declarations using its binding, and the walk goes on', slow, async () => {
    const repo = await gitRepo({
      base: { ...code, ...assets },
      head: {
        ...code,
        ...assets,
        'src/data.json': '{ "limit": 2 }\n',
        'src/card.module.css': '.card { color: blue; }\n',
        'assets/logo.svg': '<svg width="1"/>\n',
        'src/config.json': '{ "port": 2 }\n',
        'src/hosts.json': '{ "main": "b" }\n',
        'src/global.css': 'body { margin: 1px; }\n',
      },
    });
    const result = await analyze({ cwd: repo.cwd, env: repo.env });
    expect(changesOf(result)).toEqual([]);
    expect(affectedOf(result)).toEqual([
      'src/app.ts#<module> 1 src/global.css asset',
      'src/app.ts#app 2 src/settings.ts#limit runtime',
      'src/card.tsx#Card 1 assets/logo.svg asset',
      'src/config.cjs#host 1 src/hosts.json asset',
      'src/config.cjs#port 1 src/config.json asset',
      'src/settings.ts#limit 1 src/data.json asset',
    ]);
    expect(result.stats.unresolvedImports).toBe(0);
  });

  test('a deleted or renamed file still reaches its importers: they exist at head and now break', slow, async () => {
    const { 'src/data.json': _data, 'assets/logo.svg': logo, ...kept } = assets;
    // data.json deleted, logo.svg renamed: git reports the rename, and card.tsx still imports the old path.
    const repo = await gitRepo({ base: { ...code, ...assets }, head: { ...code, ...kept, 'assets/brand.svg': logo } });
    const result = await analyze({ cwd: repo.cwd, env: repo.env });
    expect(affectedOf(result)).toEqual([
      'src/app.ts#app 2 src/settings.ts#limit runtime',
      'src/card.tsx#Card 1 assets/logo.svg asset',
      'src/settings.ts#limit 1 src/data.json asset',
    ]);
    expect(result.stats.unresolvedImports).toBe(2);
  });

  test('a changed file nothing imports reaches nothing', slow, async () => {
    const repo = await gitRepo({ base: { ...code, ...assets, 'docs/notes.md': 'a\n' }, head: { ...code, ...assets, 'docs/notes.md': 'b\n' } });
    const result = await analyze({ cwd: repo.cwd, env: repo.env });
    expect(result.affected.symbols).toEqual([]);
  });
});
