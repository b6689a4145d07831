import { ts } from 'ts-morph';

export interface ResolutionConfig {
  options: ts.CompilerOptions;
  /** Identifies the options: one module resolution cache per distinct config. */
  hash: string;
}

/** A module resolution of TypeScript's own, for blast's resolver and verify's language service alike. */
export type ResolveWithTypeScript = (specifier: string, containingFile: string, config: ResolutionConfig) => ts.ResolvedModuleFull | undefined;

const bundlerFallback: ts.CompilerOptions = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, allowJs: true, resolveJsonModule: true };

/**
 * Resolves under the file's governing options, in the module format the file has under them
 * (an ESM file of a `"type": "module"` package takes the `import` conditions of `exports` and
 * `imports` under node16/nodenext, a `.cts` file the `require` ones). When the configured mode
 * refuses a specifier that a bundler would take (an extensionless relative import under
 * node16), the bundler answer is used: blast maps dependencies, it does not judge import style.
 */
export function createTypeScriptResolution(root: string, host: ts.ModuleResolutionHost): ResolveWithTypeScript {
  const caches = new Map<string, ts.ModuleResolutionCache>();
  const resolveWith = (specifier: string, containingFile: string, options: ts.CompilerOptions, cacheKey: string) => {
    let cache = caches.get(cacheKey);
    if (!cache) {
      cache = ts.createModuleResolutionCache(root, (name) => name, options);
      caches.set(cacheKey, cache);
    }
    const mode = ts.getImpliedNodeFormatForFile(containingFile, cache.getPackageJsonInfoCache(), host, options);
    return ts.resolveModuleName(specifier, containingFile, options, host, cache, undefined, mode).resolvedModule;
  };
  return (specifier, containingFile, config) =>
    resolveWith(specifier, containingFile, config.options, config.hash) ??
    resolveWith(specifier, containingFile, { ...config.options, ...bundlerFallback }, `${config.hash}:bundler`);
}
