import { ts } from 'ts-morph';
import type { ScriptKind } from '../types.js';

/**
 * A syntax tree without a program or a type checker: the cheapest parse TypeScript offers, and
 * all the per-file facts need. Parent pointers are set because scope and position checks walk up.
 */
export function parseSource(path: string, text: string, kind: ScriptKind): ts.SourceFile {
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, toTsScriptKind(kind));
}

/** Syntax errors of a parse; `parseDiagnostics` is internal to TypeScript but stable for years. */
export function syntaxErrors(sourceFile: ts.SourceFile): Array<{ line: number; col: number; message: string }> {
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
  return diagnostics.map((diagnostic) => {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    return { line: line + 1, col: character + 1, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n') };
  });
}

export function lineOf(sourceFile: ts.SourceFile, position: number): number {
  return sourceFile.getLineAndCharacterOfPosition(position).line + 1;
}

function toTsScriptKind(kind: ScriptKind): ts.ScriptKind {
  switch (kind) {
    case 'tsx':
      return ts.ScriptKind.TSX;
    case 'jsx':
      return ts.ScriptKind.JSX;
    case 'js':
    case 'mjs':
    case 'cjs':
      return ts.ScriptKind.JS;
    default:
      return ts.ScriptKind.TS;
  }
}
