import type { ChangedSymbol, FileFacts } from '../types.js';
import type { ChangedFileSides } from './changed-symbols.js';

/**
 * Files whose change touches ambient declarations: a `declare global {}` block, or a declaration
 * file that is a global script (no import or export, so its declarations are global). Code uses
 * them by name without an import, which per-file facts cannot follow: no radius is claimed for
 * them, and the policy reports them as a trigger.
 */
export function ambientChanges(sides: readonly ChangedFileSides[], changes: readonly ChangedSymbol[]): string[] {
  const changedIds = new Set(changes.filter((change) => change.change !== 'trivia').map((change) => change.id));
  const files = new Set<string>();
  for (const change of changes) if (change.change !== 'trivia' && change.declarationKind === 'global') files.add(change.file);
  for (const { change, base, head } of sides) {
    const isGlobal = [base?.facts, head?.facts].some((facts) => facts !== undefined && isGlobalScript(facts));
    const file = change.status === 'deleted' ? (change.oldPath ?? change.path) : change.path;
    const touched = [...changedIds].some((id) => id.startsWith(`${file}#`));
    if (isGlobal && (touched || change.status === 'added' || change.status === 'deleted')) files.add(file);
  }
  return [...files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function isGlobalScript(facts: FileFacts): boolean {
  return (
    facts.scriptKind === 'dts' &&
    facts.declarations.length > 0 &&
    facts.imports.length === 0 &&
    facts.reExports.length === 0 &&
    facts.localExports.length === 0 &&
    facts.declarations.every((declaration) => declaration.exportedAs.length === 0)
  );
}
