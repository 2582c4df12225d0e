/**
 * Pure pieces of the capture path: the PostgreSQL multi-row INSERT written out without knex's builder,
 * its form with one array per column (a named statement), and the block-wise random bytes.
 */
import { pgArrayInsert, pgInsert, type PgColumn } from '../../server/src/events/rows';
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

describe('pgArrayInsert', () => {
  const columns = new Map<string, PgColumn>([
    ['id', { type: 'int4', hasDefault: true }],
    ['seq', { type: 'int8', hasDefault: false }],
    ['action', { type: 'varchar', hasDefault: false }],
    ['choices', { type: 'jsonb', hasDefault: false }],
    ['recorded_at', { type: 'timestamp', hasDefault: false }],
  ]);
  const head = { column: 'seq', value: '5', sql: (p: string) => `(SELECT CAST(${p} AS bigint) FROM h)` };

  it("writes one array per column, in the table's order, the same text for any number of rows", () => {
    const at = new Date('2026-12-01T00:00:00Z');
    const one = pgArrayInsert('t', [{ recorded_at: at, seq: '5', action: 'given' }], columns, 4, head)!;
    const three = pgArrayInsert(
      't',
      [
        { seq: '5', action: 'given', recorded_at: at },
        { seq: '6', action: 'refused', recorded_at: at, choices: '{"a":1}' },
        { seq: '7', action: 'given', recorded_at: at },
      ],
      columns,
      4,
      head
    )!;
    expect(one.sql).toBe(
      'INSERT INTO "t" ("seq", "action", "recorded_at") SELECT CASE WHEN u.uc_ord = 1 THEN (SELECT CAST($7 AS bigint) FROM h) ELSE u."seq" END, u."action", u."recorded_at" ' +
        'FROM unnest($4::int8[], $5::varchar[], $6::timestamp[]) WITH ORDINALITY AS u("seq", "action", "recorded_at", uc_ord) ORDER BY u.uc_ord'
    );
    expect(one.values).toEqual([['5'], ['given'], [at], '5']);
    // A column that only some rows have is null in the others (it has no default).
    expect(three.sql).toContain('unnest($4::int8[], $5::varchar[], $6::jsonb[], $7::timestamp[])');
    expect(three.values).toEqual([['5', '6', '7'], ['given', 'refused', 'given'], [null, '{"a":1}', null], [at, at, at], '5']);
    const again = pgArrayInsert('t', [{ seq: '9', action: 'x', recorded_at: at, choices: null }, { seq: '10', action: 'y', recorded_at: at, choices: null }], columns, 4, head)!;
    expect(again.sql).toBe(three.sql);
  });

  it('declines rows it would write differently from pgInsert: a defaulted column missing from one row, an unknown column', () => {
    expect(pgArrayInsert('t', [{ id: 1, seq: '1' }, { seq: '2' }], columns, 1)).toBeNull();
    expect(pgArrayInsert('t', [{ seq: '1', nope: 1 }], columns, 1)).toBeNull();
    expect(pgArrayInsert('t', [{ id: 1, seq: '1' }, { id: 2, seq: '2' }], columns, 1)).not.toBeNull();
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
