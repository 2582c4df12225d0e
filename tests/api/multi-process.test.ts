import type { Harness } from '../helpers/strapi';
import { withScenario, type Scenario } from '../helpers/scenario';
import { startChildApps, stopAll, type ChildApp } from '../helpers/processes';

// Several Strapi processes on one database need a server database; SQLite is one process's file.
const client = process.env.DATABASE_CLIENT || 'sqlite';
const maybe = client === 'postgres' || client === 'mysql' ? describe : describe.skip;

maybe(`two Strapi processes appending to one ${client} database`, () => {
  let h: Harness;
  let s: Scenario;
  let apps: ChildApp[] = [];

  withScenario(
    async (app) => {
      ({ h, s } = app);
      apps = await startChildApps(h.db.env);
    },
    { timeout: 180_000, beforeTeardown: () => stopAll(apps) }
  );

  it('stores every accepted request exactly once, in one unbroken chain', async () => {
    const before = await h.strapi.db.query('plugin::user-consent.consent').count({});
    const PER_APP = 150;
    const CONCURRENCY = 10;
    const body = JSON.stringify({
      pageUrl: 'https://site.example/contact',
      data: { name: 'N', email: 'n@example.com' },
      decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.ads, accepted: false }],
    });
    const statuses: number[] = [];
    const receipts = new Set<string>();
    const worker = async (url: string, n: number) => {
      for (let i = 0; i < n; i += 1) {
        const res = await fetch(`${url}/api/user-consent/forms/contact/consents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        statuses.push(res.status);
        if (res.status === 201) for (const r of (await res.json()).data.receipts) receipts.add(r.id);
      }
    };
    await Promise.all(apps.flatMap((a) => Array.from({ length: CONCURRENCY }, () => worker(a.url, PER_APP / CONCURRENCY))));

    const created = statuses.filter((x) => x === 201).length;
    expect(created).toBe(apps.length * PER_APP);
    const rows = await h.strapi.db.query('plugin::user-consent.consent').findMany({ select: ['seq', 'receiptId'], orderBy: { seq: 'asc' } });
    expect(rows.length - before).toBe(created * 2);
    expect(receipts.size).toBe(created * 2);
    expect(new Set(rows.map((r: any) => r.receiptId)).size).toBe(rows.length);
    rows.forEach((r: any, i: number) => expect(String(r.seq)).toBe(String(i + 1)));
    const report = await h.strapi.plugin('user-consent').service('integrity').verify();
    expect(report).toMatchObject({ intact: true, checked: rows.length, firstBroken: null });
  }, 300_000);
});
