import { ts } from 'ts-morph';
import type { ScriptKind } from '../types.js';

/**
 * What a file says about other modules, read with TypeScript's scanner alone: about a seventh
 * of the cost of a parse. Every file gets a skim; only the files that can reach a change get
 * parsed (see `buildGraph`), so a cold run on a large repository parses a fraction of it.
 */
export interface FileSkim {
  /**
   * Every module the file names, with the line of the statement or call that names it: the
   * specifiers of the parsed facts (imports, re-exports, `import()`, `require()`, an automock)
   * and possibly more (`import('x')` in a type). Fewer only where the scanner misreads the code
   * (a regular expression after a block): see `unread`.
   */
  specifiers: Array<{ specifier: string; line: number }>;
  /** Specifiers of `export ... from`: the modules a barrel's export names may come from. */
  reExports: string[];
  /** Specifiers of `export * from`, in order: the modules all of whose names the file exports. */
  stars: string[];
  /**
   * Whether the file may export bindings it imports (`export { a }`, `export default a`,
   * `export =`, `export import`, `module.exports`, `exports.a`): then any module it imports may
   * pass names on through it, as a re-export does.
   */
  passesImports: boolean;
  /**
   * Specifiers the parsed facts name that the skim did not read, noted when the file is parsed:
   * resolved with the rest, never counted among its imports (so no figure depends on whether
   * a file was parsed).
   */
  unread?: string[];
}

// Read once: `ts.SyntaxKind`, an enum with reverse names, is a dictionary-mode object, slow to
// look up in the token loop; so is the compiler module's getter for it.
const {
  AsKeyword,
  AsteriskToken,
  IfKeyword,
  WhileKeyword,
  ForKeyword,
  WithKeyword,
  DefaultKeyword,
  BigIntLiteral,
  CloseBraceToken,
  CloseBracketToken,
  CloseParenToken,
  CommaToken,
  DotToken,
  EndOfFileToken,
  EqualsToken,
  ExportKeyword,
  FalseKeyword,
  FirstKeyword,
  FromKeyword,
  Identifier,
  ImportKeyword,
  LastKeyword,
  MinusMinusToken,
  NoSubstitutionTemplateLiteral,
  NullKeyword,
  NumericLiteral,
  OpenBraceToken,
  OpenParenToken,
  PlusPlusToken,
  PrivateIdentifier,
  QuestionDotToken,
  RegularExpressionLiteral,
  RequireKeyword,
  SlashEqualsToken,
  SlashToken,
  StringLiteral,
  SuperKeyword,
  TemplateHead,
  TemplateMiddle,
  TemplateTail,
  ThisKeyword,
  TrueKeyword,
  TypeKeyword,
} = ts.SyntaxKind;

/** Keywords whose parentheses a statement follows: `if (x) /re/.test(y)`. */
const CONDITIONS = new Set<ts.SyntaxKind>([IfKeyword, WhileKeyword, ForKeyword, WithKeyword]);

/** Tokens after which a `/` divides; anywhere else it starts a regular expression. */
const ENDS_EXPRESSION = new Set<ts.SyntaxKind>([
  Identifier,
  PrivateIdentifier,
  NumericLiteral,
  BigIntLiteral,
  StringLiteral,
  NoSubstitutionTemplateLiteral,
  TemplateTail,
  RegularExpressionLiteral,
  CloseParenToken,
  CloseBracketToken,
  CloseBraceToken,
  PlusPlusToken,
  MinusMinusToken,
  ThisKeyword,
  SuperKeyword,
  TrueKeyword,
  FalseKeyword,
  NullKeyword,
]);

/** What a name may start or continue: an automock's object (`vi`, `jest`) or method. */
const MOCK_OBJECT = 1;
const MOCK_METHOD = 2;

