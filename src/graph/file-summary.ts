import type { FileFacts } from '../types.js';

/**
 * The little of a file's facts that a warm run needs for every file: what it imports (to find
 * which files can reach a change at all) and whether it parsed. The full facts are decoded only
 * for the files that can.
 */
export interface FileSummary {
  specifiers: Array<{ specifier: string; line: number }>;
  parseErrors: FileFacts['parseErrors'];
}

export function summarize(facts: FileFacts): FileSummary {
  const specifiers: FileSummary['specifiers'] = [];
  const seen = new Set<string>();
  const add = (specifier: string, line: number) => {
    const key = `${specifier}\u0000${line}`;
    if (seen.has(key)) return;
    seen.add(key);
    specifiers.push({ specifier, line });
  };
  for (const binding of facts.imports) add(binding.specifier, binding.line);
  for (const reExport of facts.reExports) add(reExport.specifier, reExport.line);
  for (const sideEffect of facts.sideEffectImports) add(sideEffect.specifier, sideEffect.line);
  for (const declaration of facts.declarations) for (const use of declaration.moduleUses) add(use.specifier, use.line);
  return { specifiers, parseErrors: facts.parseErrors };
}
