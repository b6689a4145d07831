// The command-line entry as one file (with a launcher, and the parse worker as another): a warm
// `blast check` is well under a second, and Node resolving and linking some hundred modules of
// blast and its dependencies one by one would be a quarter of it. The library entry (`dist/index.js`) stays
// as tsc emits it. The compiler stays outside: it is loaded only when something is parsed.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * ts-morph's `ts` and `Project` are the only names blast imports from it (a test checks). They
 * come from `src/compiler-cache.ts`, loaded with `require`, not `import`: importing a
 * CommonJS module makes Node scan its source, and the sources it re-exports, for export names
 * first, which costs more than a tenth of a second on every run that parses a file. The
 * compiler stays outside the bundles and is loaded only when something is parsed, from the code
 * kept in the cache when there is some (see `src/compiler-cache.ts`).
 */
const requireCompiler = {
  name: 'require-compiler',
  setup(build) {
    build.onResolve({ filter: /^ts-morph$/ }, () => ({ path: 'ts-morph', namespace: 'require-compiler' }));
    build.onLoad({ filter: /.*/, namespace: 'require-compiler' }, () => ({
      // TypeScript alone for `ts`; the rest of ts-morph only when `Project` is asked for.
      contents: [
        "const compiler = require('./compiler-cache.js');",
        'exports.ts = compiler.loadTypeScript().ts;',
        "Object.defineProperty(exports, 'Project', { enumerable: true, get: () => compiler.loadTsMorph().Project });",
      ].join('\n'),
      loader: 'js',
      resolveDir: fileURLToPath(new URL('../dist', import.meta.url)),
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  external: ['typescript'],
  plugins: [requireCompiler],
  logLevel: 'warning',
};

// The CLI, as CommonJS: Node 20 keeps no compiled code for ES modules, and the launcher runs
// this file through `vm.Script` with the code kept by an earlier run (see
// src/cli/program-code.ts). Lazily imported parts (verify, the extractor) are in it too: they
// are compiled only when first called. It sits in dist/ like dist/*/, so
// `new URL('./parse-worker.js', import.meta.url)` and `../package.json` still hold.
await build({
  ...common,
  entryPoints: { 'blast-cli': 'dist/cli/index.js' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  define: { 'import.meta.url': 'blastModuleUrl' },
  banner: { js: "const blastModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// What bin/blast.js imports (the launcher), and the parse threads' module, as ES modules.
await build({
  ...common,
  entryPoints: { blast: 'dist/cli/launch.js', 'parse-worker': 'dist/graph/parse-worker.js' },
  outdir: 'dist',
  format: 'esm',
  // CommonJS dependencies call `require` for Node's own modules.
  banner: { js: "import { createRequire as blastCreateRequire } from 'node:module';\nconst require = blastCreateRequire(import.meta.url);" },
});
