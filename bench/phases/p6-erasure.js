'use strict';

// P6 erasure and retention: erasures of one data subject through the admin route vs a bare DELETE +
// INSERT; a retention run vs a bare batched DELETE; the chain verified afterwards.
const { CFG } = require('../lib/options');
const { request, expectStatus } = require('../lib/http');
const { appMemory, sqlStart, sqlStop, integrity, adminFloorRuns, profileStart, profileStop } = require('../lib/bench-app');
const { withRss } = require('../lib/proc');
const { insertRows, revive, toKnexSql, explain } = require('../lib/sql');
const { log, round, sleep, p95, median, elapsed } = require('../lib/util');
const { DAY, subjectOf } = require('./load');

const SCRATCH_TABLE = 'bench_scratch';
const HOLD_TABLE = 'bench_personal_hold';

/**
 * PostgreSQL: waits until no VACUUM runs on this database (the plugin vacuums the personal store in
 * the background after each erasure); returns the ms waited. SQLite has none (0).
 */
const vacuumSettled = async (knex, db, maxMs = 300_000) => {
  if (db.client !== 'postgres') return 0;
  const t = process.hrtime.bigint();
  let quiet = 0;
  for (;;) {
    const r = await knex.raw(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query ILIKE 'vacuum%'"
    );
    // Twice in a row: the plugin runs its VACUUM statements one after the other.
    quiet = r.rows[0].n ? 0 : quiet + 1;
    if (quiet >= 2) return Math.max(0, elapsed(t) - 25);
    if (elapsed(t) > maxMs) throw new Error('P6: a VACUUM is still running');
    await sleep(25);
  }
};

/** A statement as a key: placeholders and lists of them folded, whitespace collapsed, cut at 110 characters. */
const statementKey = (sql) =>
  sql
    .replace(/\s+/g, ' ')
    .replace(/\$\d+/g, '?')
    .replace(/\((\s*\?\s*,)+\s*\?\s*\)/g, '(?…)')
    .replace(/(, *\(\?…\))+/g, ', …')
    .replace(/'[^']*'/g, "'…'")
    .trim()
    .slice(0, 110);

/** Where the app's statements spent their time (from /__bench/sql/stop): count and ms per statement, biggest first. */
const summariseStatements = (queries, top = 12) => {
  const by = new Map();
  for (const q of queries) {
    const key = statementKey(q.sql);
    const e = by.get(key) ?? { statement: key, count: 0, ms: 0 };
    e.count += 1;
    e.ms += q.ms ?? 0;
    by.set(key, e);
  }
  return [...by.values()]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top)
    .map((e) => ({ ...e, ms: round(e.ms, 1) }));
};

/**
 * PostgreSQL: what the server is busy with, sampled from pg_stat_activity every `everyMs` while a
 * phase runs (the statement of each active backend of this database); a time per statement kind.
 */
