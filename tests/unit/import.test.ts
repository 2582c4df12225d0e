/**
 * The pure parts of the consent import: the CSV reader (delimiters, quotes, BOM, encodings, row
 * numbers), a row's contract (dates, identifiers, versions), and `collectedAt` as an optional proof
 * field: hashed only when set, so the hashes of every event written without it stay what they were.
 */
import crypto from 'node:crypto';
import { decodeUtf8, detectDelimiter, parseCsv } from '../../server/src/imports/csv';
import { importRow } from '../../shared/contracts/imports';
import { eventHash, PROOF_FIELDS } from '../../server/src/events/chain';
import { personalHash } from '../../server/src/events/proof';
import { refCanonicalJson, refEventHash } from '../helpers/reference-chain';

const ok = (text: string, maxRecords = 100) => {
  const r = parseCsv(text, { maxRecords });
  if (!r.ok) throw new Error(`refused: ${(r as { code?: string }).code}`);
  return r;
};

describe('CSV reader', () => {
  it('detects the delimiter from the header, outside quotes', () => {
    expect(detectDelimiter('a,b,c\n1;2;3;4;5')).toBe(',');
    expect(detectDelimiter('a;b;c\n1,2')).toBe(';');
    expect(detectDelimiter('"a,b,c";d;e\n')).toBe(';');
  });

  it('reads quotes, doubled quotes, line breaks in cells, CRLF, and numbers rows as a spreadsheet does', () => {
    const r = ok('email;note\r\n"a@x";"one; ""two""\r\nthree"\r\n\r\nb@x;plain\r\n');
    expect(r.delimiter).toBe(';');
    expect(r.header).toEqual(['email', 'note']);
    expect(r.records).toEqual([
      { row: 2, cells: ['a@x', 'one; "two"\r\nthree'] },
      { row: 5, cells: ['b@x', 'plain'] },
    ]);
  });

  it('keeps a quote inside an unquoted cell, and an empty last cell', () => {
    expect(ok('a,b\nsay "hi",\n').records).toEqual([{ row: 2, cells: ['say "hi"', ''] }]);
  });

  it('refuses an unclosed quote, an empty file and too many rows, with the row', () => {
    expect(parseCsv('a,b\n1,2\n"3,4\n', { maxRecords: 10 })).toEqual({ ok: false, code: 'csv-quote', row: 3 });
    expect(parseCsv('\n\n', { maxRecords: 10 })).toMatchObject({ ok: false, code: 'empty-file' });
    expect(parseCsv('a\n1\n2\n3\n', { maxRecords: 2 })).toMatchObject({ ok: false, code: 'too-many-rows', params: { maximum: 2 } });
    expect(parseCsv('a\n1\n2\n', { maxRecords: 2 }).ok).toBe(true);
  });

  it('takes UTF-8 with or without a BOM, and refuses other encodings', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('a');
    expect(decodeUtf8(Buffer.from('Анна', 'utf8'))).toBe('Анна');
    // "Анна" in Windows-1251.
    expect(decodeUtf8(new Uint8Array([0xc0, 0xed, 0xed, 0xe0]))).toBeNull();
  });
});

describe('an imported row', () => {
  const base = { email: 'a@example.com', version: '7', decision: 'given', collectedAt: '2025-03-05' };
  const codes = (input: Record<string, unknown>) => {
    const r = importRow.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.code === 'custom' ? (i as any).params?.code : i.code]);
  };

  it('reads dates as UTC midnight or with their zone', () => {
    expect(importRow.parse(base).collectedAt.toISOString()).toBe('2025-03-05T00:00:00.000Z');
    expect(importRow.parse({ ...base, collectedAt: '2025-03-05T14:30:00+03:00' }).collectedAt.toISOString()).toBe('2025-03-05T11:30:00.000Z');
    expect(importRow.parse({ ...base, collectedAt: '2025-03-05T14:30Z' }).collectedAt.toISOString()).toBe('2025-03-05T14:30:00.000Z');
  });

  it('refuses a date that is not ISO, not a day, without a zone, in the future or before 1970', () => {
    for (const d of ['05.03.2025', '2025-02-30', '2025-03-05T14:30:00', '2025-3-5', 'yesterday']) expect(codes({ ...base, collectedAt: d })).toEqual([['collectedAt', 'iso-date']]);
    expect(codes({ ...base, collectedAt: new Date(Date.now() + 3_600_000).toISOString() })).toEqual([['collectedAt', 'future-date']]);
    expect(codes({ ...base, collectedAt: '1969-12-31' })).toEqual([['collectedAt', 'date-too-early']]);
  });

  it('needs an identifier a person can be found by, and a version', () => {
    expect(codes({ ...base, email: '', name: 'Only a name' })).toEqual([['subject', 'identifier-required']]);
    expect(codes({ ...base, version: '', agreement: '3' })).toEqual([['version', 'version-required']]);
    expect(importRow.parse({ ...base, version: '', agreement: '3', versionNumber: '2' })).toMatchObject({ agreement: 3, versionNumber: 2 });
    expect(importRow.parse({ ...base, decision: ' Refused ' }).decision).toBe('refused');
    expect(codes({ ...base, extra: 'x' })).toEqual([['', 'unrecognized_keys']]);
  });
});

describe('collectedAt in the proof', () => {
  const event = {
    seq: '12',
    action: 'given',
    agreementId: 3,
    versionId: 7,
    versionNumber: 2,
    receiptId: crypto.randomUUID(),
    channel: 'import',
    recordedBy: 1,
    personalId: 5,
    personalHash: 'a'.repeat(64),
    recordedAt: new Date('2026-11-30T10:00:00Z'),
    prevHash: 'b'.repeat(64),
  };

  it('leaves the hash of an event without it as it always was', () => {
    expect(eventHash(event)).toBe(refEventHash(event));
    expect(eventHash({ ...event, collectedAt: null })).toBe(refEventHash(event));
    expect(PROOF_FIELDS).not.toContain('collectedAt');
  });

  it('covers it when set, in canonical order, as an ISO date', () => {
    const collected = { ...event, collectedAt: '2025-03-05T11:30:00+00:00' };
    const proof: Record<string, unknown> = {};
    for (const f of PROOF_FIELDS) proof[f] = (event as Record<string, unknown>)[f] ?? null;
    proof.seq = '12';
    proof.recordedAt = '2026-11-30T10:00:00.000Z';
    proof.collectedAt = '2025-03-05T11:30:00.000Z';
    expect(eventHash(collected)).toBe(crypto.createHash('sha256').update(refCanonicalJson(proof)).digest('hex'));
    expect(eventHash(collected)).not.toBe(eventHash(event));
    expect(eventHash({ ...collected, collectedAt: new Date('2025-03-05T11:30:00.001Z') })).not.toBe(eventHash(collected));
  });

  it('commits the keyed personal hash to the evidence only when there is one', () => {
    const secret = crypto.randomBytes(32).toString('hex');
    const part = { subject: { email: 'a@example.com' }, ip: null, userAgent: null, pageQuery: null, data: null, note: null };
    expect(personalHash(secret, { ...part, evidence: null })).toBe(personalHash(secret, part));
    expect(personalHash(secret, { ...part, evidence: 'c'.repeat(64) })).not.toBe(personalHash(secret, part));
    expect(personalHash(secret, { ...part, evidence: 'c'.repeat(64) })).not.toBe(personalHash(secret, { ...part, evidence: 'd'.repeat(64) }));
  });
});
