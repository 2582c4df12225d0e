/**
 * Personal data apart from the proof: an erasure destroys a person's data everywhere the plugin
 * wrote it, the consent events stay provable and the chain verifies; what it cannot tell from an
 * erasure (a raw DELETE, an edit) verification reports. One boot for the whole file.
 */
import fs from 'node:fs';
import crypto from 'node:crypto';
import { binary, type Harness } from '../helpers/strapi';
import { withScenario, type Scenario } from '../helpers/scenario';
import { parseCsv } from '../helpers/csv';

const CONSENT = 'plugin::user-consent.consent';
const PERSONAL = 'plugin::user-consent.personal';

interface Person {
  email?: string;
  phone?: string;
  name: string;
  ip: string;
  ua: string;
  query: string;
  comment: string;
}

const ANNA: Person = { email: 'Anna.Erasova@Example.com', phone: '+7 (901) 555-12-34', name: 'Анна Эрасова', ip: '198.51.100.77', ua: 'EraseTest-UA-Anna/1.0', query: '?utm_source=anna-campaign#anchor-anna', comment: 'Перезвоните Анне-уникальный-текст' };
const BORIS: Person = { email: 'boris.keeps@example.com', name: 'Борис Хранимов', ip: '198.51.100.88', ua: 'EraseTest-UA-Boris/1.0', query: '?ref=boris-ref', comment: 'Борис-остаётся-текст' };
const VERA: Person = { phone: '+7 902 777 88 99', name: 'Вера Телефонова', ip: '198.51.100.99', ua: 'EraseTest-UA-Vera/1.0', query: '?v=vera-only', comment: 'Вера-комментарий-текст' };
const GLEB: Person = { email: 'gleb.receipt@example.com', name: 'Глеб Квитанцев', ip: '203.0.113.41', ua: 'EraseTest-UA-Gleb/1.0', query: '?g=gleb-receipt', comment: 'Глеб-текст' };

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
/** Every form of a person's values that must be gone after their erasure (a plain hash is reversible by dictionary). */
const tracesOf = (p: Person) => [
  ...(p.email ? [p.email, p.email.toLowerCase(), sha256(`email:${p.email.trim().toLowerCase()}`)] : []),
  ...(p.phone ? [p.phone, sha256(`phone:${p.phone.replace(/\D/g, '')}`)] : []),
  p.name,
  p.ip,
  p.ua,
  p.query.split('#')[0],
  p.comment,
];

