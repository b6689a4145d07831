// The command-line entry as one file (and the parse worker as another): a warm `blast check`
// is well under a second, and Node resolving and linking some hundred modules of blast and its
// dependencies one by one would be a quarter of it. The library entry (`dist/index.js`) stays
// as tsc emits it. The compiler stays outside: it is loaded only when something is parsed.
import { build } from 'esbuild';

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
  external: ['ts-morph', 'typescript'],
  // CommonJS dependencies (commander, simple-git) call `require` for Node's own modules.
  banner: { js: "import { createRequire as blastCreateRequire } from 'node:module';\nconst require = blastCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
