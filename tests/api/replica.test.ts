import type { Harness } from '../helpers/strapi';
import { binary } from '../helpers/strapi';
import { withScenario, giveOnContact, type Scenario } from '../helpers/scenario';
import { parseCsv } from '../helpers/csv';
import { until } from '../helpers/receiver';
import { exportOptions } from '../../server/src/services/log/export';

/**
 * A real PostgreSQL streaming replica (CI starts one with `pg_basebackup -R`, see .ci/run): the log,
 * the CSV export (COPY and batches alike) and the verification read it, writes go to the primary, and what
 * the replica has not replayed yet is said beside what was read. Runs when DATABASE_REPLICA_PORT names
 * the replica of the PostgreSQL server the suite runs on.
 */
const REPLICA = process.env.DATABASE_CLIENT === 'postgres' && process.env.DATABASE_REPLICA_PORT;

(REPLICA ? describe : describe.skip)('reads off a PostgreSQL read replica', () => {
  let h: Harness;
  let s: Scenario;
  // pg is the playground's driver (no types of its own here).
  const { Client } = require('pg');
  let standby: any = null;
  withScenario((app) => ({ h, s } = app), {
    env: { UC_RATE_LIMIT: 'false' },
    // Before the test database is dropped; never leave the shared replica paused, whatever failed.
    beforeTeardown: async () => {
      await standby?.query('SELECT pg_wal_replay_resume()').catch(() => undefined);
      await standby?.end().catch(() => undefined);
    },
  });

  /** A superuser session on the replica, in this test's database (to pause and resume its replay). */
  const replica = async () => {
    if (!standby) {
      const conn = h.strapi.db.connection.client.config.connection;
      standby = new Client({ host: process.env.DATABASE_REPLICA_HOST || conn.host, port: Number(process.env.DATABASE_REPLICA_PORT), user: conn.user, password: conn.password, database: conn.database });
      standby.on('error', () => undefined);
      await standby.connect();
    }
    return standby;
  };

  const primaryCount = async () => Number((await h.strapi.db.connection('uc_consents').count({ n: '*' }))[0].n);
  const list = async () => {
    const res = await h.admin.get('/user-consent/consents?pageSize=100');
    expect(res.status).toBe(200);
    return res.body;
  };
  const caughtUp = () => until(async () => (await list()).meta.replica?.behind === 0, 30_000, 'the replica to replay every record');
  /** Records in the admin's CSV export. */
  const exportRows = async () => {
    const res = await binary(h.admin.post('/user-consent/consents/export').send({}));
    expect(res.status).toBe(200);
    return parseCsv((res.body as Buffer).toString('utf8')).length - 1;
  };
  /** The same export through the service, by each path: the way it went and its records. */
  const exportVia = async (via?: 'batches') => {
    const out = await h.strapi.plugin('user-consent').service('log').exportLog({}, { id: null, email: 'script@example.com' }, { personal: true }, exportOptions({}), via ? { via } : {});
    const chunks: Buffer[] = [];
    for await (const c of out.stream as AsyncIterable<Buffer | string>) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
    return { via: out.via as string, body: Buffer.concat(chunks).toString('utf8') };
  };

  it('is in recovery: a real standby, not the primary again', async () => {
    const r = await (await replica()).query('SELECT pg_is_in_recovery() AS standby');
    expect(r.rows[0].standby).toBe(true);
  });

  it('lists, exports and verifies from the replica once it has caught up', async () => {
    await giveOnContact(h, s);
    await giveOnContact(h, s, { name: 'B', email: 'b@b.example' });
    await caughtUp();
    const total = await primaryCount();
    const body = await list();
    expect(body.meta.pagination.total).toBe(total);
    expect(body.meta.replica).toEqual({ behind: 0, lagMs: 0 });
    // The personal store is read there too.
    expect(body.data[0].ip).toBeTruthy();
    expect(await exportRows()).toBe(total);
    const report = (await h.admin.get('/user-consent/integrity')).body.data;
    expect(report).toMatchObject({ intact: true, checked: total, replica: { behind: 0 } });
  });

  it('while the replica lags: captures still land on the primary, reads show what the replica has and say how far behind it is', async () => {
    const before = await primaryCount();
    await (await replica()).query('SELECT pg_wal_replay_pause()');
    try {
      // Two more visitors: four events on the primary the replica has not replayed.
      await giveOnContact(h, s, { name: 'C', email: 'c@b.example' });
      await giveOnContact(h, s, { name: 'D', email: 'd@b.example' });
      expect(await primaryCount()).toBe(before + 4);
      const body = await list();
      expect(body.meta.pagination.total).toBe(before);
      expect(body.meta.replica.behind).toBe(4);
      expect(body.meta.replica.lagMs).toBeGreaterThanOrEqual(0);
      // The export and the verification read the same state: the records the replica has.
      expect(await exportRows()).toBe(before);
      // COPY runs on the replica's connection as well, and gives the batches' file.
      const [copy, batches] = [await exportVia(), await exportVia('batches')];
      expect(copy.via).toBe('copy');
      expect(copy.body).toBe(batches.body);
      expect(parseCsv(copy.body).length - 1).toBe(before);
      const report = (await h.admin.get('/user-consent/integrity')).body.data;
      expect(report).toMatchObject({ intact: true, checked: before, replica: { behind: 4 } });
    } finally {
      await (await replica()).query('SELECT pg_wal_replay_resume()');
    }
    await caughtUp();
    expect((await list()).meta.pagination.total).toBe(before + 4);
    const report = (await h.admin.get('/user-consent/integrity')).body.data;
    expect(report).toMatchObject({ intact: true, checked: before + 4 });
  });
});
