// `thresholds` (and `ai.thresholds` for AI-assisted changes): a figure above a limit trips it.
import type { Finding } from '../types.js';
import type { PolicyInput } from './input.js';
import { countOf } from './messages.js';
import { THRESHOLD_KEYS, type Policy, type ThresholdKey } from './schema.js';

/** The figures thresholds limit. */
export type Figures = Record<ThresholdKey, number>;

/** A limit in force, and whether `ai.thresholds` supplied it. */
export interface EffectiveLimit {
  limit: number | null;
  fromAi: boolean;
}

/** The figures of a (filtered) input with its score. */
export function figuresOf(input: PolicyInput, score: number): Figures {
  return {
    files: input.affected.files.length,
    symbols: input.affected.symbols.length,
    packages: input.affected.packages.length,
    depth: input.maxDepth,
    entryPoints: input.affected.entryPoints.length,
    score,
  };
}

/** The limit of one key at one level; for AI-assisted changes `ai.thresholds` replaces it per key. */
export function effectiveLimit(
  policy: Pick<Policy, 'thresholds' | 'ai'>,
  level: 'warn' | 'fail',
  key: ThresholdKey,
  aiAssisted: boolean,
): EffectiveLimit {
  const aiLimit = aiAssisted ? policy.ai.thresholds[level][key] : null;
  return aiLimit === null ? { limit: policy.thresholds[level][key], fromAi: false } : { limit: aiLimit, fromAi: true };
}

const FIGURE_TEXT: Record<ThresholdKey, (figure: number) => string> = {
  files: (n) => countOf(n, 'affected file'),
  symbols: (n) => countOf(n, 'affected symbol'),
  packages: (n) => countOf(n, 'affected package'),
  depth: (n) => `a depth of ${n}`,
  entryPoints: (n) => countOf(n, 'affected entry point'),
  score: (n) => `a score of ${n}`,
};

/** One finding per key whose figure is above its fail limit (error) or else its warn limit (warn). */
export function thresholdFindings(
  policy: Pick<Policy, 'thresholds' | 'ai'>,
  figures: Figures,
  aiAssisted: boolean,
): Finding[] {
  const findings: Finding[] = [];
  for (const key of THRESHOLD_KEYS) {
    const figure = figures[key];
    for (const level of ['fail', 'warn'] as const) {
      const { limit, fromAi } = effectiveLimit(policy, level, key, aiAssisted);
      if (limit === null || figure <= limit) continue;
      const which = fromAi ? `AI-assisted ${level}` : level;
      findings.push({
        rule: `thresholds.${key}`,
        severity: level === 'fail' ? 'error' : 'warn',
        message: `${FIGURE_TEXT[key](figure)}, above the ${which} limit of ${limit}`,
        figure,
        limit,
      });
      break;
    }
  }
  return findings;
}
