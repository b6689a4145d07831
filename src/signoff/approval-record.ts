// The approval record (DESIGN §7) and how it sits in a note. Each record is ONE line of JSON:
// `{"blast":"approval","payload":"<the signed JSON text>","signature":"<armored signature>"}`.
// The payload is kept as the exact string that was signed, so verifying never depends on how a
// JSON library orders keys; one line per record lets several approvals share a commit's note and
// lets `git notes merge -s cat_sort_uniq` combine approvals pushed from several machines.
import type { Result } from '../types.js';

/** The figures of the radius an approver saw when approving. */
export interface RadiusSummary {
  changedSymbols: number;
  affectedSymbols: number;
  affectedFiles: number;
  affectedPackages: number;
  entryPoints: number;
  score: number;
  risk: Result['risk'];
  verdict: Result['verdict'];
}

export interface ApprovalRecord {
  kind: 'blast-approval';
  version: 1;
  /** The repository: a root commit of the merge-base's history. */
  repository: string;
  /** `git patch-id --verbatim` of the committed change (DESIGN §7). */
  fingerprint: string;
  base: { ref: string; mergeBase: string };
  head: string;
  /** `Name <email>` of whoever signed, as they configured it (the key decides who it really is). */
  approver: string;
  /** ISO 8601, UTC. */
  time: string;
  radius: RadiusSummary;
}

/** A record read from a note, with the exact bytes that were signed. */
export interface SignedRecord {
  record: ApprovalRecord;
  payload: string;
  signature: string;
  /** The commit whose note holds it. */
  object: string;
}

/** The payload text of a record: fixed key order, no whitespace. */
export function serializeRecord(record: ApprovalRecord): string {
  const { radius } = record;
  return JSON.stringify({
    kind: record.kind,
    version: record.version,
    repository: record.repository,
    fingerprint: record.fingerprint,
    base: { ref: record.base.ref, mergeBase: record.base.mergeBase },
    head: record.head,
    approver: record.approver,
    time: record.time,
    radius: {
      changedSymbols: radius.changedSymbols,
      affectedSymbols: radius.affectedSymbols,
      affectedFiles: radius.affectedFiles,
      affectedPackages: radius.affectedPackages,
      entryPoints: radius.entryPoints,
      score: radius.score,
      risk: radius.risk,
      verdict: radius.verdict,
    },
  });
}

/** The note line holding a signed payload. */
export function encodeNoteLine(payload: string, signature: string): string {
  return JSON.stringify({ blast: 'approval', payload, signature });
}

/** Adds `line` to a note's text, keeping its other lines (other approvals) and dropping duplicates. */
export function appendNoteLine(existing: string | undefined, line: string): string {
  const lines = (existing ?? '').split('\n').filter((candidate) => candidate.trim() !== '');
  if (!lines.includes(line)) lines.push(line);
  return `${lines.join('\n')}\n`;
}

/** Every readable record of a note; lines that are not blast approval records are skipped. */
export function parseNote(object: string, text: string): SignedRecord[] {
  const records: SignedRecord[] = [];
  for (const line of text.split('\n')) {
    const record = parseNoteLine(object, line.trim());
    if (record !== undefined) records.push(record);
  }
  return records;
}

function parseNoteLine(object: string, line: string): SignedRecord | undefined {
  if (!line.startsWith('{')) return undefined;
  const outer = parseJson(line);
  if (!isObject(outer) || outer.blast !== 'approval' || typeof outer.payload !== 'string' || typeof outer.signature !== 'string') {
    return undefined;
  }
  const record = toRecord(parseJson(outer.payload));
  return record === undefined ? undefined : { record, payload: outer.payload, signature: outer.signature, object };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const RISKS: ReadonlyArray<Result['risk']> = ['low', 'medium', 'high', 'critical'];
const VERDICTS: ReadonlyArray<Result['verdict']> = ['pass', 'warn', 'fail'];

/** The parse boundary: a payload becomes a record only when every field has its type. */
function toRecord(value: unknown): ApprovalRecord | undefined {
  if (!isObject(value) || value.kind !== 'blast-approval' || value.version !== 1) return undefined;
  const { repository, fingerprint, base, head, approver, time, radius } = value;
  if (typeof repository !== 'string' || typeof fingerprint !== 'string' || typeof head !== 'string') return undefined;
  if (typeof approver !== 'string' || typeof time !== 'string') return undefined;
  if (!isObject(base) || typeof base.ref !== 'string' || typeof base.mergeBase !== 'string') return undefined;
  if (!isObject(radius)) return undefined;
  const numbers = ['changedSymbols', 'affectedSymbols', 'affectedFiles', 'affectedPackages', 'entryPoints', 'score'] as const;
  if (numbers.some((key) => typeof radius[key] !== 'number')) return undefined;
  const risk = RISKS.find((candidate) => candidate === radius.risk);
  const verdict = VERDICTS.find((candidate) => candidate === radius.verdict);
  if (risk === undefined || verdict === undefined) return undefined;
  return {
    kind: 'blast-approval',
    version: 1,
    repository,
    fingerprint,
    base: { ref: base.ref, mergeBase: base.mergeBase },
    head,
    approver,
    time,
    radius: {
      changedSymbols: Number(radius.changedSymbols),
      affectedSymbols: Number(radius.affectedSymbols),
      affectedFiles: Number(radius.affectedFiles),
      affectedPackages: Number(radius.affectedPackages),
      entryPoints: Number(radius.entryPoints),
      score: Number(radius.score),
      risk,
      verdict,
    },
  };
}

/** The radius summary an approval records, from a `check` result. */
export function summarizeRadius(result: Pick<Result, 'stats' | 'score' | 'risk' | 'verdict'>): RadiusSummary {
  return {
    changedSymbols: result.stats.changedSymbols,
    affectedSymbols: result.stats.affectedSymbols,
    affectedFiles: result.stats.affectedFiles,
    affectedPackages: result.stats.affectedPackages,
    entryPoints: result.stats.entryPoints,
    score: result.score,
    risk: result.risk,
    verdict: result.verdict,
  };
}
