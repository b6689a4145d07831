// The score (scoreVersion 1) and the risk band (DESIGN §6).
import type { Risk, Verdict } from '../types.js';
import type { PolicyInput } from './input.js';
import type { Policy } from './schema.js';
import { compileZones } from './zone-match.js';

/** Bumped whenever the formula below changes; reported as `scoreVersion`. */
export const SCORE_VERSION = 1;

const OUTSIDE_ZONES_WEIGHT = 1;
const OTHER_PACKAGE_POINTS = 10;
const ENTRY_POINT_POINTS = 25;

/**
 * The sum over affected symbols of the weight of the zone holding them (1 outside zones, the
 * highest when several match), plus 10 per affected package that holds no changed symbol, plus
 * 25 per entry point reached.
 */
export function computeScore(
  policy: Pick<Policy, 'zones'>,
  input: Pick<PolicyInput, 'affected' | 'changedPackages'>,
): number {
  const zones = compileZones(policy);
  let score = 0;
  for (const symbol of input.affected.symbols) {
    const weights = zones.filter(({ contains }) => contains(symbol.file)).map(({ zone }) => zone.weight);
    score += weights.length === 0 ? OUTSIDE_ZONES_WEIGHT : Math.max(...weights);
  }
  const changed = new Set(input.changedPackages);
  score += OTHER_PACKAGE_POINTS * input.affected.packages.filter((name) => !changed.has(name)).length;
  score += ENTRY_POINT_POINTS * input.affected.entryPoints.length;
  return score;
}

const RISK_ORDER: readonly Risk[] = ['low', 'medium', 'high', 'critical'];

/** low below 25, medium below 100, high below 400, critical from 400; at least high on fail. */
export function riskOf(score: number, verdict: Verdict): Risk {
  const byScore: Risk = score < 25 ? 'low' : score < 100 ? 'medium' : score < 400 ? 'high' : 'critical';
  if (verdict === 'fail' && RISK_ORDER.indexOf(byScore) < RISK_ORDER.indexOf('high')) return 'high';
  return byScore;
}
