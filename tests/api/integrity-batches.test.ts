/**
 * Verification reads the chain with knex in batches, maps the rows itself and hashes them with the
 * faster eventHash. Here a chain of more than two batches is verified both ways — by the plugin and
 * by the first implementation (tests/helpers/reference-chain.ts: query-engine batches, the original
 * hash) — untouched and after each kind of tampering, at and around the batch boundaries, and the
 * two reports must be the same. The rows' own mapping is compared with the query engine's.
 */
import crypto from 'node:crypto';
import type { Harness } from '../helpers/strapi';
import { withScenario, type Scenario } from '../helpers/scenario';
import { dropTriggers, reinstallTriggers } from '../helpers/triggers';
import { refPersonalHash, refVerify } from '../helpers/reference-chain';
import { eventHash, HASHED_FIELDS, HEAD_TABLE, PROOF_FIELDS } from '../../server/src/events/chain';
import { rowReader } from '../../server/src/events/raw-rows';

const CONSENT = 'plugin::user-consent.consent';
const PERSONAL = 'plugin::user-consent.personal';
// Verification reads B events per batch here (`verifyBatchSize`, 5,000 by default): the chain spans
// more than two batches and every boundary below is a multiple of B.
const B = 500;
const EXTRA = 2 * B + B / 5;

