import type { ChangedSymbol, Declaration, FileChange, FileFacts, LineRange, SymbolFingerprint } from '../types.js';

/** Both sides of one changed code file, as the graph stage saw them. */
export interface ChangedFileSides {
  change: FileChange;
  /** Facts and fingerprints at the merge-base (absent for an added file). */
  base?: { facts: FileFacts; fingerprints: ReadonlyMap<string, SymbolFingerprint> };
  /** Facts and fingerprints at head (absent for a deleted file). */
  head?: { facts: FileFacts; fingerprints: ReadonlyMap<string, SymbolFingerprint> };
}

interface SymbolSide {
  declaration: Declaration;
  touched: boolean;
}

/**
 * The symbols a change touches, on both sides (DESIGN §2). A symbol present on one side only
 * is added or removed; present on both, it is modified when its fingerprint differs (tokens,
 * or what its imported bindings point at, so an edited import line reaches its users), and
 * trivia when the diff touched it but only comments or white space changed.
 */
export function findChangedSymbols(files: readonly ChangedFileSides[]): ChangedSymbol[] {
  const changed: ChangedSymbol[] = [];
  for (const sides of files) changed.push(...changedInFile(sides));
  return changed.sort((a, b) => compare(a.file, b.file) || compare(a.name, b.name));
}

function changedInFile({ change, base, head }: ChangedFileSides): ChangedSymbol[] {
  const baseSymbols = symbolsOf(base?.facts, change.oldRanges);
  const headSymbols = symbolsOf(head?.facts, change.newRanges);
  const headPath = change.path;
  const basePath = change.oldPath ?? change.path;
  const names = new Set([...baseSymbols.keys(), ...headSymbols.keys()]);
  const result: ChangedSymbol[] = [];

  for (const name of names) {
    const before = baseSymbols.get(name);
    const after = headSymbols.get(name);
    if (after && !before) {
      result.push(entry(headPath, name, after.declaration, 'added', basePath));
    } else if (before && !after) {
      result.push(entry(change.status === 'deleted' ? basePath : headPath, name, before.declaration, 'removed', basePath));
    } else if (before && after) {
      const oldPrint = base?.fingerprints.get(name);
      const newPrint = head?.fingerprints.get(name);
      if (oldPrint === undefined || newPrint === undefined || oldPrint.hash !== newPrint.hash) {
        const symbol = entry(headPath, name, after.declaration, 'modified', basePath);
        symbol.surface = oldPrint?.signatureHash === newPrint?.signatureHash ? 'body' : 'signature';
        result.push(symbol);
      } else if (before.touched || after.touched) {
        result.push(entry(headPath, name, after.declaration, 'trivia', basePath));
      }
    }
  }
  return result;
}

function entry(file: string, name: string, declaration: Declaration, change: ChangedSymbol['change'], basePath: string): ChangedSymbol {
  const symbol: ChangedSymbol = { id: `${file}#${name}`, file, name, declarationKind: declaration.kind, change, line: declaration.startLine };
  if (basePath !== file) symbol.oldFile = basePath;
  return symbol;
}

/** One entry per symbol name (declarations merged), with whether any of its sites is in a range. */
function symbolsOf(facts: FileFacts | undefined, ranges: readonly LineRange[]): Map<string, SymbolSide> {
  const symbols = new Map<string, SymbolSide>();
  if (!facts) return symbols;
  const touchedNames = innermostTouched(facts.declarations, ranges);
  for (const declaration of facts.declarations) {
    const existing = symbols.get(declaration.name);
    if (!existing) symbols.set(declaration.name, { declaration, touched: touchedNames.has(declaration.name) });
  }
  return symbols;
}

/** Each changed line belongs to the innermost declaration holding it; lines in none touch nothing. */
function innermostTouched(declarations: readonly Declaration[], ranges: readonly LineRange[]): Set<string> {
  const touched = new Set<string>();
  for (const range of ranges) {
    if (range.count === 0) continue;
    for (let line = range.start; line < range.start + range.count; line++) {
      let innermost: Declaration | undefined;
      for (const declaration of declarations) {
        if (line < declaration.startLine || line > declaration.endLine) continue;
        if (!innermost || declaration.endLine - declaration.startLine < innermost.endLine - innermost.startLine) innermost = declaration;
      }
      if (innermost) touched.add(innermost.name);
    }
  }
  return touched;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
