/**
 * The hash of a consent event must not change by a byte: chains written with the first
 * implementation (canonicalJson built with map/join, eventHash over an object of the normalised
 * proof fields, a Hash object per digest) must keep verifying. tests/helpers/reference-chain.ts
 * holds that first implementation, copied as it was; the plugin's faster functions are compared
 * with it on many generated records.
 */
import crypto from 'node:crypto';
import { canonicalJson, jsonString, sha256 } from '../../server/src/utils/hash';
import { eventHash, proofJson, PROOF_FIELDS } from '../../server/src/events/chain';
import { refCanonicalJson, refEventHash, refProofJson, refSha256 } from '../helpers/reference-chain';

// ---- generated values ---------------------------------------------------------------------------

/** Deterministic PRNG (mulberry32), so a failure can be reproduced. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const rand = prng(20261129);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)];

const STRINGS = [
  '',
  'plain',
  'contact',
  'Иван Петров',
  'Ünïcödé ✓ 中文 العربية',
  'emoji 😀👍🏽 pairs',
  'lone \ud800 high',
  'lone \udc00 low',
  'quote " and \\ backslash',
  'controls \u0000\u0001\b\f\n\r\t\u001f end',
  'line sep \u2028 para \u2029 del \u007f',
  '<script>alert("x")</script>',
  'https://shop7.example/promo?ref=12&x="y"',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
  '0',
  '1',
  'true',
  'null',
  '2026-11-29T20:00:00.000Z',
  '__proto__',
  'constructor',
  '10',
  '2',
  'a'.repeat(3000),
];
const KEYS = ['email', 'name', 'Phone', 'phone', 'zeta', 'alpha', 'Alpha', '_x', '1', '10', '2', 'é', 'ключ', '😀', 'a b', 'a"b', 'a\\b', '\n', '', 'constructor', 'toString'];
const NUMBERS = [0, -0, 1, -1, 42, 3.14, -2.5e-7, 1e21, 1.7976931348623157e308, 5e-324, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, NaN, Infinity, -Infinity, 0.1 + 0.2];

const randomString = (): string => {
  if (rand() < 0.7) return pick(STRINGS);
  let s = '';
  const len = int(20);
  for (let i = 0; i < len; i += 1) s += String.fromCharCode(rand() < 0.8 ? 32 + int(95) : int(0x10000));
  return s;
};

const randomJson = (depth: number): unknown => {
  const r = rand();
  if (depth > 3 || r < 0.45) {
    switch (int(6)) {
      case 0:
        return null;
      case 1:
        return rand() < 0.5;
      case 2:
        return pick(NUMBERS);
      default:
        return randomString();
    }
  }
  if (r < 0.7) {
    const a: unknown[] = [];
    const len = int(5);
    for (let i = 0; i < len; i += 1) a.push(randomJson(depth + 1));
    if (rand() < 0.1) a.push(undefined);
    return a;
  }
  const o: Record<string, unknown> = {};
  const len = int(6);
  for (let i = 0; i < len; i += 1) o[rand() < 0.8 ? pick(KEYS) : randomString()] = randomJson(depth + 1);
  if (rand() < 0.1) o.gone = undefined;
  return o;
};

const randomRecordedAt = (): unknown => {
  const ms = 1_600_000_000_000 + int(200_000_000_000);
  switch (int(6)) {
    case 0:
      return new Date(ms);
    case 1:
      return new Date(ms).toISOString();
    case 2:
      return ms; // SQLite stores datetimes as epoch milliseconds
    case 3:
      return new Date(ms).toISOString().replace('T', ' ').replace('Z', ''); // a local "YYYY-MM-DD hh:mm:ss.sss"
    case 4:
      return new Date(ms).toUTCString();
    default:
      return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+02:00');
  }
};

const randomSeq = (): unknown => {
  const n = 1 + int(5_000_000);
  switch (int(4)) {
    case 0:
      return n;
    case 1:
      return String(n);
    case 2:
      return BigInt(n);
    default:
      return BigInt('9007199254740993') + BigInt(n); // beyond Number.MAX_SAFE_INTEGER
  }
};

const maybe = <T>(v: () => T, pNull = 0.2): T | null | undefined => {
  const r = rand();
  if (r < pNull / 2) return null;
  if (r < pNull) return undefined;
  return v();
};

const randomBool = (): unknown => pick([true, false, 0, 1, '0', '1', 'true', '', 2]);

const randomRecord = (): Record<string, unknown> => {
  const erased = rand() < 0.1;
  const row: Record<string, unknown> = {
    id: int(1000),
    hash: crypto.randomBytes(32).toString('hex'),
    seq: randomSeq(),
    action: erased ? 'erased' : pick(['given', 'refused', 'withdrawn']),
    agreementId: maybe(() => 1 + int(100), 0.05),
    versionId: maybe(() => 1 + int(100), 0.05),
    versionNumber: maybe(() => pick([1, 2, 3, 17]), 0.3),
    formKey: maybe(() => pick(['contact', 'newsletter', 'shop', 'формa', 'x"y'])),
    pageUrl: maybe(() => `https://shop${int(20)}.example/${randomString()}`),
    fields: maybe(() => (rand() < 0.3 ? [] : randomJson(0)), 0.3),
    behaviour: maybe(() => pick(['optional-unchecked', 'required', 'prechecked'])),
    prechecked: maybe(randomBool),
    fullTextOpened: maybe(randomBool),
    receiptId: maybe(() => crypto.randomUUID()),
    tokenHash: maybe(() => crypto.randomBytes(32).toString('hex')),
    withdrawsId: maybe(() => int(100_000), 0.8),
    channel: maybe(() => pick(['web', 'admin', 'api', 'system'])),
    note: maybe(randomString, 0.7),
    recordedBy: maybe(() => int(10), 0.8),
    personalId: maybe(() => int(100_000), 0.3),
    personalHash: maybe(() => crypto.randomBytes(32).toString('hex'), 0.3),
    ipPolicy: maybe(() => pick(['full', 'truncated', 'none']), 0.3),
    erasure: erased
      ? maybe(() => (rand() < 0.6 ? { id: int(100), kind: pick(['email', 'phone', 'receipt', 'retention']), reason: 'subject-request', events: int(10), subjects: int(3), personal: [int(1000), int(1000)] } : randomJson(0)), 0.1)
      : maybe(() => randomJson(0), 0.9),
    recordedAt: randomRecordedAt(),
    // Only imported consents have it.
    collectedAt: maybe(randomRecordedAt, 0.7),
    prevHash: rand() < 0.02 ? '0'.repeat(64) : crypto.randomBytes(32).toString('hex'),
  };
  // Rows as the query engine or a driver hands them over: some fields absent, extra columns
  // (among them the personal columns events held before the personal store).
  if (rand() < 0.1) delete row[pick(PROOF_FIELDS)];
  if (rand() < 0.1) row.documentId = 'abcdefghijklmnopqrstuvwx';
  if (rand() < 0.1) Object.assign(row, { ip: '10.1.2.3', subject: randomJson(0), userAgent: randomString(), submissionId: int(10) });
  // Numbers where strings are expected and the other way round (a tampered or legacy row).
  if (rand() < 0.05) row.agreementId = String(row.agreementId);
  if (rand() < 0.05) row.personalId = String(row.personalId);
  if (rand() < 0.05) row.ipPolicy = 1234;
  return row;
};

/** The outcome of a function: its result, or the kind of error it threw. */
const outcome = (fn: () => unknown) => {
  try {
    return { value: fn() };
  } catch (e) {
    return { threw: (e as Error).constructor.name };
  }
};

