// Hand-built inputs for the policy rules: a policy from YAML lines, symbols and inputs.
import { parsePolicy, type Policy, type PolicyInput } from '../../src/policy/index.js';
import type { AffectedSymbol, ChangedSymbol } from '../../src/types.js';

/** A policy from YAML lines, `version: 1` added. */
export function policyOf(...lines: string[]): Policy {
  return parsePolicy(['version: 1', ...lines].join('\n'), '.blast.yml');
}

/** A changed symbol `file#name` at `line`. */
export function changed(file: string, name: string, line = 1, change: ChangedSymbol['change'] = 'modified'): ChangedSymbol {
  return { id: `${file}#${name}`, file, name, declarationKind: 'function', change, line };
}

/** An affected symbol `file#name` reached from `via`. */
export function affected(file: string, name: string, depth = 1, via = 'src/core.ts#core'): AffectedSymbol {
  return { id: `${file}#${name}`, file, name, declarationKind: 'function', depth, via, edge: 'runtime' };
}

/** `count` affected symbols, one per file `dir/f<i>.ts`. */
export function manyAffected(count: number, dir = 'src/app'): AffectedSymbol[] {
  return Array.from({ length: count }, (_, index) => affected(`${dir}/f${index}.ts`, `f${index}`));
}

/** A policy input; `affected.files` is derived from the symbols unless given. */
export function inputOf(parts: {
  changes?: ChangedSymbol[];
  symbols?: AffectedSymbol[];
  files?: string[];
  tests?: string[];
  packages?: string[];
  entryPoints?: string[];
  changedFiles?: string[];
  changedPackages?: string[];
  maxDepth?: number;
  aiAssisted?: boolean;
}): PolicyInput {
  const symbols = parts.symbols ?? [];
  const changes = parts.changes ?? [];
  return {
    changes,
    affected: {
      symbols,
      files: parts.files ?? [...new Set(symbols.map((symbol) => symbol.file))].sort(),
      tests: parts.tests ?? [],
      packages: parts.packages ?? [],
      entryPoints: parts.entryPoints ?? [],
      owners: [],
    },
    changedFiles: parts.changedFiles ?? [...new Set(changes.map((change) => change.file))].sort(),
    changedPackages: parts.changedPackages ?? [],
    maxDepth: parts.maxDepth ?? Math.max(0, ...symbols.map((symbol) => symbol.depth)),
    aiAssisted: parts.aiAssisted ?? false,
  };
}
