/**
 * Chain lanes (server/src/events/lanes.ts): with `chain.lanes` 4 on PostgreSQL, captures from several
 * Strapi processes spread over lanes 1–3, each a hash chain of its own, while withdrawals stay in lane
 * 0. Verification walks every lane, checkpoints sign every lane's head, receipts name their lane, and a
 * record removed from the middle or the end of a lane, or moved to another lane, is reported. Other
 * databases keep one lane (the setting is for PostgreSQL).
 */
import type { Harness } from '../helpers/strapi';
import { withScenario, giveOnContact, type Scenario } from '../helpers/scenario';
import { startChildApps, stopAll, type ChildApp } from '../helpers/processes';
import { dropTriggers, reinstallTriggers } from '../helpers/triggers';

const client = process.env.DATABASE_CLIENT || 'sqlite';
const CONSENT = 'plugin::user-consent.consent';
const ENV = { UC_CHAIN_LANES: '4' };

const verify = (h: Harness) => h.strapi.plugin('user-consent').service('integrity').verify();

(client === 'postgres' ? describe : describe.skip)('chain lanes on PostgreSQL', () => {
  let h: Harness;
  let s: Scenario;
  let apps: ChildApp[] = [];

  withScenario(
    async (app) => {
      ({ h, s } = app);
      apps = await startChildApps({ ...h.db.env, ...ENV }, 3);
    },
    { env: ENV, timeout: 240_000, beforeTeardown: () => stopAll(apps) }
  );

  it('the database has four lane heads, and a capture of one process lands in a lane above 0 with its lane hashed', async () => {
    const heads = await h.strapi.db.connection('uc_chain_head').orderBy('id').select('id', 'seq');
    expect(heads.map((r: any) => Number(r.id))).toEqual([1, 2, 3, 4]);
    const [receipt] = await giveOnContact(h, s);
    const row = await h.strapi.db.query(CONSENT).findOne({ where: { receiptId: receipt.id } });
    expect(row.lane).toBeGreaterThanOrEqual(1);
    expect(row.lane).toBeLessThanOrEqual(3);
    // The public receipt names its place: the position and the lane.
    const res = await h.http().get(`/api/user-consent/receipts/${receipt.id}`).set('X-Receipt-Token', receipt.token);
    expect(res.status).toBe(200);
    expect(res.body.data.integrity).toMatchObject({ seq: String(row.seq), lane: row.lane, hash: row.hash });
  });

  it('four processes capturing at once: every request stored once, several lanes used, every lane verifies', async () => {
    const before = await h.strapi.db.query(CONSENT).count({});
    // The contact form asks for both decisions: two events per request.
    const payload = JSON.stringify({
      pageUrl: 'https://site.example/contact',
      data: { name: 'N', email: 'lanes@example.com' },
      decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.ads, accepted: false }],
    });
    const PER_APP = 60;
    const statuses: number[] = [];
    const post = async (url: string | null) => {
      if (url === null) return (await h.http().post('/api/user-consent/forms/contact/consents').set('content-type', 'application/json').send(payload)).status;
      const res = await fetch(`${url}/api/user-consent/forms/contact/consents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
      await res.arrayBuffer();
      return res.status;
    };
    const worker = async (url: string | null, n: number) => {
      for (let i = 0; i < n; i += 1) statuses.push(await post(url));
    };
    // The three child processes and this one.
    const urls: (string | null)[] = [...apps.map((a) => a.url), null];
    await Promise.all(urls.flatMap((url) => Array.from({ length: 6 }, () => worker(url, PER_APP / 6))));
    expect(statuses.filter((x) => x !== 201)).toEqual([]);
    const rows = await h.strapi.db.query(CONSENT).findMany({ select: ['seq', 'lane', 'prevHash', 'hash'], orderBy: { seq: 'asc' } });
    expect(rows.length - before).toBe(urls.length * PER_APP * 2);
    // Positions are unique and grow within each lane; each lane links up (no forks).
    const byLane = new Map<number, any[]>();
    for (const r of rows) byLane.set(r.lane ?? 0, [...(byLane.get(r.lane ?? 0) ?? []), r]);
    expect([...byLane.keys()].filter((l) => l > 0).length).toBeGreaterThanOrEqual(2);
    for (const list of byLane.values()) {
      for (let i = 1; i < list.length; i += 1) expect(list[i].prevHash).toBe(list[i - 1].hash);
    }
    const report = await verify(h);
    expect(report).toMatchObject({ intact: true, checked: rows.length, firstBroken: null });
    expect(report.lanes).toHaveLength(4);
  }, 240_000);

  it('a consent captured in a lane is withdrawn once, in lane 0, even when two processes withdraw it at the same moment', async () => {
    const [receipt] = await giveOnContact(h, s);
    const urls = apps.map((a) => a.url);
    const answers = await Promise.all(
      urls.map((url) => fetch(`${url}/api/user-consent/withdrawals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ receipt: receipt.id, token: receipt.token }) }))
    );
    const bodies = await Promise.all(answers.map(async (r) => ({ status: r.status, body: await r.json() })));
    expect(bodies.every((b) => b.status === 200 || b.status === 201)).toBe(true);
    const given = await h.strapi.db.query(CONSENT).findOne({ where: { receiptId: receipt.id } });
    const withdrawals = await h.strapi.db.query(CONSENT).findMany({ where: { withdrawsId: given.id, action: 'withdrawn' } });
    expect(withdrawals).toHaveLength(1);
    expect(withdrawals[0].lane).toBeNull();
    expect(bodies.filter((b) => b.body.data?.alreadyWithdrawn === false)).toHaveLength(1);
    expect((await verify(h)).intact).toBe(true);
  });

  it('erasing a person whose consents sit in several lanes appends one erased event in lane 0, and every lane still verifies', async () => {
    const email = 'lane.erasure@example.com';
    const receipts: { id: string }[] = [];
    for (let i = 0; i < 6; i += 1) {
      const res = await h.http().post('/api/user-consent/forms/contact/consents').send({
        pageUrl: 'https://site.example/contact',
        subject: { email },
        data: { name: 'L', email },
        decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.ads, accepted: true }],
      });
      expect(res.status).toBe(201);
      receipts.push(...(res.body.data.receipts as { id: string }[]));
    }
    const given = await h.strapi.db.query(CONSENT).findMany({ where: { receiptId: { $in: receipts.map((r) => r.id) } } });
    const res = await h.admin.post('/user-consent/subjects/erasures').send({ email, reason: 'subject-request' });
    expect(res.status).toBe(201);
    expect(res.body.data.events).toBe(given.length);
    expect(given.every((g: any) => g.lane >= 1)).toBe(true);
    const erased = await h.strapi.db.query(CONSENT).findMany({ where: { action: 'erased' }, orderBy: { seq: 'desc' }, limit: 1 });
    expect(erased[0].lane).toBeNull();
    expect(await verify(h)).toMatchObject({ intact: true, firstBroken: null });
  });

  it('a checkpoint signs every lane head and holds; signing again without a move makes none', async () => {
    const res = await h.admin.post('/user-consent/checkpoints').send({});
    expect([200, 201]).toContain(res.status);
    const checkpoint = res.body.data.checkpoint ?? res.body.data;
    expect(checkpoint.lanes).toHaveLength(4);
    const heads = await h.strapi.db.connection('uc_chain_head').orderBy('id').select('id', 'seq', 'hash');
    expect(checkpoint.lanes).toEqual(heads.map((r: any) => ({ lane: Number(r.id) - 1, seq: String(r.seq), hash: r.hash })));
    const again = await h.admin.post('/user-consent/checkpoints').send({});
    expect((again.body.data.checkpoint ?? again.body.data).number).toBe(checkpoint.number);
    const check = await h.strapi.plugin('user-consent').service('integrity').verifyCheckpoints([checkpoint.jws]);
    expect(check).toMatchObject({ ok: true });
    // A capture in any lane moves that lane only: the next checkpoint is a new one.
    await giveOnContact(h, s);
    const next = await h.admin.post('/user-consent/checkpoints').send({});
    expect((next.body.data.checkpoint ?? next.body.data).number).toBe(checkpoint.number + 1);
    // Each checkpoint counts the events up to its heads (the later ones from the one before): every event.
    const counted = async () => Number((await h.strapi.db.connection('uc_consents').count({ n: '*' }))[0].n);
    expect(checkpoint.events).toBeGreaterThan(0);
    expect((next.body.data.checkpoint ?? next.body.data).events).toBe(await counted());
    for (let i = 0; i < 3; i += 1) await giveOnContact(h, s);
    const third = await h.admin.post('/user-consent/checkpoints').send({});
    expect((third.body.data.checkpoint ?? third.body.data).events).toBe(await counted());
  });

  it('reports a record removed from the middle of a lane, one moved to another lane, and the end of a lane removed', async () => {
    const k = h.strapi.db.connection;
    await dropTriggers(h.strapi);
    try {
      // A lane with at least three events.
      const [{ lane }] = await k('uc_consents').whereNotNull('lane').groupBy('lane').havingRaw('count(*) >= 3').select('lane');
      const list = await k('uc_consents').where({ lane }).orderBy('seq').select('*');
      const middle = list[1];
      await k('uc_consents').where({ id: middle.id }).delete();
      let report = await verify(h);
      expect(report.intact).toBe(false);
      expect(report.firstBroken).toMatchObject({ code: 'lane-prev-hash-mismatch', params: { lane: String(lane) } });
      await k('uc_consents').insert(middle);
      expect((await verify(h)).intact).toBe(true);

      // Moved to another lane (the column changed): its own hash covers its lane.
      const other = lane === 1 ? 2 : 1;
      await k('uc_consents').where({ id: middle.id }).update({ lane: other });
      report = await verify(h);
      expect(report.intact).toBe(false);
      expect(['lane-prev-hash-mismatch', 'altered']).toContain(report.firstBroken.code);
      await k('uc_consents').where({ id: middle.id }).update({ lane });
      expect((await verify(h)).intact).toBe(true);

      // The last event of the lane removed, its head left as it was.
      const last = list[list.length - 1];
      await k('uc_consents').where({ id: last.id }).delete();
      report = await verify(h);
      expect(report.firstBroken).toMatchObject({ code: 'lane-missing-at-end', params: { lane: String(lane) } });
      await k('uc_consents').insert(last);

      // An event naming a lane the chain does not have.
      await k('uc_consents').where({ id: last.id }).update({ lane: 9 });
      report = await verify(h);
      expect(report.firstBroken).toMatchObject({ code: 'unknown-lane' });
      await k('uc_consents').where({ id: last.id }).update({ lane });
      expect((await verify(h)).intact).toBe(true);
    } finally {
      await reinstallTriggers(h.strapi);
    }
  });
});

(client === 'postgres' ? describe.skip : describe)(`chain lanes on ${client}`, () => {
  let h: Harness;
  let s: Scenario;
  withScenario(
    async (app) => {
      ({ h, s } = app);
    },
    { env: ENV }
  );

  it('keeps one lane (the setting is for PostgreSQL): captures chain as before, without a lane', async () => {
    expect(h.strapi.plugin('user-consent').service('chain').lanes()).toBe(1);
    const [receipt] = await giveOnContact(h, s);
    const row = await h.strapi.db.query(CONSENT).findOne({ where: { receiptId: receipt.id } });
    expect(row.lane).toBeNull();
    const res = await h.http().get(`/api/user-consent/receipts/${receipt.id}`).set('X-Receipt-Token', receipt.token);
    expect(res.body.data.integrity.lane).toBeUndefined();
    expect(await verify(h)).toMatchObject({ intact: true, firstBroken: null });
  });
});