// ---- tests -------------------------------------------------------------------------------------

describe('canonicalJson keeps the output of the original implementation', () => {
  it('on hand-picked values', () => {
    const sparse: unknown[] = [1, , 3]; // eslint-disable-line no-sparse-arrays
    const fn = () => 1;
    const values: unknown[] = [
      null,
      undefined,
      true,
      false,
      ...NUMBERS,
      ...STRINGS,
      [],
      {},
      [undefined, null, 1],
      sparse,
      new Array(3),
      { b: 1, a: 2, c: { z: [3, { y: 1, x: null }], a: undefined } },
      { '10': 'a', '2': 'b', '1': 'c', b: 'd', a: 'e' },
      new Date(0),
      { when: new Date(0), buf: Buffer.from('hi') },
      new Uint8Array([3, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11]),
      new Map([['a', 1]]),
      Object.create(null),
      Object.assign(Object.create(null), { b: 1, a: 2 }),
      { toJSON: () => 'x', a: 1 },
      { f: fn, a: 1 },
      [fn, 1, Symbol('s')],
      fn,
      Symbol('s'),
      { s: Symbol('s') },
      [[[[[]]]]],
      { nested: { deeper: { deepest: ['Ω', { k: 'v' }] } } },
    ];
    for (const v of values) expect(outcome(() => canonicalJson(v))).toEqual(outcome(() => refCanonicalJson(v)));
  });

  it('throws on a bigint, as it did', () => {
    expect(() => canonicalJson(BigInt(1))).toThrow(TypeError);
    expect(() => refCanonicalJson(BigInt(1))).toThrow(TypeError);
    expect(() => canonicalJson({ a: [BigInt(1)] })).toThrow(TypeError);
  });

  it('on 20,000 generated JSON values', () => {
    for (let i = 0; i < 20_000; i += 1) {
      const v = randomJson(0);
      expect(canonicalJson(v)).toBe(refCanonicalJson(v));
    }
  });

  it('writes strings exactly as JSON.stringify does', () => {
    for (const s of STRINGS) expect(jsonString(s)).toBe(JSON.stringify(s));
    for (let c = 0; c < 0x10000; c += 1) {
      const s = `a${String.fromCharCode(c)}b`;
      if (jsonString(s) !== JSON.stringify(s)) throw new Error(`code unit ${c.toString(16)}: ${jsonString(s)} != ${JSON.stringify(s)}`);
    }
  });
});