describe('verification in batches gives the verdicts of the first implementation', () => {
  let h: Harness;
  let s: Scenario;
  let total = 0;
  const meta = () => h.strapi.db.metadata.get(CONSENT);
  const table = () => meta().tableName;
  const col = (attr: string) => (meta().attributes[attr] as any).columnName as string;
  const knex = () => h.strapi.db.connection;
  const client = () => h.strapi.db.dialect.client;
  const verify = () => h.strapi.plugin('user-consent').service('integrity').verify();
  const rowAt = (seq: number) => knex()(table()).where({ [col('seq')]: seq }).first();
  /** A value as read back, in a form knex writes back unchanged (pg would make a JS array a SQL array). */
  const dbValue = (v: unknown) => (v !== null && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v) ? JSON.stringify(v) : v);
  const dbRow = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, dbValue(v)]));

  /** Both verifications, compared; returns the plugin's report. */
  const both = async () => {
    const mine = await verify();
    const ref = await refVerify(h.strapi);
    // The reference predates the reason codes: compare the rest, and check that a break has a code.
    const { code, params: _params, ...broken } = mine.firstBroken ?? ({} as Record<string, any>);
    expect({ intact: mine.intact, checked: mine.checked, head: mine.head, firstBroken: mine.firstBroken ? broken : null }).toEqual(ref);
    if (mine.firstBroken) expect(code).toMatch(/^[a-z-]+$/);
    return mine;
  };

  const give = async (email: string, extra: Record<string, unknown> = {}) => {
    const res = await h.http().post('/api/user-consent/forms/contact/consents').set('User-Agent', 'Batches "test" \\ x').send({
      pageUrl: 'https://site.example/contact?q="x"&y=Ж',
      subject: { email, ...extra },
      data: { name: 'Ёлка Ünïcode 😀', email, comment: 'line\nbreak \\ back' },
      decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.ads, accepted: false }],
    });
    expect(res.status).toBe(201);
  };

  withScenario((app) => ({ h, s } = app), { env: { UC_VERIFY_BATCH: String(B) } });
  beforeAll(async () => {
    for (let i = 0; i < 3; i += 1) await give(`batch${i}@example.com`, { name: 'Ёлка "Ü" 😀', phone: '+7 900 000-00-0' + i });

    // A personal record that events at the first batch boundary commit to, erased by an `erased`
    // event in the last batch (and gone from the store, as an erasure leaves it).
    const secret = crypto.randomBytes(32).toString('hex');
    const part = { subject: { email: 'gone@example.com' }, ip: '192.0.2.1', userAgent: 'UA', pageQuery: '?a=1', data: null, note: null };
    const gone = await h.strapi.db.query(PERSONAL).create({ data: { ...part, secret, collectedAt: new Date() } });
    const goneHash = refPersonalHash(secret, part);

    // Appends through the query engine (so the values are stored as Strapi stores them), in bulk.
    const query = h.strapi.db.query(CONSENT);
    const template: Record<string, any> = await query.findOne({ where: { seq: 1 } });
    expect(template.personalId).toBeTruthy();
    const head = await knex()(HEAD_TABLE).where({ id: 1 }).first('seq', 'hash');
    let seq = BigInt(head.seq);
    let prevHash: string = head.hash;
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    for (let done = 0; done < EXTRA; done += 500) {
      const data: Record<string, unknown>[] = [];
      for (let i = done; i < done + 500; i += 1) {
        seq += BigInt(1);
        const event: Record<string, unknown> = {};
        for (const f of PROOF_FIELDS) event[f] = template[f];
        Object.assign(event, {
          seq: seq.toString(),
          prevHash,
          receiptId: crypto.randomUUID(),
          tokenHash: crypto.randomBytes(32).toString('hex'),
          ipPolicy: i % 7 === 0 ? null : ['full', 'truncated', 'none'][i % 3],
          personalId: i % 3 === 0 ? null : template.personalId,
          personalHash: i % 3 === 0 ? null : template.personalHash,
          fields: i % 4 === 0 ? [] : { comment: `c"${i}"\u2028`, name: 'N' },
          prechecked: i % 5 === 0,
          fullTextOpened: i % 2 === 0,
          note: i % 11 === 0 ? `note ${i} 😀` : null,
          withdrawsId: i % 13 === 0 ? i : null,
          recordedAt: new Date(start + i * 1_234),
        });
        if (i >= B - 10 && i < B + 10) Object.assign(event, { personalId: gone.id, personalHash: goneHash });
        const erasedIds = i === 2 * B + B / 10 ? [gone.id] : [];
        if (i % 17 === 5 || i === 2 * B + B / 10) {
          Object.assign(event, {
            action: 'erased',
            agreementId: null,
            versionId: null,
            versionNumber: null,
            formKey: null,
            pageUrl: null,
            tokenHash: null,
            personalId: null,
            personalHash: null,
            ipPolicy: null,
            channel: 'admin',
            erasure: { id: i, kind: 'email', reason: 'subject-request', events: 2, subjects: 1, personal: erasedIds, extra: { z: i, a: [i, 'Имя', false] } },
          });
        }
        event.hash = eventHash(event);
        prevHash = event.hash as string;
        data.push({ ...event, documentId: crypto.randomBytes(12).toString('hex').slice(0, 24) });
      }
      await query.createMany({ data });
    }
    await knex()(HEAD_TABLE).where({ id: 1 }).update({ seq: seq.toString(), hash: prevHash });
    total = Number(seq);
    await h.strapi.db.query(PERSONAL).delete({ where: { id: gone.id } });
  });

  it('maps every row as the query engine does, without falling back to it', async () => {
    const select = ['id', 'hash', ...HASHED_FIELDS];
    const reader = rowReader(meta() as any, select);
    const raws = await knex()(table()).select(reader.columns).orderBy('id');
    const rows: Record<string, any>[] = await h.strapi.db.query(CONSENT).findMany({ select, orderBy: { id: 'asc' } });
    expect(raws).toHaveLength(total);
    expect(rows).toHaveLength(total);
    raws.forEach((raw: Record<string, unknown>, i: number) => {
      const mapped = reader.map(raw);
      expect(mapped).not.toBeNull();
      const { recordedAt, ...rest } = mapped as Record<string, any>;
      const { recordedAt: expectedAt, ...expectedRest } = rows[i];
      expect(recordedAt).toBeInstanceOf(Date);
      expect(recordedAt.toISOString()).toBe(expectedAt);
      expect(rest).toEqual(expectedRest);
      expect(eventHash(mapped as Record<string, unknown>)).toBe(rows[i].hash);
    });
  });

  it('an intact chain of more than two batches', async () => {
    const report = await both();
    expect(report).toMatchObject({ intact: true, checked: total, firstBroken: null });
  });

  describe('tampered', () => {
    beforeAll(async () => dropTriggers(h.strapi));
    afterAll(async () => reinstallTriggers(h.strapi));

    /** Changes a column of the record at seq, checks both verdicts, puts the value back. */
    const alter = async (seq: number, column: string, value: unknown, expected: RegExp | null) => {
      const victim = await rowAt(seq);
      await knex()(table()).where({ id: victim.id }).update({ [column]: value });
      try {
        const report = await both();
        if (expected) expect(report.firstBroken).toMatchObject({ id: victim.id, seq: String(seq), reason: expect.stringMatching(expected) });
        else expect(report).toMatchObject({ intact: true, checked: total });
      } finally {
        await knex()(table()).where({ id: victim.id }).update({ [column]: dbValue(victim[column]) });
      }
    };

    afterEach(async () => {
      expect((await verify()).intact).toBe(true);
    });

    it('altered records at and around the batch boundaries', async () => {
      await alter(1, col('personalHash'), 'f'.repeat(64), /altered/);
      await alter(B, col('ipPolicy'), 'none', /altered/); // it is 'truncated'
      await alter(B - 1, col('personalId'), null, /altered/);
      await alter(B + 1, col('pageUrl'), 'https://elsewhere.example/', /altered/);
      await alter(2 * B, col('fullTextOpened'), true, /altered/);
      await alter(2 * B + 1, col('fullTextOpened'), false, /altered/);
      await alter(2 * B + 3, col('fullTextOpened'), true, null); // the value it has
      await alter(total, col('recordedAt'), new Date('2020-01-01T00:00:00.000Z'), /altered/);
      await alter((9 * B) / 5, col('prevHash'), 'f'.repeat(64), /previous-hash/);
    });

    it('json: other key order and twice-stringified text keep their meaning, other values do not', async () => {
      const victim = await knex()(table()).where(col('action'), 'erased').andWhere(col('seq'), '>', (3 * B) / 2).orderBy(col('seq')).first();
      const at = Number(victim[col('seq')]);
      const erasure = typeof victim[col('erasure')] === 'string' ? JSON.parse(victim[col('erasure')]) : victim[col('erasure')];
      expect(erasure).toMatchObject({ kind: 'email', extra: { a: expect.any(Array) } });
      const reordered = JSON.stringify(Object.fromEntries(Object.entries({ ...erasure, extra: Object.fromEntries(Object.entries(erasure.extra).reverse()) }).reverse()));
      await alter(at, col('erasure'), reordered, null);
      await alter(at, col('erasure'), JSON.stringify(JSON.stringify(erasure)), null);
      await alter(at, col('erasure'), JSON.stringify({ ...erasure, events: 3 }), /altered/);
      await alter(at, col('erasure'), JSON.stringify({ ...erasure, extra: { ...erasure.extra, a: [...erasure.extra.a].reverse() } }), /altered/);
      await alter(at, col('erasure'), null, /altered/);
      await alter((3 * B) / 2 + 9, col('fields'), JSON.stringify({ comment: 'x', name: 'N' }), /altered/);
    });

    it('removed records: inside a batch, first of a batch, last', async () => {
      for (const seq of [(3 * B) / 5, B + 1, 2 * B + 1, total]) {
        const victim = await rowAt(seq);
        await knex()(table()).where({ id: victim.id }).delete();
        try {
          const report = await both();
          expect(report.intact).toBe(false);
          expect(report.firstBroken.reason).toMatch(/missing/);
        } finally {
          await knex()(table()).insert(dbRow(victim));
        }
      }
    });

    it('inserted records: after the head, without seq, duplicate seq values (unique index dropped)', async () => {
      const forge = async (template: Record<string, unknown>, fields: Record<string, unknown>) => {
        const { id: _id, document_id: _d, ...rest } = template;
        const row = dbRow({ ...rest, document_id: 'forgedforgedforgedforged', [col('receiptId')]: crypto.randomUUID(), ...fields });
        const [inserted] = await knex()(table()).insert(row, ['id']);
        return (typeof inserted === 'object' ? inserted.id : inserted) as number;
      };
      const last = await rowAt(total);
      for (const fields of [{ [col('seq')]: total + 1, [col('prevHash')]: last[col('hash')] }, { [col('seq')]: null }]) {
        const id = await forge(last, fields);
        try {
          const report = await both();
          expect(report.intact).toBe(false);
          expect(report.firstBroken.id).toBe(id);
        } finally {
          await knex()(table()).where({ id }).delete();
        }
      }
      const index = `${table()}_seq_uq`;
      await knex().raw(client() === 'mysql' ? `DROP INDEX ${index} ON ${table()}` : `DROP INDEX ${index}`);
      try {
        // An exact copy of a record, inside a batch, at the end of the first (the next batch's first
        // row then) and of the last one.
        for (const seq of [B - 79, B - 1, B, total]) {
          const id = await forge(await rowAt(seq), {});
          try {
            const report = await both();
            expect(report.firstBroken).toMatchObject({ id, seq: String(seq), reason: expect.stringMatching(/duplicate/) });
          } finally {
            await knex()(table()).where({ id }).delete();
          }
        }
      } finally {
        await h.strapi.plugin('user-consent').service('chain').ensureIndexes();
      }
    });

    it('personal records across batches: altered, removed without an erasure, and erased by a later event', async () => {
      // The intact chain above holds events whose record an `erased` event in a later batch names.
      const first = await rowAt(1);
      const personalTable = h.strapi.db.metadata.get(PERSONAL).tableName;
      const original = await knex()(personalTable).where({ id: first[col('personalId')] }).first();
      const ipColumn = (h.strapi.db.metadata.get(PERSONAL).attributes.ip as any).columnName;
      await knex()(personalTable).where({ id: original.id }).update({ [ipColumn]: '10.9.9.9' });
      try {
        const report = await verify();
        expect(report).toMatchObject({ intact: false, checked: total, firstBroken: { id: first.id, seq: '1', code: 'personal-altered' } });
      } finally {
        await knex()(personalTable).where({ id: original.id }).update(dbRow(original));
      }
      await knex()(personalTable).where({ id: original.id }).delete();
      try {
        const report = await verify();
        expect(report).toMatchObject({ intact: false, checked: total, firstBroken: { id: first.id, seq: '1', code: 'personal-removed' } });
        // The chain itself is intact: the first implementation, which knows no personal records, agrees.
        expect((await refVerify(h.strapi)).intact).toBe(true);
      } finally {
        await knex()(personalTable).insert(dbRow(original));
      }
    });

    it('values of another type than Strapi writes (SQLite keeps what it is given)', async () => {
      if (client() !== 'sqlite') return;
      const at = (seq: number) => new Date(Date.parse('2026-01-01T00:00:00.000Z') + (seq - 7) * 1_234);
      const at0 = (6 * B) / 5;
      await alter(at0 + 1, col('recordedAt'), at(at0 + 1).toISOString(), null); // text instead of epoch ms
      await alter(at0 + 2, col('recordedAt'), 'yesterday', /altered/);
      await alter(at0 + 3, col('prechecked'), 2, /altered/);
      await alter(at0 + 4, col('prechecked'), 'true', /altered/);
      await alter(at0 + 5, col('agreementId'), 'abc', /altered/);
      await alter(at0 + 6, col('ipPolicy'), Buffer.from('full'), /altered/);
      await alter(at0 + 7, col('fields'), 'not json', /altered/);
      await alter(at0 + 8, col('versionId'), 1.5, /altered/);
    });
  });
});
