#!/usr/bin/env node
'use strict';

/**
 * Benchmarks of strapi-plugin-user-consent (issue 7): every figure is a ratio measured side by side in
 * the same run on the same machine, so that a busy 2-core machine still gives comparable numbers.
 *
 *   node bench/run.js [--quick] [--db sqlite,postgres] [--n 1000000] [--sqlite-dir DIR] [--build]
 *                     [--profile] [--merge] [--out file] [--only P1,…,P7] [--p4-runs N]
 *
 * P1 capture throughput (plugin route vs Strapi core create, the no-database floor route, bare Koa+knex)
 * P2 the admin log list over N records vs the same SQL run raw (with the query plans)
 * P3 CSV export of N records: RSS growth of the app and throughput vs the database's own CSV export
 * P4 chain verification of N records vs a bare SHA-256 pass over the same rows
 * P5 (PostgreSQL) two Strapi processes vs one: the capture route's scaling divided by the floor route's
 * P6 erasure of one data subject among N records (admin route) vs a bare DELETE + INSERT; a retention run
 *    over 100,000 due events vs a bare batched DELETE; the chain verified afterwards
 *
 * This file runs the phases (bench/phases/: one module each, and the bulk load of P2–P4 and P6) on each
 * database; bench/lib/ holds what they share. Results: bench/results/latest.json and a table on stdout.
 * See bench/README.md.
 */

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { BUILD, DBS, LOADED_PHASES, ONLY, ROOT } = require('./lib/options');
const { cleanup } = require('./lib/processes');
const { createDatabase, pgAdmin } = require('./lib/databases');
const { agent, request, expectStatus } = require('./lib/http');
const { startApp, adminToken, profileStart, profileStop } = require('./lib/bench-app');
const { plugin, tableOf } = require('./lib/plugin');
const { newResults, writeResults } = require('./lib/results');
const { printReport } = require('./lib/report');
const { log } = require('./lib/util');
const { bulkLoad } = require('./phases/load');
const { runP1 } = require('./phases/p1-capture');
const { runP2 } = require('./phases/p2-list');
const { runP3 } = require('./phases/p3-export');
const { runP4 } = require('./phases/p4-verify');
const { runP5 } = require('./phases/p5-scale-out');
const { runP6 } = require('./phases/p6-erasure');
const { runP7 } = require('./phases/p7-status');

// ---------------------------------------------------------------------------------------------------
// One database
// ---------------------------------------------------------------------------------------------------

const runDatabase = async (client, results) => {
  log(`=== ${client} ===`);
  const db = await createDatabase(client);
  let app;
  let knex;
  try {
    app = await startApp(db);
    log(`app on ${app.url} (pid ${app.pid}), bench form version ${app.info.versionId}`);
    const token = await adminToken(app);
    knex = require('knex')(db.knexConfig);
    const ctx = {
      db,
      app,
      knex,
      plugin,
      token,
      // The plugin's tables, from its content types (read when a phase first needs them: see lib/plugin.js).
      get table() {
        return tableOf('consent');
      },
      get personalTable() {
        return tableOf('personal');
      },
      agreements: app.info.agreements,
      // A form with an e-mail field, on a page with a query string: each capture also writes a full
      // personal record (subject, look-up hash, IP, user agent, query) in its transaction.
      captureBody: JSON.stringify({
        pageUrl: 'https://shop.example/checkout?utm_source=bench',
        subject: { email: 'visitor@example.com' },
        decisions: [{ version: app.info.versionId, accepted: true }],
      }),
    };
    // Sanity: the routes answer what they should before any load.
    expectStatus(await request('POST', `${app.url}/api/user-consent/forms/bench/consents`, { json: JSON.parse(ctx.captureBody) }), [201], 'capture');
    expectStatus(await request('POST', `${app.url}/api/notes`, { json: { data: { text: 'x' } } }), [201, 200], 'core create');
    expectStatus(await request('POST', `${app.url}/api/floor`, { json: {} }), [201], 'floor');

    if (ONLY.has('P1')) results.P1[client] = await runP1(ctx);
    if (client === 'postgres' && ONLY.has('P5')) results.P5[client] = await runP5(ctx);
    if (!LOADED_PHASES.some((p) => ONLY.has(p))) return;
    const loaded = await bulkLoad(ctx);
    results.loader[client] = { rows: loaded.rows, personal_records: loaded.captures, load_s: loaded.load_s, rows_per_s: loaded.rows_per_s, db_wait_s: loaded.db_wait_s };
    if (ONLY.has('P2')) {
      await profileStart(app);
      results.P2[client] = await runP2(ctx, loaded);
      await profileStop(app, 'P2-list');
    }
    if (ONLY.has('P3')) results.P3[client] = await runP3(ctx);
    if (ONLY.has('P4')) results.P4[client] = await runP4(ctx);
    if (ONLY.has('P6')) results.P6[client] = await runP6(ctx, loaded);
    if (ONLY.has('P7')) results.P7[client] = await runP7(ctx, loaded);
  } finally {
    if (knex) await knex.destroy().catch(() => {});
    if (app) await app.stop();
    await db.drop().catch((e) => log(`could not drop ${db.name}: ${e.message}`));
  }
};

// ---------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------

const main = async () => {
  const t0 = Date.now();
  try {
    require.resolve('autocannon');
  } catch {
    throw new Error('autocannon is not installed: npm install (it is a devDependency of the plugin)');
  }
  const bundle = path.join(ROOT, 'dist/server/index.js');
  if (BUILD || !fs.existsSync(bundle)) {
    log('building the server bundle (node scripts/build-server.js)');
    const r = spawnSync(process.execPath, ['scripts/build-server.js'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('scripts/build-server.js failed');
  }

  const results = newResults();
  for (const client of DBS) {
    if (client === 'postgres') {
      results.versions.postgres = (await pgAdmin('SHOW server_version')).rows[0].server_version;
    } else {
      results.versions.sqlite = spawnSync('sqlite3', ['-version']).stdout?.toString().split(' ')[0] || null;
    }
    await runDatabase(client, results);
  }
  writeResults(results, t0);
  printReport(results);
  log(`done in ${results.duration_s} s`);
};

main()
  .then(() => cleanup())
  .then(() => {
    agent.destroy();
    process.exit(0);
  })
  .catch(async (e) => {
    const text = e && e.stack ? e.stack : String(e);
    console.error(`\n[bench] FAILED: ${text.length > 4000 ? `${text.slice(0, 2000)}\n…\n${text.slice(-2000)}` : text}`);
    await cleanup();
    process.exit(1);
  });
