'use strict';

// P1 capture throughput: the plugin's capture route vs Strapi's core create, the no-database floor
// route of the same app, and the bare Koa + knex server (bench/bare.js) on the same database.
const path = require('path');
const { BENCH_DIR, CFG } = require('../lib/options');
const { freePort, startNode } = require('../lib/processes');
const { pgBackends } = require('../lib/databases');
const { measureRoutes, perRoute } = require('../lib/load');
const { log, round } = require('../lib/util');

const runP1 = async (ctx) => {
  const { app, db } = ctx;
  log(`P1 capture throughput on ${db.client}: ${CFG.connections} connections, ${CFG.duration}s each (+${CFG.warmup}s warm-up), ${CFG.rounds} round(s)`);
  const bare = await startNode(path.join(BENCH_DIR, 'bare.js'), { ...db.env, PORT: String(await freePort()) }, `bare:${db.client}`);
  const bareUrl = `http://127.0.0.1:${bare.info.port}/`;
  const note = JSON.stringify({ data: { text: 'x' } });
  const c = CFG.connections;
  const dbPids = db.client === 'postgres' ? pgBackends(db) : null;
  // The app's routes, each profiled in the first round with --profile.
  const onApp = (key, route, body) => ({ key, targets: [{ url: `${app.url}${route}`, connections: c }], body, pids: [app.pid], profile: { app, name: `P1-${key}` }, dbPids, app });
  try {
    const r = await measureRoutes(
      [
        onApp('plugin', '/api/user-consent/forms/bench/consents', ctx.captureBody),
        onApp('core', '/api/notes', note),
        onApp('floor', '/api/floor', note),
        { key: 'bare', targets: [{ url: bareUrl, connections: c }], body: note, pids: [bare.pid], dbPids },
      ],
      CFG.rounds
    );
    const out = {
      ratio_core: round(r.plugin.rps / r.core.rps),
      ratio_floor: round(r.plugin.rps / r.floor.rps),
      ratio_bare: round(r.plugin.rps / r.bare.rps),
      plugin_rps: round(r.plugin.rps, 1),
      core_rps: round(r.core.rps, 1),
      floor_rps: round(r.floor.rps, 1),
      bare_rps: round(r.bare.rps, 1),
      p99_ms: round(r.plugin.p99_ms, 1),
      non2xx: perRoute(r, (v) => v.non2xx),
      errors: perRoute(r, (v) => v.errors + v.timeouts),
      runs_rps: perRoute(r, (v) => v.runs),
      core_p99_ms: round(r.core.p99_ms, 1),
      floor_p99_ms: round(r.floor.p99_ms, 1),
      bare_p99_ms: round(r.bare.p99_ms, 1),
      // CPU time of the serving process per request (SQLite's work included, PostgreSQL's not).
      cpu_ms_per_req: perRoute(r, (v) => round(v.cpu_ms_per_req, 2)),
      // PostgreSQL: CPU time of the database's server processes per request (null on SQLite, where the
      // database works inside the serving process).
      db_cpu_ms_per_req: dbPids ? perRoute(r, (v) => round(v.db_cpu_ms_per_req, 2)) : null,
      // Statements the app sent to its database per request (group commit: fewer than one per capture
      // under load; the bare server is not counted).
      statements_per_req: perRoute(r, (v) => (v.statements_per_req == null ? null : round(v.statements_per_req, 2))),
      // The load generator's CPU per request, and how busy the whole machine was (0–1, all cores).
      generator_cpu_ms_per_req: perRoute(r, (v) => round(v.generator_cpu_ms_per_req, 3)),
      machine_busy: perRoute(r, (v) => round(v.machine_busy, 3)),
    };
    const bad = Object.entries(out.non2xx).filter(([, v]) => v > 0);
    log(`  non-2xx: ${JSON.stringify(out.non2xx)}${bad.length ? '  <-- NOT ZERO' : ''}; errors/timeouts: ${JSON.stringify(out.errors)}`);
    return out;
  } finally {
    await bare.stop();
  }
};

module.exports = { runP1 };
