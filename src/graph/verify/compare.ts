import type { Disagreement, Figures, Level, VerifySide as Side } from '../../types.js';

export type { Disagreement, Figures, Level } from '../../types.js';
export type { VerifySide as Side } from '../../types.js';
import type { Reach } from './reach.js';
import { compareText } from './sample.js';



/** File-level agreement: recall = common / language service, precision = common / blast. */


/** Whether `dependent` is among the dependents of `on` on a side. */
export type HasDependent = (on: string, dependent: string) => boolean;

/** The first hop of a chain that `other` lacks. */
export function firstUnmatched(chain: readonly string[], other: HasDependent): { dependent: string; on: string } | undefined {
  for (let index = 1; index < chain.length; index++) {
    const on = chain[index - 1]!;
    const dependent = chain[index]!;
    if (!other(on, dependent)) return { dependent, on };
  }
  return undefined;
}

export function compareReach(symbol: string, level: Level, languageService: Reach, blast: Reach): { figures: Figures; disagreements: Disagreement[] } {
  const disagreements: Disagreement[] = [];
  let common = 0;
  for (const [file, chain] of languageService) {
    if (blast.has(file)) common++;
    else disagreements.push({ symbol, file, seenBy: 'language-service', level, chain });
  }
  for (const [file, chain] of blast) {
    if (!languageService.has(file)) disagreements.push({ symbol, file, seenBy: 'blast', level, chain });
  }
  return { figures: figuresOf(common, languageService.size, blast.size), disagreements };
}

/** Micro-average: every file of every symbol weighs the same. */
export function sumFigures(all: readonly Figures[]): Figures {
  let common = 0;
  let languageService = 0;
  let blast = 0;
  for (const figures of all) {
    common += figures.commonFiles;
    languageService += figures.languageServiceFiles;
    blast += figures.blastFiles;
  }
  return figuresOf(common, languageService, blast);
}

function figuresOf(common: number, languageService: number, blast: number): Figures {
  return {
    // Nothing to find is found in full; nothing claimed is claimed rightly.
    recall: languageService === 0 ? 1 : common / languageService,
    precision: blast === 0 ? 1 : common / blast,
    languageServiceFiles: languageService,
    blastFiles: blast,
    commonFiles: common,
  };
}

const levelOrder: Record<Level, number> = { direct: 0, transitive: 1 };

export function compareDisagreements(a: Disagreement, b: Disagreement): number {
  return compareText(a.symbol, b.symbol) || levelOrder[a.level] - levelOrder[b.level] || compareText(a.file, b.file) || compareText(a.seenBy, b.seenBy);
}
