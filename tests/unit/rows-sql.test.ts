/**
 * Pure pieces of the capture path: the PostgreSQL multi-row INSERT written out without knex's builder,
 * and the block-wise random bytes.
 */
import { pgInsert } from '../../server/src/events/rows';
import { randomBytes } from '../../server/src/utils/random';

describe('pgInsert', () => {
  it('writes every column any row has, DEFAULT where a row has none, bindings in order', () => {
    const at = new Date('2026-12-01T00:00:00Z');
    const { sql, bindings } = pgInsert('uc_consents', [
      { seq: '5', action: 'given', recorded_at: at },
      { seq: '6', action: 'given', collected_at: at, recorded_at: at },
    ]);
    expect(sql).toBe('INSERT INTO "uc_consents" ("seq", "action", "recorded_at", "collected_at") VALUES (?, ?, ?, DEFAULT), (?, ?, ?, ?)');
    expect(bindings).toEqual(['5', 'given', at, '6', 'given', at, at]);
  });

  it('puts an expression around one value, keeping its binding', () => {
    const { sql, bindings } = pgInsert('t', [{ a: 1, b: 2 }, { a: 3, b: 4 }], { row: 0, column: 'a', sql: '(SELECT CAST(? AS bigint) FROM h)' });
    expect(sql).toBe('INSERT INTO "t" ("a", "b") VALUES ((SELECT CAST(? AS bigint) FROM h), ?), (?, ?)');
    expect(bindings).toEqual([1, 2, 3, 4]);
  });
});

describe('randomBytes', () => {
  it('hands out each byte once, across block boundaries, and large requests directly', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i += 1) {
      const b = randomBytes(24);
      expect(b).toHaveLength(24);
      seen.add(b.toString('hex'));
    }
    expect(seen.size).toBe(2000);
    expect(randomBytes(1000)).toHaveLength(1000);
    // A copy: changing what was handed out changes nothing in the next values.
    const a = randomBytes(32);
    a.fill(0);
    expect(randomBytes(32).equals(Buffer.alloc(32))).toBe(false);
  });
});
