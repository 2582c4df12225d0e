'use strict';

// P2 the admin log list at scale (POST /user-consent/consents/search) vs the same SQL run raw.
const { CFG } = require('../lib/options');
const { request, expectStatus } = require('../lib/http');
const { sqlStart, sqlStop, adminFloorRuns } = require('../lib/bench-app');
const { revive, toKnexSql, rawRows, explain, accessOf } = require('../lib/sql');
const { log, round, p95, median, elapsed } = require('../lib/util');
const { DAY, subjectOf } = require('./load');

const runP2 = async (ctx, loaded) => {
  const { app, knex, db, token, agreements } = ctx;
  const iso = (ms) => new Date(ms).toISOString();
  const filters = [
    {
      key: 'date_range_agreement',
      label: 'date range (30 days) + agreement',
      query: { from: iso(loaded.start + 150 * DAY), to: iso(loaded.start + 180 * DAY), agreement: agreements[1].id },
    },
    { key: 'ip_prefix', label: 'IP prefix 192.168.7.', query: { ip: '192.168.7.' } },
    { key: 'page_url_contains', label: 'page URL contains "shop7.example/promo"', query: { pageUrl: 'shop7.example/promo' } },
    // The person's e-mail: its hash is looked up in the personal store, then the events of those records.
    { key: 'subject_email', label: 'subject e-mail (one person)', query: { subject: subjectOf(Math.floor(loaded.captures / 2)).email } },
  ];
  log(`P2 admin list over ${loaded.rows.toLocaleString('en')}+ records on ${db.client}: ${CFG.listRuns} runs per filter, API vs the same SQL raw`);
  // For context: what any authenticated admin request costs here before the route does anything.
  const floor = await adminFloorRuns(app, token);
  const adminFloor = { p95_ms: round(p95(floor), 2), median_ms: round(median(floor), 2) };
  log(`  admin floor (GET /admin/users/me): p95 ${adminFloor.p95_ms} ms, median ${adminFloor.median_ms} ms`);
  const out = {};
  for (const f of filters) {
    // As the panel asks: POST /consents/search with the filter in the JSON body (IP and subject are
    // refused in URLs).
    const url = `${app.url}/user-consent/consents/search`;
    const list = () => request('POST', url, { token, json: f.query });
    // The exact statements the app sends for this request: those on the events (the page and the
    // count, with the personal store in a subquery for IP and subject) and the personal records of
    // the page (Strapi's own authentication queries and the agreement names are left out), and on
    // PostgreSQL the look-up of the matching page URLs that comes before them.
    await sqlStart(app);
    const first = expectStatus(await list(), [200], `list ${f.key}`);
    const captured = await sqlStop(app);
    const tables = new RegExp(`\\b(${ctx.table}|${ctx.personalTable}|uc_page_urls)\\b`);
    const all = captured
      .filter((q) => /^\s*select/i.test(q.sql) && tables.test(q.sql))
      .map((q) => ({ sql: toKnexSql(q.sql), bindings: q.bindings.map(revive) }));
    // Statements on the page URL list alone run first; the rest as the app runs them, at once.
    const lookups = all.filter((q) => !q.sql.includes(ctx.table) && !q.sql.includes(ctx.personalTable));
    const queries = all.filter((q) => !lookups.includes(q));
    if (queries.filter((q) => q.sql.includes(ctx.table)).length < 2) throw new Error(`P2 ${f.key}: expected a select and a count on ${ctx.table}, captured ${JSON.stringify(captured)}`);
    const rawOnce = async () => {
      for (const q of lookups) await knex.raw(q.sql, q.bindings);
      return Promise.all(queries.map((q) => knex.raw(q.sql, q.bindings)));
    };
    const check = await rawOnce();
    const countAt = queries.findIndex((q) => /count\(/i.test(q.sql));
    const rawCount = countAt >= 0 ? Number(Object.values(rawRows(check[countAt])[0] ?? {})[0]) : null;
    const apiTotal = first.meta.pagination.total;
    for (let i = 0; i < 3; i += 1) {
      await list();
      await rawOnce();
    }
    const api = [];
    const raw = [];
    // Alternating, so that whatever else runs on the machine weighs on both sides alike.
    for (let i = 0; i < CFG.listRuns; i += 1) {
      let t = process.hrtime.bigint();
      const res = await list();
      api.push(elapsed(t));
      if (res.status !== 200) throw new Error(`P2 ${f.key}: HTTP ${res.status}`);
      t = process.hrtime.bigint();
      await rawOnce();
      raw.push(elapsed(t));
    }
    const plans = [];
    for (const q of [...lookups, ...queries]) {
      const lookup = lookups.includes(q);
      plans.push({ sql: q.sql, bindings: q.bindings.map((b) => (b instanceof Date ? b.toISOString() : b)), plan: await explain(knex, db.client, q), ...(lookup ? { lookup } : {}) });
    }
    const r = {
      label: f.label,
      query: f.query,
      total: apiTotal,
      raw_count: rawCount,
      p95_ms: round(p95(api), 2),
      raw_p95_ms: round(p95(raw), 2),
      median_ms: round(median(api), 2),
      raw_median_ms: round(median(raw), 2),
      ratio: round(p95(api) / p95(raw)),
      // What the route adds beyond what any authenticated admin request costs and its own SQL.
      ratio_floor: round(p95(api) / (adminFloor.p95_ms + p95(raw))),
      // On the events and the personal records (the page URL list is small enough to be read whole).
      uses_index: plans.filter((p) => !p.lookup).every((p) => accessOf(p.plan) !== 'table scan'),
      access: plans.filter((p) => !p.lookup).map((p) => accessOf(p.plan)),
      plans,
    };
    out[f.key] = r;
    log(`  ${f.label.padEnd(42)} total ${String(apiTotal).padStart(7)}  api p95 ${r.p95_ms} ms  raw p95 ${r.raw_p95_ms} ms  ratio ${r.ratio}  ratio_floor ${r.ratio_floor}`);
    for (const p of plans) {
      log(`    plan (${p.lookup ? 'page URL list, ' : ''}${accessOf(p.plan)}): ${p.sql.slice(0, 150)}${p.sql.length > 150 ? '…' : ''}`);
      for (const line of p.plan) log(`      ${line}`);
    }
  }
  // One figure per database: the worst filter (the goals must hold for every typical filter).
  const worstOf = (field) => Object.values(out).reduce((a, b) => (b[field] > a[field] ? b : a));
  const keyOf = (f) => Object.keys(out).find((k) => out[k] === f);
  const worst = worstOf('ratio_floor');
  const slowest = worstOf('raw_p95_ms');
  return {
    ratio_floor: worst.ratio_floor,
    worst_filter: keyOf(worst),
    p95_ms: worst.p95_ms,
    raw_p95_ms: slowest.raw_p95_ms,
    raw_worst_filter: keyOf(slowest),
    ratio: worstOf('ratio').ratio,
    admin_floor: adminFloor,
    filters: out,
  };
};

module.exports = { runP2 };
