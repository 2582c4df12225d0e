import type { Harness } from '../helpers/strapi';
import { withScenario, type Scenario } from '../helpers/scenario';
import { dropTriggers, reinstallTriggers } from '../helpers/triggers';
import { refPersonalHash } from '../helpers/reference-chain';

const CONSENT = 'plugin::user-consent.consent';
const PERSONAL = 'plugin::user-consent.personal';

describe('the hash chain: verification and withdrawal', () => {
  let h: Harness;
  let s: Scenario;
  const table = () => h.strapi.db.metadata.get(CONSENT).tableName;
  const verify = () => h.strapi.plugin('user-consent').service('integrity').verify();
  const col = (attr: string) => (h.strapi.db.metadata.get(CONSENT).attributes[attr] as any).columnName as string;
  const personalTable = () => h.strapi.db.metadata.get(PERSONAL).tableName;
  const pcol = (attr: string) => (h.strapi.db.metadata.get(PERSONAL).attributes[attr] as any).columnName as string;

  const give = async (email: string) => {
    const res = await h.http().post('/api/user-consent/forms/contact/consents').set('User-Agent', 'IntegrityTest').send({
      pageUrl: 'https://site.example/contact',
      subject: { email },
      data: { name: 'N', email },
      decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.ads, accepted: true }],
    });
    expect(res.status).toBe(201);
    return res.body.data.receipts as { id: string; token: string }[];
  };

  withScenario((app) => ({ h, s } = app));
  beforeAll(async () => {
    for (let i = 0; i < 5; i += 1) await give(`person${i}@example.com`);
  });

  it('chains every event: consecutive seq, each pointing at the one before', async () => {
    const rows = await h.strapi.db.query(CONSENT).findMany({ orderBy: { seq: 'asc' } });
    expect(rows).toHaveLength(10);
    rows.forEach((r: any, i: number) => {
      expect(String(r.seq)).toBe(String(i + 1));
      expect(r.prevHash).toBe(i === 0 ? '0'.repeat(64) : rows[i - 1].hash);
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    });
    const report = await verify();
    expect(report).toMatchObject({ intact: true, checked: 10, firstBroken: null, triggersMissing: [], head: { seq: '10', hash: rows[9].hash } });
  });

  it('is verified by an admin action', async () => {
    const res = await h.admin.get('/user-consent/integrity');
    expect(res.status).toBe(200);
    expect(res.body.data.intact).toBe(true);
  });

  describe('with the triggers dropped on purpose', () => {
    beforeAll(async () => dropTriggers(h.strapi));
    afterAll(async () => reinstallTriggers(h.strapi));

    it('detects an altered record and names it', async () => {
      const victim = await h.strapi.db.connection(table()).where({ [col('seq')]: 4 }).first();
      // A proof column of the event itself.
      await h.strapi.db.connection(table()).where({ id: victim.id }).update({ [col('pageUrl')]: 'https://evil.example/contact' });
      const report = await verify();
      expect(report.intact).toBe(false);
      expect(report.firstBroken).toMatchObject({ id: victim.id, seq: '4', reason: expect.stringMatching(/altered/), code: 'altered' });
      await h.strapi.db.connection(table()).where({ id: victim.id }).update({ [col('pageUrl')]: victim[col('pageUrl')] });
      expect((await verify()).intact).toBe(true);
      // The keyed hash of the personal record is proof too: pointing the event at other data breaks it.
      await h.strapi.db.connection(table()).where({ id: victim.id }).update({ [col('personalHash')]: 'f'.repeat(64) });
      expect((await verify()).firstBroken).toMatchObject({ id: victim.id, seq: '4', code: 'altered' });
      await h.strapi.db.connection(table()).where({ id: victim.id }).update({ [col('personalHash')]: victim[col('personalHash')] });
      expect((await verify()).intact).toBe(true);
    });

    it('detects altered personal data (subject, IP) and names the first event that commits to it', async () => {
      // Seq 3 and 4 are one capture: one personal record, committed to by both events.
      const first = await h.strapi.db.connection(table()).where({ [col('seq')]: 3 }).first();
      const personalId = first[col('personalId')];
      expect(personalId).toBeTruthy();
      const original = await h.strapi.db.connection(personalTable()).where({ id: personalId }).first();
      for (const change of [{ [pcol('ip')]: '10.9.9.9' }, { [pcol('subject')]: JSON.stringify({ email: 'someone.else@example.com' }) }, { [pcol('userAgent')]: null }]) {
        await h.strapi.db.connection(personalTable()).where({ id: personalId }).update(change);
        const report = await verify();
        expect(report.intact).toBe(false);
        expect(report.firstBroken).toMatchObject({ id: first.id, seq: '3', reason: expect.stringMatching(/personal data was altered/), code: 'personal-altered' });
        await h.strapi.db.connection(personalTable()).where({ id: personalId }).update(original);
        expect((await verify()).intact).toBe(true);
      }
      // Another key (the record's secret) no longer gives the hash the events carry.
      await h.strapi.db.connection(personalTable()).where({ id: personalId }).update({ [pcol('secret')]: 'a'.repeat(64) });
      expect((await verify()).firstBroken).toMatchObject({ id: first.id, code: 'personal-altered' });
      await h.strapi.db.connection(personalTable()).where({ id: personalId }).update(original);
      expect((await verify()).intact).toBe(true);
    });

    it('detects personal data removed without an erasure', async () => {
      const first = await h.strapi.db.connection(table()).where({ [col('seq')]: 5 }).first();
      const personalId = first[col('personalId')];
      const original = await h.strapi.db.connection(personalTable()).where({ id: personalId }).first();
      await h.strapi.db.connection(personalTable()).where({ id: personalId }).delete();
      const report = await verify();
      expect(report.intact).toBe(false);
      expect(report.firstBroken).toMatchObject({ id: first.id, seq: '5', reason: expect.stringMatching(/removed without an erasure/), code: 'personal-removed' });
      // The admin API shows the event as without its personal data.
      const detail = await h.admin.get(`/user-consent/consents/${first.id}`);
      expect(detail.body.data.record).toMatchObject({ ip: null, subject: null, personal: { erased: true, erasureId: null, erasedAt: null } });
      await h.strapi.db.connection(personalTable()).insert(original);
      expect((await verify()).intact).toBe(true);
    });

    it('detects a deleted record and names where the chain breaks', async () => {
      const victim = await h.strapi.db.connection(table()).where({ [col('seq')]: 6 }).first();
      const next = await h.strapi.db.connection(table()).where({ [col('seq')]: 7 }).first();
      await h.strapi.db.connection(table()).where({ id: victim.id }).delete();
      const report = await verify();
      expect(report.intact).toBe(false);
      expect(report.firstBroken).toMatchObject({ id: next.id, seq: '7', reason: expect.stringMatching(/missing.*removed/), code: 'missing-before', params: { from: '6', to: '6' } });
      await h.strapi.db.connection(table()).insert(victim);
      expect((await verify()).intact).toBe(true);
    });

    it('detects a deleted last record', async () => {
      const last = await h.strapi.db.connection(table()).where({ [col('seq')]: 10 }).first();
      await h.strapi.db.connection(table()).where({ id: last.id }).delete();
      const report = await verify();
      expect(report.intact).toBe(false);
      expect(report.firstBroken).toMatchObject({ reason: expect.stringMatching(/missing at the end/), code: 'missing-at-end', params: { from: '10', to: '10' } });
      await h.strapi.db.connection(table()).insert(last);
      expect((await verify()).intact).toBe(true);
    });

    it('detects an inserted record and names it', async () => {
      const last = await h.strapi.db.connection(table()).where({ [col('seq')]: 10 }).first();
      const { id: _id, document_id: _d, ...rest } = last;
      const forged = { ...rest, document_id: 'forgedforgedforgedforged', [col('seq')]: 11, [col('prevHash')]: last[col('hash')], [col('receiptId')]: '11111111-1111-4111-8111-111111111111' };
      const [inserted] = await h.strapi.db.connection(table()).insert(forged, ['id']);
      const forgedId = typeof inserted === 'object' ? inserted.id : inserted;
      const report = await verify();
      expect(report.intact).toBe(false);
      expect(report.firstBroken).toMatchObject({ id: forgedId, seq: '11', reason: expect.stringMatching(/inserted/), code: 'after-head' });
      expect(report.triggersMissing.length).toBeGreaterThan(0);
      await h.strapi.db.connection(table()).where({ id: forgedId }).delete();
      expect((await verify()).intact).toBe(true);
    });
  });

  it('withdraws by receipt token: a new event, harmless to repeat, shown on the receipt', async () => {
    const [r] = await give('withdrawer@example.com');
    const first = await h.http().post('/api/user-consent/withdrawals').send({ receipt: r.id, token: r.token });
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({ alreadyWithdrawn: false, receipt: r.id, withdrawal: { channel: 'web' } });
    const again = await h.http().post('/api/user-consent/withdrawals').send({ receipt: r.id, token: r.token });
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ alreadyWithdrawn: true, withdrawal: first.body.data.withdrawal });
    expect(again.body.meta.message).toMatch(/already withdrawn/);
    const original = await h.strapi.db.query(CONSENT).findOne({ where: { receiptId: r.id } });
    const events = await h.strapi.db.query(CONSENT).findMany({ where: { withdrawsId: original.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'withdrawn', agreementId: original.agreementId, versionId: original.versionId });
    const receipt = await h.http().get(`/api/user-consent/receipts/${r.id}`).set('X-Receipt-Token', r.token);
    expect(receipt.body.data).toMatchObject({ state: 'withdrawn', withdrawal: { channel: 'web' } });
    const wrong = await h.http().post('/api/user-consent/withdrawals').send({ receipt: r.id, token: 'nope' });
    expect(wrong.status).toBe(404);
    const bad = await h.http().post('/api/user-consent/withdrawals').send({ receipt: 'x' });
    expect(bad.status).toBe(400);
  });

  it('two simultaneous withdrawals of one consent record one event', async () => {
    const [r] = await give('racer@example.com');
    const results = await Promise.all(
      Array.from({ length: 5 }, () => h.http().post('/api/user-consent/withdrawals').send({ receipt: r.id, token: r.token }))
    );
    expect(results.filter((x) => x.status === 201)).toHaveLength(1);
    expect(results.filter((x) => x.status === 200)).toHaveLength(4);
    const original = await h.strapi.db.query(CONSENT).findOne({ where: { receiptId: r.id } });
    expect(await h.strapi.db.query(CONSENT).count({ where: { withdrawsId: original.id } })).toBe(1);
    expect((await verify()).intact).toBe(true);
  });

  it('records an admin withdrawal with a note and the admin who recorded it; lists a subject’s events', async () => {
    const [r] = await give('Letter.Writer@example.com');
    const original = await h.strapi.db.query(CONSENT).findOne({ where: { receiptId: r.id } });
    const noNote = await h.admin.post(`/user-consent/consents/${original.id}/withdraw`).send({});
    expect(noNote.status).toBe(400);
    const res = await h.admin.post(`/user-consent/consents/${original.id}/withdraw`).send({ note: 'Letter of 2026-11-20, reg. no. 15' });
    expect(res.status).toBe(201);
    const w = await h.strapi.db.query(CONSENT).findOne({ where: { withdrawsId: original.id } });
    expect(w).toMatchObject({ action: 'withdrawn', channel: 'admin' });
    const me = await h.strapi.db.query('admin::user').findOne({ where: { email: 'owner@example.com' } });
    expect(w.recordedBy).toBe(me.id);
    // The note may name the person: it lives in the withdrawal's own personal record, which carries
    // the subject of the consent so that a look-up (or an erasure) by e-mail finds the withdrawal too.
    expect(w.note ?? null).toBeNull();
    expect(w.personalId).toBeTruthy();
    expect(w.personalId).not.toBe(original.personalId);
    const wp = await h.strapi.db.query(PERSONAL).findOne({ where: { id: w.personalId } });
    const op = await h.strapi.db.query(PERSONAL).findOne({ where: { id: original.personalId } });
    expect(wp).toMatchObject({ note: 'Letter of 2026-11-20, reg. no. 15', subject: { email: 'Letter.Writer@example.com' }, emailHash: op.emailHash });
    expect(w.personalHash).toBe(refPersonalHash(wp.secret, wp));
    const detail = await h.admin.get(`/user-consent/consents/${w.id}`);
    expect(detail.body.data.record).toMatchObject({ note: 'Letter of 2026-11-20, reg. no. 15', subject: { email: 'Letter.Writer@example.com' } });
    const originalDetail = await h.admin.get(`/user-consent/consents/${original.id}`);
    expect(originalDetail.body.data.withdrawals).toEqual([expect.objectContaining({ id: w.id, channel: 'admin', note: 'Letter of 2026-11-20, reg. no. 15', recordedBy: me.id })]);

    const subject = await h.admin.post('/user-consent/subjects/lookup').send({ email: 'letter.writer@EXAMPLE.com' });
    expect(subject.status).toBe(200);
    expect(subject.body.data.events.map((e: any) => e.action)).toEqual(['given', 'given', 'withdrawn']);
    expect(subject.body.data.events[2]).toMatchObject({ note: 'Letter of 2026-11-20, reg. no. 15', erased: false });
    const current = Object.fromEntries(subject.body.data.current.map((c: any) => [c.agreement, c.state]));
    expect(current).toEqual({ [s.agreements.pd]: 'withdrawn', [s.agreements.ads]: 'given' });
    // No look-up by URL: the identifier travels in a body only.
    expect((await h.admin.get('/user-consent/subjects?email=letter.writer@example.com')).status).toBe(404);
    expect((await h.admin.post('/user-consent/subjects/lookup').send({})).status).toBe(400);
    // The same look-up with the e-mail in the body, out of the URL.
    const posted = await h.admin.post('/user-consent/subjects/lookup').send({ email: 'letter.writer@EXAMPLE.com' });
    expect(posted.status).toBe(200);
    expect(posted.body.data).toEqual(subject.body.data);
    expect((await h.admin.post('/user-consent/subjects/lookup').send({})).status).toBe(400);
    expect((await h.admin.post('/user-consent/subjects/lookup').send({ email: 'nobody@example.com' })).body.data).toEqual({ events: [], current: [] });

    const readOnly = await h.adminWithActions(['plugin::user-consent.consents.read']);
    expect((await readOnly.post('/user-consent/subjects/lookup').send({ email: 'letter.writer@example.com' })).status).toBe(403);
    expect((await readOnly.post('/user-consent/subjects/lookup').send({ email: 'letter.writer@example.com' })).status).toBe(403);
    expect((await readOnly.post(`/user-consent/consents/${original.id}/withdraw`).send({ note: 'x' })).status).toBe(403);
  });

  it('refuses to withdraw a refusal', async () => {
    const res = await h.http().post('/api/user-consent/forms/contact/consents').send({
      pageUrl: 'https://site.example/contact',
      data: { name: 'N', email: 'r@example.com' },
      decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.ads, accepted: false }],
    });
    const refusedReceipt = res.body.data.receipts[1];
    const w = await h.http().post('/api/user-consent/withdrawals').send({ receipt: refusedReceipt.id, token: refusedReceipt.token });
    expect(w.status).toBe(400);
    expect(w.body.error.message).toMatch(/Only a given consent can be withdrawn/);
  });
});
