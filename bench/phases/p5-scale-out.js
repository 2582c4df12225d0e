'use strict';

// P5 scale-out (PostgreSQL): one app vs two apps on one database.
const { CFG } = require('../lib/options');
const { startApp, integrity } = require('../lib/bench-app');
const { measureRoutes, perRoute } = require('../lib/load');
const { log, round } = require('../lib/util');
const { quiesce } = require('./load');

const runP5 = async (ctx) => {
  const { app, db } = ctx;
  log(`P5 scale-out on ${db.client}: one app vs two apps, ${CFG.connections} connections in total`);
  // The second process runs (idle) during the one-app runs too, so both sides have the same memory.
  const app2 = await startApp(db, 'app2');
  try {
    const half = CFG.connections / 2;
    const note = JSON.stringify({ data: { text: 'x' } });
    const pids = [app.pid, app2.pid];
    // The same two load generators, both at app 1 (`_1`) or one at each app (`_2`).
    const pair = (key, route, body) => [
      { key: `${key}_1`, targets: [{ url: `${app.url}${route}`, connections: half }, { url: `${app.url}${route}`, connections: half }], body, pids },
      { key: `${key}_2`, targets: [{ url: `${app.url}${route}`, connections: half }, { url: `${app2.url}${route}`, connections: half }], body, pids },
    ];
    const r = await measureRoutes(
      [
        ...pair('floor', '/api/floor', note),
        ...pair('capture', '/api/user-consent/forms/bench/consents', ctx.captureBody),
        // For context: Strapi's own create of the one-field type, which writes to the same database
        // but shares no lock: how much any database-writing route scales here.
        ...pair('core', '/api/notes', note),
      ],
      CFG.rounds
    );
    await quiesce(ctx.knex, ctx.plugin);
    const factorCapture = r.capture_2.rps / r.capture_1.rps;
    const factorFloor = r.floor_2.rps / r.floor_1.rps;
    const factorCore = r.core_2.rps / r.core_1.rps;
    const report = await integrity(app, ctx.token);
    log(`  factor capture ${factorCapture.toFixed(3)}, factor floor ${factorFloor.toFixed(3)}, factor core ${factorCore.toFixed(3)}; chain intact: ${report.intact} (${report.checked} records)`);
    if (!report.intact) throw new Error(`P5: chain broken after the two-process load: ${JSON.stringify(report.firstBroken)}`);
    return {
      ratio: round(factorCapture / factorFloor),
      factor_capture: round(factorCapture),
      factor_floor: round(factorFloor),
      factor_core: round(factorCore),
      ratio_vs_core: round(factorCapture / factorCore),
      core_rps_1: round(r.core_1.rps, 1),
      core_rps_2: round(r.core_2.rps, 1),
      capture_rps_1: round(r.capture_1.rps, 1),
      capture_rps_2: round(r.capture_2.rps, 1),
      floor_rps_1: round(r.floor_1.rps, 1),
      floor_rps_2: round(r.floor_2.rps, 1),
      non2xx: perRoute(r, (v) => v.non2xx),
      cpu_ms_per_req: perRoute(r, (v) => round(v.cpu_ms_per_req, 2)),
      chain_intact: report.intact,
      chain_checked: report.checked,
    };
  } finally {
    await app2.stop();
  }
};

module.exports = { runP5 };
