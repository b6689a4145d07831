import { describe, expect, test } from 'vitest';
import { appendNoteLine, encodeNoteLine, parseNote, serializeRecord, summarizeRadius, type ApprovalRecord } from '../../src/signoff/approval-record.js';

const record: ApprovalRecord = {
  kind: 'blast-approval',
  version: 1,
  repository: 'a'.repeat(40),
  fingerprint: 'b'.repeat(40),
  base: { ref: 'origin/main', mergeBase: 'c'.repeat(40) },
  head: 'd'.repeat(40),
  approver: 'Ann <ann@example.com>',
  time: '2024-01-01T00:00:00Z',
  radius: { changedSymbols: 2, affectedSymbols: 5, affectedFiles: 3, affectedPackages: 0, entryPoints: 1, score: 30, risk: 'medium', verdict: 'warn' },
};

describe('approval records in notes', () => {
  test('one line per record; the payload is kept as the exact text signed', () => {
    const payload = serializeRecord(record);
    const line = encodeNoteLine(payload, '-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----');
    expect(line).not.toContain('\n');
    const [parsed] = parseNote('e'.repeat(40), `${line}\n`);
    expect(parsed).toEqual({ record, payload, signature: '-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----', object: 'e'.repeat(40) });
  });

  test('other approvals in the note are kept; a duplicate is not added twice', () => {
    const a = encodeNoteLine(serializeRecord(record), 'sig-a');
    const b = encodeNoteLine(serializeRecord({ ...record, approver: 'Bob <bob@example.com>' }), 'sig-b');
    expect(appendNoteLine(undefined, a)).toBe(`${a}\n`);
    expect(appendNoteLine(`${a}\n`, b)).toBe(`${a}\n${b}\n`);
    expect(appendNoteLine(`${a}\n${b}\n`, a)).toBe(`${a}\n${b}\n`);
    expect(parseNote('f'.repeat(40), `${a}\n${b}\n`).map((entry) => entry.record.approver)).toEqual(['Ann <ann@example.com>', 'Bob <bob@example.com>']);
  });

  test('lines that are not records are skipped', () => {
    const bad = [
      'free text someone wrote',
      '{"blast":"approval","payload":"not json","signature":"x"}',
      `{"blast":"approval","payload":${JSON.stringify(JSON.stringify({ ...record, radius: { ...record.radius, risk: 'extreme' } }))},"signature":"x"}`,
      `{"blast":"approval","payload":${JSON.stringify(JSON.stringify({ ...record, version: 2 }))},"signature":"x"}`,
      '{"blast":"approval"}',
      '{',
    ];
    expect(parseNote('f'.repeat(40), bad.join('\n'))).toEqual([]);
  });

  test('the radius summary of a check result', () => {
    expect(
      summarizeRadius({
        stats: {
          changedSymbols: 2, affectedSymbols: 5, affectedFiles: 3, affectedTests: 1, affectedPackages: 0, entryPoints: 1,
          maxDepth: 2, unknownEdges: 0, unresolvedImports: 0, unparsedFiles: [],
        },
        score: 30,
        risk: 'medium',
        verdict: 'warn',
      }),
    ).toEqual(record.radius);
  });
});
