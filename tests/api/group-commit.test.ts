/**
 * Group commit: concurrent captures of one process share a transaction and a chain-head lock. Every
 * answered capture is stored exactly once, in one unbroken chain, and a capture that fails inside a
 * shared transaction does not take the others with it.
 */
import type { Harness } from '../helpers/strapi';
import { withScenario, type Scenario } from '../helpers/scenario';
import { refPersonalHash } from '../helpers/reference-chain';

describe('group commit of concurrent captures', () => {
  let h: Harness;
  let s: Scenario;
  const chain = () => h.strapi.plugin('user-consent').service('chain');
  const verify = () => h.strapi.plugin('user-consent').service('integrity').verify();
  const table = () => h.strapi.db.metadata.get('plugin::user-consent.consent' as any).tableName;

  withScenario((app) => ({ h, s } = app), { env: { UC_RATE_LIMIT: 'false' } });

  it('stores 60 simultaneous captures once each, with their personal records, in one intact chain', async () => {
    const before = Number((await h.strapi.db.connection(table()).count({ n: '*' }))[0].n);
    const bodies = Array.from({ length: 60 }, (_, i) => ({
      pageUrl: 'https://site.example/contact',
      subject: { email: `person${i}@example.com` },
      data: { name: `Person ${i}`, email: `person${i}@example.com` },
      decisions: [
        { version: s.versions.pd, accepted: true, fullTextOpened: true },
        { version: s.versions.ads, accepted: i % 2 === 0 },
      ],
    }));
    const answers = await Promise.all(bodies.map((b) => h.http().post('/api/user-consent/forms/contact/consents').send(b)));
    expect(answers.map((r) => r.status)).toEqual(bodies.map(() => 201));

    const receipts = answers.flatMap((r) => r.body.data.receipts.map((x: any) => x.id));
    expect(new Set(receipts).size).toBe(120);
    const rows = await h.strapi.db.connection(table()).whereIn('receipt_id', receipts).select('receipt_id', 'personal_id', 'personal_hash', 'action');
    expect(rows).toHaveLength(120);
    // Each capture's two events point at the same personal record, which holds that person's data
    // and matches the keyed hash both events carry.
    const personalTable = h.strapi.db.metadata.get('plugin::user-consent.personal' as any).tableName;
    const people = h.strapi.plugin('user-consent').service('personal');
    const personalIds = new Set<number>();
    for (const [i, r] of answers.entries()) {
      const [a, b] = r.body.data.receipts.map((x: any) => rows.find((row: any) => row.receipt_id === x.id));
      expect(a.personal_id).toBeTruthy();
      expect(a.personal_id).toBe(b.personal_id);
      expect(a.personal_hash).toBe(b.personal_hash);
      personalIds.add(Number(a.personal_id));
      const p = people.fromRaw(await h.strapi.db.connection(personalTable).where({ id: a.personal_id }).first());
      expect(p.data.email).toBe(`person${i}@example.com`);
      expect(p.subject).toEqual({ email: `person${i}@example.com` });
      expect(a.personal_hash).toBe(refPersonalHash(p.secret, p));
      expect(b.action).toBe(i % 2 === 0 ? 'given' : 'refused');
    }
    expect(personalIds.size).toBe(60);
    const after = Number((await h.strapi.db.connection(table()).count({ n: '*' }))[0].n);
    expect(after - before).toBe(120);
    const report = await verify();
    expect(report.firstBroken).toBeNull();
    expect(report.intact).toBe(true);
  });

  it('a job that fails inside a shared transaction fails alone; the others are stored', async () => {
    const event = (n: number) => ({
      action: 'given',
      agreementId: s.agreements.pd,
      versionId: s.versions.pd,
      versionNumber: 1,
      formKey: 'contact',
      fields: [],
      behaviour: 'required-read',
      prechecked: false,
      fullTextOpened: true,
      receiptId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      channel: 'api',
      recordedAt: new Date(),
    });
    // Each job stores a personal record first, in the shared transaction; job 5 then fails.
    const people = h.strapi.plugin('user-consent').service('personal');
    const events = Array.from({ length: 12 }, (_, i) => event(i) as Record<string, unknown>);
    const jobs = events.map((e, i) =>
      chain().appendQueued([e], {
        before: async (trx: any) => {
          e.personalId = await people.insert(trx, { secret: 'a'.repeat(64), note: `group job ${i}`, collectedAt: new Date() });
          // A statement that fails inside the transaction, as a constraint violation would.
          if (i === 5) await trx.raw('SELECT * FROM no_such_table_for_this_test');
        },
      })
    );
    const settled = await Promise.allSettled(jobs);
    expect(settled.map((r) => r.status)).toEqual(settled.map((_, i) => (i === 5 ? 'rejected' : 'fulfilled')));
    const stored = await h.strapi.db.connection(table()).where('receipt_id', 'like', '00000000-0000-4000-8000-%').select('receipt_id', 'personal_id');
    expect(stored.map((r: any) => r.receipt_id).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => i).filter((i) => i !== 5).map((i) => event(i).receiptId).sort()
    );
    // The personal records of the stored jobs, once each; none of the failed one.
    const personalTable = h.strapi.db.metadata.get('plugin::user-consent.personal' as any).tableName;
    const notes: any[] = await h.strapi.db.connection(personalTable).where('note', 'like', 'group job %').select('id', 'note');
    expect(notes.map((n) => n.note).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => i).filter((i) => i !== 5).map((i) => `group job ${i}`).sort()
    );
    expect(new Set(stored.map((r: any) => Number(r.personal_id)))).toEqual(new Set(notes.map((n) => Number(n.id))));
    // No personal hash on these events: nothing for verification to match.
    expect((await verify()).intact).toBe(true);
  });

  it('withdrawals (which lock the chain head) and captures (which on PostgreSQL do not) run together', async () => {
    const capture = (i: number) =>
      h.http().post('/api/user-consent/forms/contact/consents').send({
        pageUrl: 'https://site.example/contact',
        data: { name: `Mixed ${i}`, email: `mixed${i}@example.com` },
        decisions: [
          { version: s.versions.pd, accepted: true, fullTextOpened: true },
          { version: s.versions.ads, accepted: true },
        ],
      });
    const first = await Promise.all(Array.from({ length: 15 }, (_, i) => capture(i)));
    const given = first.map((r) => r.body.data.receipts[1]);
    const [withdrawals, more] = await Promise.all([
      Promise.all(given.map((g) => h.http().post('/api/user-consent/withdrawals').send({ receipt: g.id, token: g.token }))),
      Promise.all(Array.from({ length: 30 }, (_, i) => capture(100 + i))),
    ]);
    expect(withdrawals.map((r) => r.status)).toEqual(given.map(() => 201));
    expect(more.map((r) => r.status)).toEqual(more.map(() => 201));
    const report = await verify();
    expect(report.firstBroken).toBeNull();
    expect(report.intact).toBe(true);
  });
});
