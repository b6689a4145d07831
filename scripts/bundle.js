// The command-line entry as one file (and the parse worker as another): a warm `blast check`
// is well under a second, and Node resolving and linking some hundred modules of blast and its
// dependencies one by one would be a quarter of it. The library entry (`dist/index.js`) stays
// as tsc emits it. The compiler stays outside: it is loaded only when something is parsed.
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// Chunks are named by their content: those of earlier builds would pile up.
for (const name of readdirSync('dist')) if (/^chunk-.*\.js$/.test(name)) rmSync(`dist/${name}`);

/**
 * ts-morph (and the compiler it carries) is loaded with `require`, not `import`: importing a
 * CommonJS module makes Node scan its source, and the sources it re-exports, for export names
 * first, which costs more than a tenth of a second on every run that parses a file. The
 * compiler stays outside the bundle and is still loaded only by the chunks that parse, from the
 * code kept in the cache when there is some (see `src/compiler-cache.ts`).
 */
const requireCompiler = {
  name: 'require-compiler',
  setup(build) {
    build.onResolve({ filter: /^ts-morph$/ }, (args) =>
      args.namespace === 'require-compiler' ? { path: 'ts-morph', external: true } : { path: 'ts-morph', namespace: 'require-compiler' },
    );
    build.onLoad({ filter: /.*/, namespace: 'require-compiler' }, () => ({
      contents: "require('./compiler-cache.js').primeCompiler();\nmodule.exports = require('ts-morph');",
      loader: 'js',
      resolveDir: fileURLToPath(new URL('../dist', import.meta.url)),
    }));
  },
};

await build({
  entryPoints: { blast: 'dist/cli/index.js', 'parse-worker': 'dist/graph/parse-worker.js' },
  outdir: 'dist',
  // Entries and lazily imported parts (verify, the extractor) as chunks beside them, one level
  // below package.json like dist/*/: `import()` still defers their loading, and
  // `new URL('./parse-worker.js', import.meta.url)` and `../package.json` still hold.
  bundle: true,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  external: ['typescript'],
  plugins: [requireCompiler],
  // CommonJS dependencies (commander, simple-git) call `require` for Node's own modules.
  banner: { js: "import { createRequire as blastCreateRequire } from 'node:module';\nconst require = blastCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