describe('sha256 digests what a Hash object digests', () => {
  it('for ASCII, unicode and lone surrogates', () => {
    for (const s of [...STRINGS, '', 'x'.repeat(100_000)]) expect(sha256(s)).toBe(refSha256(s));
  });
});

describe('eventHash keeps every existing chain verifying', () => {
  it('gives the original hash for 30,000 generated records', () => {
    let compared = 0;
    for (let i = 0; i < 30_000; i += 1) {
      const row = randomRecord();
      const mine = outcome(() => eventHash(row));
      const ref = outcome(() => refEventHash(row));
      expect(mine).toEqual(ref);
      if ('value' in ref) compared += 1;
    }
    expect(compared).toBeGreaterThan(29_000);
  });

  it('writes the same canonical JSON', () => {
    for (let i = 0; i < 5_000; i += 1) {
      const row = randomRecord();
      const ref = outcome(() => refProofJson(row));
      expect(outcome(() => proofJson(row))).toEqual(ref);
    }
  });

  it('on records as each database hands them back', () => {
    const base = {
      seq: '7',
      action: 'given',
      agreementId: 3,
      versionId: 9,
      versionNumber: 2,
      formKey: 'contact',
      pageUrl: 'https://site.example/contact',
      fields: [{ key: 'name', value: 'Анна' }],
      behaviour: 'optional-unchecked',
      prechecked: false,
      fullTextOpened: true,
      receiptId: '11111111-1111-4111-8111-111111111111',
      tokenHash: 't'.repeat(64),
      withdrawsId: null,
      channel: 'web',
      note: null,
      recordedBy: null,
      personalId: 5,
      personalHash: 'h'.repeat(64),
      ipPolicy: 'truncated',
      erasure: { id: 2, kind: 'email', personal: [5, 6] },
      recordedAt: '2026-11-29T20:15:42.123Z',
      prevHash: 'p'.repeat(64),
    };
    const expected = refEventHash(base);
    const ms = Date.parse(base.recordedAt);
    const variants: Record<string, unknown>[] = [
      { ...base, seq: 7, prechecked: 0, fullTextOpened: 1, recordedAt: ms }, // SQLite
      { ...base, seq: BigInt(7), recordedAt: new Date(ms) }, // PostgreSQL (seq as bigint), Date
      { ...base, recordedAt: new Date(ms) }, // PostgreSQL, MySQL
      { ...base, erasure: { personal: [5, 6], kind: 'email', id: 2 } }, // jsonb reorders keys
      { ...base, fullTextOpened: 1, prechecked: 0 }, // MySQL tinyint
      { ...base, withdrawsId: undefined, note: undefined }, // absent = null
      // Columns that are not proof fields (an event holds no personal data) do not count.
      { ...base, ip: '203.0.113.9', subject: { email: 'anna@example.com' }, userAgent: 'UA', hash: 'x', id: 1 },
    ];
    for (const v of variants) {
      expect(eventHash(v)).toBe(expected);
      expect(refEventHash(v)).toBe(expected);
    }
    for (const changed of [{ personalHash: 'g'.repeat(64) }, { personalId: 6 }, { ipPolicy: 'full' }, { erasure: { id: 2, kind: 'email', personal: [5] } }, { action: 'erased' }, { pageUrl: 'https://site.example/contact?x=1' }]) {
      expect(eventHash({ ...base, ...changed })).not.toBe(expected);
    }
  });

  it('fails on an invalid date as it did', () => {
    const row = { seq: 1, recordedAt: 'not a date' };
    expect(outcome(() => eventHash(row))).toEqual(outcome(() => refEventHash(row)));
    expect(outcome(() => eventHash({ seq: 1, recordedAt: new Date(NaN) }))).toEqual({ threw: 'RangeError' });
  });
});
