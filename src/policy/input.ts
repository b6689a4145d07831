import type { ChangedSymbol, Finding, Result, Risk, Verdict } from '../types.js';

/** What the policy judges: the blast radius of one change. */
export interface PolicyInput {
  /** Changed symbols (DESIGN §2), both sides. */
  changes: ChangedSymbol[];
  affected: Result['affected'];
  /** Every changed path, code or not (for `triggers`, and zones on non-code files). */
  changedFiles: string[];
  /** Changed files of ambient declarations (`declare global`, global `.d.ts` scripts): users unknown. */
  ambientFiles?: string[];
  /** Workspace packages holding changed symbols. */
  changedPackages: string[];
  /** Depth of the deepest affected symbol (0 when none). */
  maxDepth: number;
  aiAssisted: boolean;
}

/** The policy's judgement of a change. */
export interface Evaluation {
  /** Sorted by severity (error, warn, info), then rule. */
  findings: Finding[];
  /** scoreVersion 1. */
  score: number;
  risk: Risk;
  verdict: Verdict;
}
