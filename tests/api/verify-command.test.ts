import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Harness } from '../helpers/strapi';
import { withScenario, giveOnContact, type Scenario } from '../helpers/scenario';
import { dropTriggers, reinstallTriggers } from '../helpers/triggers';

const ROOT = path.resolve(__dirname, '../..');

describe('npm run verify-consents', () => {
  let h: Harness;
  let s: Scenario;

  /** Runs the command against this test's database, as an operator would. */
  const run = () =>
    spawnSync(process.execPath, [path.join(ROOT, 'scripts/verify-consents.js')], {
      cwd: ROOT,
      env: { ...process.env, ...h.db.env, LOG_LEVEL: 'error' },
      encoding: 'utf8',
      timeout: 120_000,
    });

  withScenario((app) => ({ h, s } = app));
  beforeAll(async () => {
    for (let i = 0; i < 3; i += 1) await giveOnContact(h, s, { name: 'N', email: `p${i}@example.com` });
  });

  it('exits 0 on an intact chain', () => {
    const out = run();
    expect(out.stderr).not.toMatch(/BROKEN/);
    expect(out.stdout).toMatch(/intact: 6 consent event\(s\) verified/);
    expect(out.status).toBe(0);
  });

  /** The latest check as the plugin's home page shows it. */
  const latestCheck = async () => (await h.admin.get('/user-consent/overview')).body.data.integrity;

  it('leaves its verdict for the home page', async () => {
    expect(await latestCheck()).toMatchObject({ intact: true, checked: 6, code: null, triggersMissing: 0 });
  });

  it('exits non-zero and names the record when the chain is broken', async () => {
    await dropTriggers(h.strapi);
    const table = h.strapi.db.metadata.get('plugin::user-consent.consent').tableName;
    const victim = await h.strapi.db.connection(table).orderBy('id').offset(2).first();
    await h.strapi.db.connection(table).where({ id: victim.id }).update({ page_url: 'https://elsewhere.example/' });
    const out = run();
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(new RegExp(`BROKEN at record ${victim.id} \\(seq 3\\): .*altered`));
    expect(await latestCheck()).toMatchObject({ intact: false, checked: 2, code: 'altered' });
    // Booting Strapi for the check put the triggers back (the plugin keeps them installed): drop them
    // again to undo the tampering, then restore them.
    await dropTriggers(h.strapi);
    await h.strapi.db.connection(table).where({ id: victim.id }).update({ page_url: victim.page_url });
    await reinstallTriggers(h.strapi);
    expect(run().status).toBe(0);
  });

  it('exits non-zero when personal data was altered or removed outside an erasure', async () => {
    const table = h.strapi.db.metadata.get('plugin::user-consent.consent').tableName;
    const personal = h.strapi.db.metadata.get('plugin::user-consent.personal').tableName;
    const victim = await h.strapi.db.connection(table).orderBy('seq').offset(2).first();
    const original = await h.strapi.db.connection(personal).where({ id: victim.personal_id }).first();
    // The personal store has no triggers: an erasure deletes from it.
    await h.strapi.db.connection(personal).where({ id: original.id }).update({ ip: '10.9.9.9' });
    const altered = run();
    expect(altered.status).toBe(1);
    expect(altered.stderr).toMatch(new RegExp(`BROKEN at record ${victim.id} \\(seq 3\\): .*personal data was altered`));
    await h.strapi.db.connection(personal).where({ id: original.id }).delete();
    const removed = run();
    expect(removed.status).toBe(1);
    expect(removed.stderr).toMatch(new RegExp(`BROKEN at record ${victim.id} \\(seq 3\\): personal data removed without an erasure`));
    await h.strapi.db.connection(personal).insert(original);
    expect(run().status).toBe(0);
  });
});