const pgActivity = (knex, db, everyMs = 20) => {
  if (db.client !== 'postgres') return { stop: async () => null };
  const counts = new Map();
  let samples = 0;
  let on = true;
  const t = process.hrtime.bigint();
  const loop = (async () => {
    while (on) {
      const r = await knex
        .raw("SELECT query, wait_event_type, wait_event FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'")
        .catch(() => null);
      if (r) {
        samples += 1;
        for (const row of r.rows) {
          const key = `${statementKey(row.query)}${row.wait_event ? `  [wait ${row.wait_event_type}:${row.wait_event}]` : ''}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
      await sleep(everyMs);
    }
  })();
  return {
    stop: async () => {
      on = false;
      await loop;
      const per = samples ? elapsed(t) / samples : everyMs;
      return {
        samples,
        sample_ms: round(per, 1),
        busy: [...counts]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 10)
          .map(([statement, n]) => ({ statement, samples: n, approx_ms: Math.round(n * per) })),
      };
    },
  };
};

const runP6 = async (ctx, loaded) => {
  const { app, db, knex, token } = ctx;
  log(`P6 erasure and retention on ${db.client}: ${CFG.eraseRuns} erasures by e-mail, then a retention run over ${CFG.retentionEvents.toLocaleString('en')} due events`);
  await sleep(200); // after P4's synchronous bare pass on SQLite: let the runner see the app's closed idle sockets
  if (!(await knex.schema.hasTable(SCRATCH_TABLE))) {
    await knex.schema.createTable(SCRATCH_TABLE, (t) => {
      t.increments('id');
      t.string('note');
      t.timestamp('created_at');
    });
  }
  const erase = await runP6Erase(ctx, loaded);
  const retention = await runP6Retention(ctx, loaded);
  // The chain after both: every erased record is named by an `erased` event, every other one unchanged.
  await vacuumSettled(knex, db);
  const t = process.hrtime.bigint();
  const report = await integrity(app, token);
  const verifyMs = elapsed(t);
  log(`  chain after P6: ${report.intact ? 'intact' : `BROKEN at ${JSON.stringify(report.firstBroken)}`} (${report.checked} records, ${Math.round(verifyMs)} ms)`);
  return {
    erase_p50_ms: erase.p50_ms,
    erase_p95_ms: erase.p95_ms,
    erase_baseline_p50_ms: erase.baseline_p50_ms,
    erase_baseline_p95_ms: erase.baseline_p95_ms,
    erase_ratio: erase.ratio,
    retention_rows_per_s: retention.rows_per_s,
    retention_rss_growth_mb: retention.rss_growth_mb,
    retention_baseline_records_per_s: retention.baseline_records_per_s,
    retention_ratio: retention.ratio,
    chain_intact: report.intact,
    chain_checked: report.checked,
    chain_first_broken: report.firstBroken,
    chain_verify_ms: round(verifyMs, 0),
    erase,
    retention,
  };
};

/**
 * Erasures of different subjects by e-mail through the admin route, each after the same work done
 * bare on the same rows: a knex DELETE of the subject's personal records and an INSERT of one row into
 * a scratch table, in one transaction (then the rows are put back, untimed, for the plugin to erase).
 */
const runP6Erase = async (ctx, loaded) => {
  const { app, db, knex, token, plugin } = ctx;
  const ptable = ctx.personalTable;
  const warmup = 3;
  const total = warmup + CFG.eraseRuns;
  // Subjects spread over the log, from the forms other than `bench` (the retention run takes those).
  const picks = [];
  for (let i = 0; i < total; i += 1) {
    let k = Math.floor(((i + 0.5) * loaded.captures) / total);
    while (k < loaded.captures - 1 && (loaded.captureForm[k] === 0 || picks.includes(k))) k += 1;
    picks.push(k);
  }
  // For context: what any authenticated admin request costs here before its handler runs.
  const floor = await adminFloorRuns(app, token);

  const api = [];
  const bare = [];
  const waits = [];
  let events = 0;
  let records = 0;
  let statements = null;
  await profileStart(app);
  for (let i = 0; i < total; i += 1) {
    const email = subjectOf(picks[i]).email;
    const hash = plugin.emailHash(email);
    const measured = i >= warmup;
    const wait = await vacuumSettled(knex, db);
    if (measured) waits.push(wait);
    // Bare: what the database itself costs for the deletion and one act.
    const saved = await knex(ptable).where('email_hash', hash);
    if (!saved.length) throw new Error(`P6: no personal record for ${email}`);
    let t = process.hrtime.bigint();
    await knex.transaction(async (trx) => {
      await trx(ptable).where('email_hash', hash).del();
      await trx(SCRATCH_TABLE).insert({ note: 'bench erasure', created_at: new Date() });
    });
    const bareMs = elapsed(t);
    await insertRows(knex, ptable, saved);
    // The plugin: the admin route, as the panel calls it. The last one's statements are recorded.
    const record = i === total - 1;
    if (record) await sqlStart(app);
    t = process.hrtime.bigint();
    const res = expectStatus(
      await request('POST', `${app.url}/user-consent/subjects/erasures`, { token, json: { email, reason: 'subject-request' } }),
      [201],
      `erasure of ${email}`
    ).data;
    const ms = elapsed(t);
    if (record) statements = await sqlStop(app);
    const left = await knex(ptable).where('email_hash', hash).count({ n: '*' }).first();
    if (Number(left.n) !== 0) throw new Error(`P6: ${left.n} personal record(s) of ${email} left after its erasure`);
    if (measured) {
      api.push(ms);
      bare.push(bareMs);
      events += res.events;
      records += res.records ?? 0;
    }
  }
  await profileStop(app, 'P6-erase');
  const out = {
    runs: api.length,
    p50_ms: round(median(api), 2),
    p95_ms: round(p95(api), 2),
    baseline_p50_ms: round(median(bare), 2),
    baseline_p95_ms: round(p95(bare), 2),
    ratio: round(p95(api) / p95(bare)),
    admin_floor_p95_ms: round(p95(floor), 2),
    admin_floor_median_ms: round(median(floor), 2),
    events_per_erasure: round(events / api.length, 2),
    records_per_erasure: round(records / api.length, 2),
    // PostgreSQL: how long the plugin's background VACUUM after the previous erasure still ran.
    vacuum_wait_median_ms: db.client === 'postgres' ? round(median(waits), 0) : null,
    vacuum_wait_max_ms: db.client === 'postgres' ? round(Math.max(...waits), 0) : null,
    runs_ms: api.map((v) => round(v, 1)),
    runs_baseline_ms: bare.map((v) => round(v, 2)),
    last_statements: statements ? statements.map((q) => ({ sql: statementKey(q.sql), ms: round(q.ms, 2) })) : null,
  };
  log(`  erasure (admin route) p50 ${out.p50_ms} ms, p95 ${out.p95_ms} ms; bare DELETE + INSERT p50 ${out.baseline_p50_ms} ms, p95 ${out.baseline_p95_ms} ms; admin floor p95 ${out.admin_floor_p95_ms} ms; ${out.events_per_erasure} events / ${out.records_per_erasure} records per erasure`);
  if (db.client === 'postgres') log(`  background VACUUM after each erasure: median ${out.vacuum_wait_median_ms} ms, max ${out.vacuum_wait_max_ms} ms still running when the next round began`);
  if (statements) {
    log(`  statements of the last erasure (${statements.length}, ${round(statements.reduce((s, q) => s + (q.ms ?? 0), 0), 1)} ms in the database):`);
    for (const q of out.last_statements) log(`    ${String(q.ms).padStart(7)} ms  ${q.sql}`);
  }
  return out;
};

/**
 * A retention run over the personal records of the oldest captures of the form `bench` (enough for
 * CFG.retentionEvents events): their collected_at is moved back beyond the form's retentionDays, then
 * POST /user-consent/retention/run erases them. Baseline: a knex DELETE of as many other personal
 * records in batches of 500 (put back afterwards, untimed, so that the chain still verifies).
 */
const runP6Retention = async (ctx, loaded) => {
  const { app, db, knex, token, plugin } = ctx;
  const ptable = ctx.personalTable;
  const DAYS = 3650;
  const ids = [];
  let due = 0;
  for (let k = 0; k < loaded.captures && due < CFG.retentionEvents; k += 1) {
    if (loaded.captureForm[k] !== 0) continue;
    ids.push(loaded.firstPersonalId + k);
    due += loaded.captureEvents[k];
  }
  // Moved back by the same offset each (older than the cutoff by 400–765 days), so that they keep their
  // own distinct times and their order, as records that aged would.
  const shift = (DAYS + 400) * DAY;
  const back = db.client === 'postgres' ? knex.raw("collected_at - (? * interval '1 millisecond')", [shift]) : knex.raw('collected_at - ?', [shift]);
  for (let i = 0; i < ids.length; i += 5000) await knex(ptable).whereIn('id', ids.slice(i, i + 5000)).update({ collected_at: back });
  if (db.client === 'postgres') await knex.raw(`ANALYZE ${ptable}`); // what autovacuum would know of rows that aged in time
  const form = await knex(plugin.contentTypes.form.schema.collectionName).where({ key: 'bench' }).first('id');
  expectStatus(await request('PUT', `${app.url}/user-consent/forms/${form.id}`, { token, json: { retentionDays: DAYS } }), [200], 'form retentionDays');
  const dueEvents = Number(
    (await knex(ctx.table).whereIn('personal_id', knex(ptable).select('id').where('collected_at', '<', new Date(Date.now() - DAYS * DAY))).count({ n: '*' }).first()).n
  );
  log(`  retention: ${ids.length.toLocaleString('en')} personal records of ${dueEvents.toLocaleString('en')} events due (form "bench", retentionDays ${DAYS})`);
  await vacuumSettled(knex, db);

  await appMemory(app, true);
  await sleep(200);
  // Where the run's time goes: the app's statements (without their bindings: thousands of ids) and,
  // on PostgreSQL, what the server is busy with.
  await sqlStart(app, { bindings: false });
  const activity = pgActivity(knex, db);
  await profileStart(app);
  const t = process.hrtime.bigint();
  const { value: run, before, peak } = await withRss(app, async () =>
    expectStatus(await request('POST', `${app.url}/user-consent/retention/run`, { token, json: {} }), [200], 'retention run').data
  );
  const ms = elapsed(t);
  await profileStop(app, 'P6-retention');
  const busy = await activity.stop();
  const statements = await sqlStop(app);
  const left = Number((await knex(ptable).whereIn('id', ids.slice(0, 30000)).count({ n: '*' }).first()).n);
  if (run.events !== dueEvents || left) log(`  warning: the run erased ${run.events} events (${dueEvents} were due); ${left} due records of the first 30,000 left`);

  // Baseline: as many personal records, other ones (the oldest loaded ones left: those of the other
  // forms), deleted bare in batches of 500 (one statement and commit each, as each batch of the run is
  // its own transaction); put back afterwards.
  const victims = (await knex(ptable).where('id', '>=', loaded.firstPersonalId).orderBy('id').limit(run.records).select('id')).map((r) => Number(r.id));
  await knex.schema.dropTableIfExists(HOLD_TABLE);
  await knex.raw(`CREATE TABLE ${HOLD_TABLE} AS SELECT * FROM ${ptable} WHERE id >= ? AND id <= ?`, [victims[0], victims[victims.length - 1]]);
  const tb = process.hrtime.bigint();
  for (let i = 0; i < victims.length; i += 500) await knex(ptable).whereIn('id', victims.slice(i, i + 500)).del();
  const baselineMs = elapsed(tb);
  await knex.raw(`INSERT INTO ${ptable} SELECT * FROM ${HOLD_TABLE}`);
  await knex.schema.dropTable(HOLD_TABLE);

  // The plans of the queries that find what is due (one per rule), with the bindings of their first run.
  const duePlans = [];
  for (const q of statements) {
    if (!q.bindings || !q.sql.includes(ptable) || !(/ exists /i.test(q.sql) || /group by/i.test(q.sql))) continue;
    const sql = toKnexSql(q.sql);
    if (duePlans.some((p) => p.sql === sql)) continue;
    const plan = await explain(knex, db.client, { sql, bindings: q.bindings.map(revive) }).catch((e) => [`(EXPLAIN failed: ${e.message})`]);
    duePlans.push({ sql, bindings: q.bindings.map((b) => (b && b.$date ? b.$date : b)), plan });
  }
  const sqlMs = statements.reduce((s, q) => s + (q.ms ?? 0), 0);
  const out = {
    events: run.events,
    records: run.records,
    batches: run.batches,
    compacted: run.compacted,
    due_events: dueEvents,
    ms: round(ms, 0),
    rows_per_s: round(run.events / (ms / 1000), 0),
    records_per_s: round(run.records / (ms / 1000), 0),
    rss_before_mb: round(before / 1024, 1),
    rss_peak_mb: round(peak / 1024, 1),
    rss_growth_mb: round((peak - before) / 1024, 1),
    baseline_records: victims.length,
    baseline_ms: round(baselineMs, 0),
    baseline_records_per_s: round(victims.length / (baselineMs / 1000), 0),
    ratio: round(ms / baselineMs),
    statements: statements.length,
    statements_ms: round(sqlMs, 0),
    statements_top: summariseStatements(statements),
    pg_activity: busy,
    due_plans: duePlans,
  };
  log(`  retention run: ${out.events} events (${out.records} records, ${out.batches} acts${out.compacted ? ', tables rewritten' : ''}) in ${out.ms} ms → ${out.rows_per_s} events/s (${out.records_per_s} records/s); RSS ${out.rss_before_mb} → ${out.rss_peak_mb} MB (+${out.rss_growth_mb})`);
  log(`  bare DELETE of ${out.baseline_records} records in batches of 500: ${out.baseline_ms} ms (${out.baseline_records_per_s} records/s) → run / bare ${out.ratio}`);
  log(`  the run's ${out.statements} statements took ${out.statements_ms} ms; the biggest:`);
  for (const s of out.statements_top.slice(0, 8)) log(`    ${String(s.ms).padStart(9)} ms  ×${String(s.count).padEnd(5)} ${s.statement}`);
  for (const p of duePlans) {
    log(`  plan of ${p.sql.slice(0, 120)}…`);
    for (const line of p.plan) log(`      ${line}`);
  }
  if (busy) {
    log(`  PostgreSQL busy with (pg_stat_activity every ${busy.sample_ms} ms):`);
    for (const b of busy.busy.slice(0, 6)) log(`    ${String(b.approx_ms).padStart(8)} ms  ${b.statement}`);
  }
  return out;
};

module.exports = { runP6 };