/** The modules a file names, without parsing it (see `FileSkim`). */
export function skimSource(text: string, kind: ScriptKind): FileSkim {
  const jsx = kind === 'tsx' || kind === 'jsx' || kind === 'js' || kind === 'mjs' || kind === 'cjs';
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, jsx ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard, text);
  const specifiers: FileSkim['specifiers'] = [];
  const reExports: string[] = [];
  const stars: string[] = [];
  const seen = new Set<string>();
  // Lines are counted as far as needed, once: positions only grow.
  let counted = 0;
  let line = 1;
  const add = (specifier: string, start: number) => {
    for (let next = text.indexOf('\n', counted); next !== -1 && next < start; next = text.indexOf('\n', counted)) {
      line++;
      counted = next + 1;
    }
    const key = `${specifier}\u0000${line}`;
    if (seen.has(key)) return;
    seen.add(key);
    specifiers.push({ specifier, line });
  };

  // The last tokens, newest at `index`: kinds, starts, and whether a name may be part of an automock.
  const kinds = new Int32Array(8);
  const starts = new Int32Array(8);
  const names = new Uint8Array(8);
  let index = 0;
  const back = (distance: number) => (index - distance) & 7;
  const kindBack = (distance: number) => kinds[back(distance)]!;
  const afterDot = (distance: number) => kindBack(distance + 1) === DotToken || kindBack(distance + 1) === QuestionDotToken;

  /** An `import` or `export ... from` statement being read: where it starts, and whether it re-exports. */
  let clause: { start: number; exports: boolean; braces: number; star?: boolean } | undefined;
  /** `export` or `export type` just read: the next token says whether a re-export follows. */
  let exportStart = -1;
  /** `export default` just read: a name next may be an imported binding. */
  let exportDefault = false;
  let passesImports = false;
  /** `vi.mock('x'` read: an automock if the call ends there. */
  let mock: { specifier: string; start: number; comma: boolean } | undefined;

  // true: a template substitution's brace; false: any other.
  const braces: boolean[] = [];
  // true: the parentheses of `if (...)` and its kind, after which a statement (a regular expression too) may start.
  const parens: boolean[] = [];
  let closedCondition = false;
  for (;;) {
    let token = scanner.scan();
    if (token === EndOfFileToken) break;
    // The scanner cannot tell a regular expression from a division, nor the end of a template
    // substitution from a closing brace, without the parser: the token before decides the
    // first, a stack of open braces the second.
    if (token === SlashToken || token === SlashEqualsToken) {
      if (!ENDS_EXPRESSION.has(kinds[index]!) || (kinds[index] === CloseParenToken && closedCondition)) token = scanner.reScanSlashToken();
    } else if (token === OpenParenToken) {
      parens.push(CONDITIONS.has(kinds[index]!));
    } else if (token === CloseParenToken) {
      closedCondition = parens.pop() === true;
    } else if (token === OpenBraceToken) {
      braces.push(false);
    } else if (token === TemplateHead) {
      braces.push(true);
    } else if (token === CloseBraceToken) {
      if (braces.pop() === true) {
        token = scanner.reScanTemplateToken(false);
        if (token === TemplateMiddle) braces.push(true);
      }
    }
    const start = scanner.getTokenStart();
    const isString = token === StringLiteral || token === NoSubstitutionTemplateLiteral;
    // A quote that never closes on its line is text of JSX (`<p>Don't</p>`), not a string: what
    // follows it on the line is code again.
    if (isString && scanner.isUnterminated()) {
      scanner.resetTokenState(start + 1);
      continue;
    }
    index = (index + 1) & 7;
    kinds[index] = token;
    starts[index] = start;
    names[index] = 0;
    // Only names as long as `vi`, `jest`, `mock`, `doMock` or `exports` are read.
    const length = scanner.getTokenEnd() - start;
    if (token === Identifier && (length === 2 || length === 4 || length === 6 || length === 7)) {
      const name = scanner.getTokenValue();
      names[index] = name === 'vi' || name === 'jest' ? MOCK_OBJECT : name === 'mock' || name === 'doMock' ? MOCK_METHOD : 0;
      if (name === 'exports') passesImports = true;
    }
    if (exportDefault) {
      exportDefault = false;
      if (token === Identifier) passesImports = true;
    }

    if (mock) {
      if (token === CloseParenToken) add(mock.specifier, mock.start);
      if (token === CommaToken && !mock.comma) mock.comma = true;
      else mock = undefined;
    }

    if (clause) {
      if (isString) {
        const previous = kindBack(1);
        if (previous === FromKeyword || (previous === OpenParenToken && kindBack(2) === RequireKeyword)) {
          add(scanner.getTokenValue(), clause.start);
          if (clause.exports) reExports.push(scanner.getTokenValue());
          if (clause.star) stars.push(scanner.getTokenValue());
          clause = undefined;
          continue;
        }
        // `import { "a-b" as c }`: a name, not a module.
        if (clause.braces > 0) continue;
        clause = ended(clause);
      } else if (token === OpenBraceToken) {
        clause.braces++;
        continue;
      } else if (token === AsKeyword && clause.star) {
        // `export * as ns from`: one name, not all of them.
        clause.star = false;
        continue;
      } else if (token === CloseBraceToken) {
        clause.braces--;
        continue;
      } else if (
        token === Identifier ||
        (token >= FirstKeyword && token <= LastKeyword && token !== ImportKeyword && token !== ExportKeyword) ||
        token === CommaToken ||
        token === AsteriskToken ||
        token === EqualsToken ||
        (token === OpenParenToken && kindBack(1) === RequireKeyword)
      ) {
        continue;
      } else {
        clause = ended(clause);
      }
    }

    if (exportStart >= 0) {
      const from = exportStart;
      exportStart = -1;
      if (token === AsteriskToken || token === OpenBraceToken) {
        clause = { start: from, exports: true, braces: token === OpenBraceToken ? 1 : 0, star: token === AsteriskToken };
        continue;
      }
      // `export type { A } from`: the next token decides again.
      if (token === TypeKeyword) {
        exportStart = from;
        continue;
      }
      if (token === DefaultKeyword) exportDefault = true;
      if (token === EqualsToken || token === ImportKeyword) passesImports = true;
    }

    if (token === ExportKeyword && !afterDot(0)) {
      exportStart = start;
      continue;
    }
    // What follows `import` decides: a module, a call, `import.meta`, or a clause.
    const previous = kindBack(1);
    if (previous === ImportKeyword && !afterDot(1)) {
      // `export import x = require()` starts at `export`.
      const importStart = kindBack(2) === ExportKeyword ? starts[back(2)]! : starts[back(1)]!;
      if (isString) {
        add(scanner.getTokenValue(), importStart);
        continue;
      }
      if (token !== OpenParenToken && token !== DotToken) {
        clause = { start: importStart, exports: false, braces: token === OpenBraceToken ? 1 : 0 };
        continue;
      }
    }
    if (isString && previous === OpenParenToken) {
      const callee = kindBack(2);
      // `import('x')`, `require('x')`, and `vi.mock('x'` (an automock if the call ends there).
      if ((callee === ImportKeyword || callee === RequireKeyword) && !afterDot(2)) add(scanner.getTokenValue(), starts[back(2)]!);
      else if (names[back(2)] === MOCK_METHOD && kindBack(3) === DotToken && names[back(4)] === MOCK_OBJECT && !afterDot(4)) {
        mock = { specifier: scanner.getTokenValue(), start: starts[back(4)]!, comma: false };
      }
    }
  }
  if (clause) ended(clause);
  return { specifiers, reExports: [...new Set(reExports)], stars, passesImports };

  /** An export list without `from` exports the file's own bindings, imported ones included. */
  function ended(read: NonNullable<typeof clause>): undefined {
    if (read.exports) passesImports = true;
    return undefined;
  }
}
