import type { Knex } from 'knex';
import { binary, type Harness } from '../helpers/strapi';
import { withScenario, type Scenario } from '../helpers/scenario';
import { parseCsv } from '../helpers/csv';

/**
 * "Page URL contains" through the distinct page URLs and the page URL index (server/src/events/page-urls.ts):
 * the same rows as the scan it replaced found, for needles that are wildcards, escapes, quotes, search
 * syntax, Cyrillic or one character long; events written around the plugin (as the bench loader and
 * other programs do) are found as well; an upgrade fills the URL list from the events already there;
 * and each database's plan reaches the index.
 */
describe('the consent log: page URL contains, index-backed', () => {
  let h: Harness;
  let s: Scenario;
  const k = () => h.strapi.db.connection as Knex;
  const client = () => h.strapi.db.dialect.client as string;
  const CONSENTS = 'uc_consents';
  const LONG_PATH = `/long/${'x'.repeat(3000)}`;

  const capture = async (pageUrl: string) => {
    const res = await h
      .http()
      .post('/api/user-consent/forms/contact/consents')
      .send({ pageUrl, data: { name: 'A', email: 'a@b.example' }, decisions: [{ version: s.versions.pd, accepted: true, fullTextOpened: true }, { version: s.versions.ads, accepted: false }] });
    expect(res.status).toBe(201);
  };

  /** An event written straight into the table, as another program (or the bench's loader) writes one. */
  let rawSeq = 9_000_000_000;
  const insertRaw = async (pageUrls: (string | null)[]) => {
    const now = new Date();
    for (const pageUrl of pageUrls) {
      rawSeq += 1;
      await k()(CONSENTS).insert({ document_id: `raw${rawSeq}`, seq: rawSeq, action: 'given', form_key: 'raw', page_url: pageUrl, channel: 'import', recorded_at: now, created_at: now, updated_at: now });
    }
  };

  /** The ids the filter found before it had an index: the same condition, scanning the table. */
  const scanIds = async (needle: string) => {
    const pattern = `%${needle.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const q = k()(CONSENTS).select('id').orderBy('id');
    if (client() === 'sqlite') q.whereRaw(`page_url LIKE ? ESCAPE '\\'`, [pattern]);
    else if (client() === 'postgres') q.whereRaw('page_url ILIKE ?', [pattern]);
    else q.whereRaw('LOWER(page_url) LIKE LOWER(?)', [pattern]);
    return (await q).map((r: { id: unknown }) => Number(r.id));
  };

  const listIds = async (needle: string) => {
    const res = await h.admin.post('/user-consent/consents/search').send({ pageUrl: needle, pageSize: 100, sort: 'seq', order: 'asc' });
    expect(res.status).toBe(200);
    expect(res.body.meta.pagination.total).toBe(res.body.data.length);
    return (res.body.data as { id: unknown }[]).map((r) => Number(r.id)).sort((a, b) => a - b);
  };

  withScenario((app) => ({ h, s } = app));

  // What the app sends while it answers one request (knex's query events), to look at its plans.
  const statementsOf = async (send: () => Promise<unknown>) => {
    const seen: { sql: string; bindings: unknown[] }[] = [];
    const listener = (q: { sql: string; bindings?: unknown[] }) => seen.push({ sql: q.sql, bindings: q.bindings ?? [] });
    k().on('query', listener);
    try {
      await send();
    } finally {
      k().removeListener('query', listener);
    }
    return seen;
  };

  const NEEDLES = [
    'promo', 'PROMO', 'shop.example/promo', '%', '50%', '%25', '_', 'a_b', '\\', 'back\\slash', "'", "it's", '"', '"quote"', '""', '*', 'a*b',
    'OR', ' OR ', 'NEAR', 'NEAR(', '^', '-', ':', 'журнал', 'ЖУРНАЛ', 'Журнал', 'ж', 'k', 'kelvin', 'KELVIN', 'sh', 's', '/', 'https://', 'x'.repeat(40), 'nowhere-at-all',
  ];

  it('finds exactly the rows the scan found, for captured and directly written events', async () => {
    for (const url of [
      'https://shop.example/Promo/50%25_off',
      'https://shop.example/promo',
      "https://shop.example/it's/a*b/OR/NEAR(x)/^-:",
      'https://site.example/%D0%96%D1%83%D1%80%D0%BD%D0%B0%D0%BB',
      'https://site.example/a_b',
      `https://site.example${LONG_PATH}`,
    ])
      await capture(url);
    await insertRaw([
      'https://site.example/Журнал',
      'https://site.example/журнал/ЖУРНАЛ',
      'https://site.example/kelvin\u212A',
      'https://site.example/back\\slash',
      'https://site.example/q"quote"/""/OR/NEAR',
      'https://site.example/100%/a_b',
      'https://SHOP.EXAMPLE/PROMO',
      null,
    ]);
    const found: Record<string, number> = {};
    for (const needle of NEEDLES) {
      const expected = await scanIds(needle);
      expect({ needle, ids: await listIds(needle) }).toEqual({ needle, ids: expected });
      found[needle] = expected.length;
    }
    // The needles test something: wildcards, escapes and quotes are literal, the case is ignored.
    expect(found['%']).toBe(2 * 1 + 1 + 2); // 50%25_off (two events), %D0… (two), 100% (one)
    expect(found['_']).toBe(2 * 2 + 1); // 50%25_off, a_b (two events each), 100%/a_b
    expect(found['\\']).toBe(1);
    expect(found['"quote"']).toBe(1);
    expect(found['""']).toBe(1);
    expect(found.PROMO).toBe(found.promo);
    expect(found.promo).toBe(2 * 2 + 1);
    expect(found['nowhere-at-all']).toBe(0);
    expect(found['x'.repeat(40)]).toBe(2);
  });

  it('counts and exports the same rows as it lists', async () => {
    const res = await h.admin.post('/user-consent/consents/search').send({ pageUrl: 'promo', pageSize: 2 });
    expect(res.body.data).toHaveLength(2);
    expect(res.body.meta.pagination.total).toBe((await scanIds('promo')).length);
    const csv = await binary(h.admin.post('/user-consent/consents/export').send({ pageUrl: 'a_b' }));
    expect(csv.status).toBe(200);
    const [header, ...rows] = parseCsv((csv.body as Buffer).toString('utf8').replace(/^\uFEFF/, '').trim());
    const at = header.indexOf('id');
    expect(rows.map((r) => Number(r[at])).sort((a, b) => a - b)).toEqual(await scanIds('a_b'));
    expect(rows).toHaveLength(3); // a_b (two events), 100%/a_b
  });

  it('fills the list of page URLs from the events already there when it starts (an upgrade), and its trigger again', async () => {
    const { ensurePageUrlSearch, PAGE_URL_TABLE, PAGE_URL_FILL_TABLE, PAGE_URL_TRIGGER } = require('../../server/src/events/page-urls');
    // As a database from before this version: no trigger, no URL list, events it has never seen.
    if (client() === 'postgres') await k().raw(`DROP TRIGGER IF EXISTS ${PAGE_URL_TRIGGER} ON ${CONSENTS}`);
    else await k().raw(`DROP TRIGGER IF EXISTS ${PAGE_URL_TRIGGER}`);
    await k()(PAGE_URL_TABLE).del();
    await k()(PAGE_URL_FILL_TABLE).del();
    await insertRaw(['https://old.example/before-the-upgrade']);
    expect(await listIds('before-the-upgrade')).toEqual([]);
    await ensurePageUrlSearch(h.strapi);
    expect(await listIds('before-the-upgrade')).toEqual(await scanIds('before-the-upgrade'));
    expect(await listIds('before-the-upgrade')).toHaveLength(1);
    for (const needle of NEEDLES) expect({ needle, ids: await listIds(needle) }).toEqual({ needle, ids: await scanIds(needle) });
    // Started again: nothing to add, and the trigger keeps new events in.
    const urls = Number((await k()(PAGE_URL_TABLE).count({ n: '*' }))[0].n);
    await ensurePageUrlSearch(h.strapi);
    expect(Number((await k()(PAGE_URL_TABLE).count({ n: '*' }))[0].n)).toBe(urls);
    await insertRaw(['https://new.example/after-the-upgrade']);
    await capture('https://new.example/captured-after');
    expect(await listIds('after-the-upgrade')).toHaveLength(1);
    expect(await listIds('captured-after')).toHaveLength(2);
  });

  it("reads through the page URL index (and on PostgreSQL the URL list's trigram index)", async () => {
    const { PAGE_URL_TRGM_INDEX } = require('../../server/src/events/page-urls');
    const statements = await statementsOf(() => h.admin.post('/user-consent/consents/search').send({ pageUrl: 'shop.example/promo' }));
    if (client() === 'postgres') {
      // The matching URLs are read first (trigram index), then the events are counted and read by those
      // URLs, given as values; the count from the page URL b-tree alone.
      const urls = statements.find((q) => q.sql.includes('uc_page_urls') && /ilike/i.test(q.sql));
      const count = statements.find((q) => /count\(/i.test(q.sql) && q.sql.includes(CONSENTS));
      const page = statements.find((q) => !/count\(/i.test(q.sql) && q.sql.includes(`from "${CONSENTS}"`) && q.sql.includes('page_url IN'));
      expect(urls).toBeDefined();
      expect(count?.bindings).toEqual(expect.arrayContaining(['https://shop.example/promo']));
      expect(page).toBeDefined();
      // As autovacuum leaves a table: the visibility map lets a count skip the rows.
      await k().raw(`VACUUM ${CONSENTS}`);
      const explain = (q: { sql: string; bindings: unknown[] }, off: string[]) =>
        k().transaction(async (trx) => {
          // The tables here are tiny: the planner would read them whole. Forbidding that shows the indexes serve.
          for (const kind of off) await trx.raw(`SET LOCAL enable_${kind} = off`);
          const sql = q.sql.replace(/\$(\d+)/g, '?');
          return (await trx.raw(`EXPLAIN ${sql}`, q.bindings as any[])).rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
        });
      expect(await explain(urls!, ['seqscan'])).toMatch(new RegExp(`Bitmap Index Scan on ${PAGE_URL_TRGM_INDEX}`));
      expect(await explain(count!, ['seqscan', 'bitmapscan'])).toMatch(/Index Only Scan using uc_consents_page_url_bt_idx/);
      return;
    }
    const count = statements.find((q) => /count\(/i.test(q.sql) && q.sql.includes('uc_page_urls'));
    const page = statements.find((q) => !/count\(/i.test(q.sql) && q.sql.includes('uc_page_urls'));
    expect(count).toBeDefined();
    expect(page).toBeDefined();
    if (client() === 'sqlite') {
      const plan = (await k().raw(`EXPLAIN QUERY PLAN ${count!.sql}`, count!.bindings as any[])).map((r: { detail: string }) => r.detail).join('\n');
      expect(plan).toMatch(/USING COVERING INDEX uc_consents_page_url_idx \(page_url=\?\)/);
      expect(plan).toMatch(/uc_page_urls/);
      expect(plan).not.toMatch(/SCAN uc_consents\b/);
    } else {
      const [rows] = await k().raw(`EXPLAIN ${count!.sql}`, count!.bindings as any[]);
      const consents = (rows as Record<string, unknown>[]).find((r) => r.table === CONSENTS);
      expect(String(consents?.possible_keys)).toMatch(/uc_consents_page_url_idx/);
    }
  });

  // Last: its 501 URLs would pass the other tests' page size.
  it('finds the same rows when more page URLs match than it lists by value', async () => {
    const { PAGE_URL_LIST_MAX } = require('../../server/src/events/page-urls');
    await insertRaw(Array.from({ length: PAGE_URL_LIST_MAX + 1 }, (_, i) => `https://many.example/Page-${i}`));
    const res = await h.admin.post('/user-consent/consents/search').send({ pageUrl: 'many.example/page-', pageSize: 10, sort: 'seq', order: 'desc' });
    expect(res.status).toBe(200);
    const expected = await scanIds('many.example/page-');
    expect(expected).toHaveLength(PAGE_URL_LIST_MAX + 1);
    expect(res.body.meta.pagination.total).toBe(expected.length);
    expect(res.body.data.map((r: { id: unknown }) => Number(r.id))).toEqual(expected.slice(-10).reverse());
  });
});