describe('personal data apart from the proof: erasure', () => {
  let h: Harness;
  let s: Scenario;
  const verify = () => h.strapi.plugin('user-consent').service('integrity').verify();
  const table = (uid: string) => h.strapi.db.metadata.get(uid as any).tableName;
  const receipts: Record<string, { id: string; token: string }[]> = {};

  const give = async (p: Person, key: string) => {
    const res = await h
      .http()
      .post('/api/user-consent/forms/contact/consents')
      .set('X-Forwarded-For', p.ip)
      .set('User-Agent', p.ua)
      .send({
        pageUrl: `https://site.example/contact${p.query}`,
        subject: { ...(p.email ? { email: p.email } : {}), ...(p.phone ? { phone: p.phone } : {}), name: p.name },
        data: { name: p.name, email: p.email ?? 'none@example.com', comment: p.comment },
        decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.ads, accepted: true }],
      });
    expect(res.status).toBe(201);
    receipts[key] = res.body.data.receipts;
    return res.body.data.receipts as { id: string; token: string }[];
  };

  /** Every row of every plugin table, as text. */
  const dumpPluginTables = async () => {
    const k = h.strapi.db.connection;
    const client = h.strapi.db.dialect.client;
    let names: string[];
    if (client === 'sqlite') names = (await k('sqlite_master').where({ type: 'table' }).select('name')).map((r: any) => r.name);
    else if (client === 'postgres') names = (await k.raw("SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()")).rows.map((r: any) => r.name);
    else names = (await k.raw('SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()'))[0].map((r: any) => r.name);
    const plugin = names.filter((n) => n.startsWith('uc_'));
    expect(plugin).toEqual(expect.arrayContaining(['uc_consents', 'uc_personal_data', 'uc_erasures', 'uc_export_logs', 'uc_personal_erased']));
    let text = '';
    for (const n of plugin) text += `${n}\n${JSON.stringify(await k(n).select('*'))}\n`;
    return text;
  };

  const counts = async () => ({
    consents: await h.strapi.db.query(CONSENT).count({}),
    personal: await h.strapi.db.query(PERSONAL).count({}),
    erasures: await h.strapi.db.query('plugin::user-consent.erasure').count({}),
  });

  withScenario((app) => ({ h, s } = app), { env: { PROXY: 'true' } });
  beforeAll(async () => {
    await give(ANNA, 'anna1');
    await give(BORIS, 'boris');
    await give(ANNA, 'anna2');
    await give(VERA, 'vera');
    await give(GLEB, 'gleb');
    // Anna withdraws her marketing consent by letter: an admin records it with a note.
    const adsEvent = await h.strapi.db.query(CONSENT).findOne({ where: { receiptId: receipts.anna1[1].id } });
    expect((await h.admin.post(`/user-consent/consents/${adsEvent.id}/withdraw`).send({ note: `Письмо от ${ANNA.name}` })).status).toBe(201);
    // An export filtered by Anna's e-mail and one by her IP: their filters are kept in the export log.
    expect((await h.admin.post('/user-consent/consents/export').send({ subject: ANNA.email })).status).toBe(200);
    expect((await h.admin.post('/user-consent/consents/export').send({ ip: ANNA.ip })).status).toBe(200);
  });

  it('keeps no direct personal data in consent events', async () => {
    const rows = await h.strapi.db.connection(table(CONSENT)).select('*');
    const text = JSON.stringify(rows);
    for (const v of [...tracesOf(ANNA), ...tracesOf(BORIS)]) expect(text).not.toContain(v);
    // The page's origin and path are proof; the query is personal.
    const anna = rows.find((r: any) => r.receipt_id === receipts.anna1[0].id);
    expect(anna.page_url).toBe('https://site.example/contact');
    expect(anna.personal_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(anna.ip_policy).toBe('full');
    const personal = await h.strapi.db.query(PERSONAL).findOne({ where: { id: anna.personal_id } });
    expect(personal).toMatchObject({ ip: ANNA.ip, userAgent: ANNA.ua, pageQuery: ANNA.query, subject: { email: ANNA.email, phone: ANNA.phone, name: ANNA.name } });
    expect(personal.data.comment).toBe(ANNA.comment);
  });

  it('previews what an erasure destroys, with categories and counts but no values', async () => {
    const res = await h.admin.post('/user-consent/subjects/erasures/preview').send({ email: 'anna.erasova@example.com' });
    expect(res.status).toBe(200);
    // Two captures of two events each, and the withdrawal.
    expect(res.body.data).toMatchObject({ events: 5, subjects: 1, forms: ['contact'] });
    expect(res.body.data.categories).toEqual(['email', 'phone', 'name', 'ip', 'userAgent', 'pageQuery', 'formData', 'note']);
    expect(JSON.stringify(res.body)).not.toContain(ANNA.name);
    expect(await counts()).toMatchObject({ erasures: 0 });
  });

  it.each([
    ['unknown keys', { email: 'a@example.com', reason: 'subject-request', extra: 1 }, /extra|Unrecognized/i],
    ['an empty identifier', { email: '', reason: 'subject-request' }, /email/],
    ['no identifier', { reason: 'subject-request' }, /exactly one/],
    ['two identifiers', { email: 'a@example.com', phone: '+79010000000', reason: 'subject-request' }, /exactly one/],
    ['an unknown reason', { email: 'a@example.com', reason: 'because' }, /reason/],
    ['"other" without a note', { email: 'a@example.com', reason: 'other' }, /note/],
    ['a malformed receipt', { receipt: 'not-a-uuid', reason: 'subject-request' }, /receipt/],
  ])('refuses %s with a 400 that changes nothing', async (_name, body, message) => {
    const before = await counts();
    const res = await h.admin.post('/user-consent/subjects/erasures').send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.message).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it('needs the consents.erase action', async () => {
    const reader = await h.adminWithActions(['plugin::user-consent.consents.read', 'plugin::user-consent.consents.personal-data'], 'no-erase');
    expect((await reader.post('/user-consent/subjects/erasures').send({ email: ANNA.email, reason: 'subject-request' })).status).toBe(403);
    expect((await reader.post('/user-consent/subjects/erasures/preview').send({ email: ANNA.email })).status).toBe(403);
  });

  it('answers 404 when nothing matches, and stores nothing', async () => {
    const before = await counts();
    const res = await h.admin.post('/user-consent/subjects/erasures').send({ email: 'nobody@example.com', reason: 'subject-request' });
    expect(res.status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  describe('after erasing a person by e-mail', () => {
    let result: any;
    beforeAll(async () => {
      const res = await h.admin.post('/user-consent/subjects/erasures').send({ email: ANNA.email, reason: 'subject-request' });
      expect(res.status).toBe(201);
      result = res.body.data;
    });

    it('reports what it destroyed', () => {
      expect(result).toMatchObject({ id: expect.any(Number), events: 5, subjects: 1 });
      expect(new Date(result.erasedAt).toString()).not.toBe('Invalid Date');
    });

    it('leaves none of the erased values in any plugin table, export log included', async () => {
      const text = await dumpPluginTables();
      for (const v of tracesOf(ANNA)) expect(text).not.toContain(v);
      // Someone else's data is untouched.
      for (const v of [BORIS.email!, BORIS.name, BORIS.comment, BORIS.ip]) expect(text).toContain(v);
      const logs = await h.strapi.db.query('plugin::user-consent.export-log').findMany({});
      expect(logs.map((l: any) => l.filter?.subject).filter(Boolean)).toEqual(['[erased]']);
      expect(logs.map((l: any) => l.filter?.ip).filter(Boolean)).toEqual(['[erased]']);
    });

    it('leaves none of them in the SQLite file either (freed pages are overwritten)', async () => {
      if (h.db.client !== 'sqlite') return;
      const file = h.db.env.DATABASE_FILENAME;
      const bytes = Buffer.concat([file, `${file}-wal`, `${file}-journal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
      for (const v of tracesOf(ANNA)) expect(bytes.includes(Buffer.from(v, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from(BORIS.comment, 'utf8'))).toBe(true);
    });

    it('leaves none of them in the database files of PostgreSQL and MariaDB once the retention job has rewritten them', async () => {
      const k = h.strapi.db.connection;
      const tables = [table(PERSONAL), table('plugin::user-consent.export-log')];
      let bytes: Buffer;
      if (h.db.client === 'postgres') {
        await h.strapi.plugin('user-consent').service('erasure').settled();
        // VACUUM leaves a removed row's bytes in the page's free space: the rewrite the retention job
        // runs after erasures is what clears them.
        const run = await h.admin.post('/user-consent/retention/run').send({});
        expect(run.body.data.compacted).toBe(true);
        await k.raw('CHECKPOINT');
        // Each table's heap, its TOAST table and every index, as the server's files hold them.
        const files = await k.raw(
          `SELECT pg_relation_filepath(c.oid) AS f FROM pg_class c WHERE c.oid IN (
             SELECT oid FROM pg_class WHERE relname = ANY(?) UNION
             SELECT reltoastrelid FROM pg_class WHERE relname = ANY(?) AND reltoastrelid <> 0 UNION
             SELECT indexrelid FROM pg_index WHERE indrelid IN (SELECT oid FROM pg_class WHERE relname = ANY(?)))`,
          [tables, tables, tables]
        );
        expect(files.rows.length).toBeGreaterThan(4);
        const parts: Buffer[] = [];
        for (const { f } of files.rows) {
          const b = (await k.raw('SELECT pg_read_binary_file(?) AS b', [f])).rows[0].b;
          parts.push(b);
        }
        bytes = Buffer.concat(parts);
      } else if (h.db.client === 'mysql') {
        const [[{ dir }]] = await k.raw('SELECT @@datadir AS dir');
        const [[{ db }]] = await k.raw('SELECT DATABASE() AS db');
        const files = tables.map((t) => `${dir}${db}/${t}.ibd`);
        if (!files.every((f) => fs.existsSync(f))) return; // a database server on another machine
        // Deleted records are purged in the background; wait until the files no longer hold them.
        const read = async () => {
          await k.raw(`FLUSH TABLES ${tables.join(', ')} FOR EXPORT`);
          try {
            return Buffer.concat(files.map((f) => fs.readFileSync(f)));
          } finally {
            await k.raw('UNLOCK TABLES');
          }
        };
        const deadline = Date.now() + 20_000;
        bytes = await read();
        while (tracesOf(ANNA).some((v) => bytes.includes(Buffer.from(v, 'utf8'))) && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 500));
          bytes = await read();
        }
      } else {
        return;
      }
      for (const v of tracesOf(ANNA)) expect(bytes.includes(Buffer.from(v, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from(BORIS.comment, 'utf8'))).toBe(true);
    });

    it('appends one erased event, and the chain verifies', async () => {
      const erased = await h.strapi.db.query(CONSENT).findMany({ where: { action: 'erased' } });
      expect(erased).toHaveLength(1);
      expect(erased[0].erasure).toMatchObject({ id: result.id, kind: 'email', reason: 'subject-request', events: 5, subjects: 1 });
      expect(erased[0].recordedBy).toBeTruthy();
      const report = await verify();
      expect(report.firstBroken).toBeNull();
      expect(report.intact).toBe(true);
    });

    it('keeps the receipt answering: the consent is proven, the personal data is said to be erased', async () => {
      const r = receipts.anna1[0];
      const res = await h.http().get(`/api/user-consent/receipts/${r.id}`).set('X-Receipt-Token', r.token);
      expect(res.status).toBe(200);
      // The state by the one rule: an erased consent reads erased, as in the log and the status API.
      expect(res.body.data).toMatchObject({ consentReceiptID: r.id, personalData: 'erased', piiPrincipalId: 'erased', state: 'erased' });
      expect(res.body.data.event.pageUrl).toBe('https://site.example/contact');
      expect(res.body.data.notice.version).toBe(s.versions.pd);
    });

    it('shows the erasure in the log, the record page and the CSV export', async () => {
      const list = await h.admin.get('/user-consent/consents?pageSize=100&sort=seq&order=asc');
      expect(list.status).toBe(200);
      const annaRow = list.body.data.find((r: any) => r.receiptId === receipts.anna1[0].id);
      const borisRow = list.body.data.find((r: any) => r.receiptId === receipts.boris[0].id);
      expect(annaRow).toMatchObject({ erased: true, ip: null, subject: null });
      expect(borisRow).toMatchObject({ erased: false, ip: BORIS.ip });
      const detail = await h.admin.get(`/user-consent/consents/${annaRow.id}`);
      expect(detail.body.data.record).toMatchObject({ ip: null, subject: null, personal: { erased: true, erasureId: result.id } });
      expect(detail.body.data.chain.ownHashValid).toBe(true);
      expect(detail.body.data.submission).toBeNull();
      const csv = await h.admin.get('/user-consent/consents/export');
      const rows = parseCsv(csv.text.replace(/^\uFEFF/, ''));
      const header = rows[0];
      const annaCsv = rows.find((r) => r[header.indexOf('receiptId')] === receipts.anna1[0].id)!;
      expect(annaCsv[header.indexOf('ip')]).toBe('');
      expect(annaCsv[header.indexOf('subjectEmail')]).toBe('');
      const borisCsv = rows.find((r) => r[header.indexOf('receiptId')] === receipts.boris[0].id)!;
      expect(borisCsv[header.indexOf('subjectEmail')]).toBe(BORIS.email);
      // The IP and subject filters search the personal store: Anna is not found any more.
      expect((await h.admin.post('/user-consent/consents/search').send({ ip: ANNA.ip })).body.data).toHaveLength(0);
      expect((await h.admin.post('/user-consent/consents/search').send({ ip: BORIS.ip })).body.data).toHaveLength(2);
    });

    it('lists the act and renders it as a PDF in Russian and English', async () => {
      const acts = await h.admin.get('/user-consent/erasures');
      expect(acts.status).toBe(200);
      expect(acts.body.data[0]).toMatchObject({ id: result.id, kind: 'email', reason: 'subject-request', events: 5, subjects: 1, admin: { name: 'Olga Owner' } });
      expect(acts.body.data[0].operators[0].name).toBeTruthy();
      for (const lang of ['ru', 'en']) {
        const pdf = await binary(h.admin.get(`/user-consent/erasures/${result.id}/act?lang=${lang}`));
        expect(pdf.status).toBe(200);
        expect(pdf.headers['content-type']).toBe('application/pdf');
        expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      }
      expect((await h.admin.get('/user-consent/erasures/99999/act')).status).toBe(404);
    });

    it('answers 404 to the same erasure again', async () => {
      expect((await h.admin.post('/user-consent/subjects/erasures').send({ email: ANNA.email, reason: 'subject-request' })).status).toBe(404);
    });
  });

  it('erases by phone and by receipt, each leaving the chain intact', async () => {
    const byPhone = await h.admin.post('/user-consent/subjects/erasures').send({ phone: '79027778899', reason: 'withdrawal' });
    expect(byPhone.status).toBe(201);
    expect(byPhone.body.data).toMatchObject({ events: 2, subjects: 1 });
    const byReceipt = await h.admin.post('/user-consent/subjects/erasures').send({ receipt: receipts.gleb[1].id, reason: 'other', note: 'Запрос по телефону горячей линии' });
    expect(byReceipt.status).toBe(201);
    expect(byReceipt.body.data).toMatchObject({ events: 2, subjects: 1 });
    const text = await dumpPluginTables();
    for (const v of [...tracesOf(VERA), ...tracesOf(GLEB)]) expect(text).not.toContain(v);
    expect((await verify()).intact).toBe(true);
    // The admin's note is kept with the act, not in the permanent chain (it might name the person).
    const act = await h.admin.get(`/user-consent/erasures/${byReceipt.body.data.id}`);
    expect(act.body.data).toMatchObject({ kind: 'receipt', reason: 'other', note: 'Запрос по телефону горячей линии' });
    const events = await h.strapi.db.query(CONSENT).findMany({ where: { action: 'erased' } });
    expect(events.map((e: any) => e.note)).toEqual([null, null, null]);
    expect(JSON.stringify(events)).not.toContain('горячей линии');
    // The log filters erasures; an erasure's record page has no receipt.
    const listed = await h.admin.get('/user-consent/consents?action=erased');
    expect(listed.status).toBe(200);
    expect(listed.body.data).toHaveLength(3);
    const detail = await h.admin.get(`/user-consent/consents/${listed.body.data[0].id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.data.receipt).toBeNull();
  });

  it('exports everything held about a person as JSON, from a POST body', async () => {
    const res = await h.admin.post('/user-consent/subjects/export?format=json').send({ email: BORIS.email });
    expect(res.status).toBe(200);
    expect(res.body.data.events).toHaveLength(2);
    expect(res.body.data.events[0]).toMatchObject({ ip: BORIS.ip, userAgent: BORIS.ua, erased: false, pageUrl: `https://site.example/contact${BORIS.query}` });
    expect(res.body.data.texts.length).toBeGreaterThan(0);
    expect(res.body.data.texts[0].text.length).toBeGreaterThan(50);
    const pdf = await binary(h.admin.post('/user-consent/subjects/export?format=pdf&lang=ru').send({ email: BORIS.email }));
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    // Nobody's e-mail in a URL: the query form is refused, an unknown person is a 404.
    expect((await h.admin.post('/user-consent/subjects/export?format=xml').send({ email: BORIS.email })).status).toBe(400);
    expect((await h.admin.post('/user-consent/subjects/export').send({ email: 'nobody@example.com' })).status).toBe(404);
  });

  it('reports personal data that was altered, and personal data removed without an erasure', async () => {
    const k = h.strapi.db.connection;
    const boris = await h.strapi.db.query(CONSENT).findOne({ where: { receiptId: receipts.boris[0].id } });
    const original = await k(table(PERSONAL)).where({ id: boris.personalId }).first('ip');
    await k(table(PERSONAL)).where({ id: boris.personalId }).update({ ip: '10.0.0.1' });
    let report = await verify();
    expect(report.intact).toBe(false);
    expect(report.firstBroken).toMatchObject({ code: 'personal-altered', id: boris.id });
    await k(table(PERSONAL)).where({ id: boris.personalId }).update({ ip: original.ip });
    expect((await verify()).intact).toBe(true);

    // A raw DELETE bypasses the erasure: nothing in the chain accounts for it.
    await k(table(PERSONAL)).where({ id: boris.personalId }).del();
    report = await verify();
    expect(report.intact).toBe(false);
    expect(report.firstBroken).toMatchObject({ code: 'personal-removed', id: boris.id, reason: 'personal data removed without an erasure record' });
  });
});
