'use strict';

// P5 scale-out (PostgreSQL): one app vs two apps on one database, with one chain lane (every append
// through one head row) and with `chain.lanes` 4 (captures spread over lanes 1–3, each with a head of
// its own); then four processes capturing at once on the lanes database, and the chain verified.
const { CFG } = require('../lib/options');
const { startApp, adminToken, integrity } = require('../lib/bench-app');
const { createDatabase, pgBackends } = require('../lib/databases');
const { measureRoutes, load, perRoute } = require('../lib/load');
const { cpuOf } = require('../lib/proc');
const { log, round } = require('../lib/util');
const { quiesce } = require('./load');

const LANES = 4;
const LANES_ENV = { UC_CHAIN_LANES: String(LANES) };

/**
 * The floor route, the capture route and Strapi's own create, each loaded by the same two generators,
 * both at `a` (`_1`) or one at each app (`_2`): the factor a second process brings to each.
 */
const pairRun = async ({ a, b, db, captureBody }) => {
  const half = CFG.connections / 2;
  const note = JSON.stringify({ data: { text: 'x' } });
  const pids = [a.pid, b.pid];
  const dbPids = pgBackends(db);
  const pair = (key, route, body) => [
    { key: `${key}_1`, targets: [{ url: `${a.url}${route}`, connections: half }, { url: `${a.url}${route}`, connections: half }], body, pids, dbPids },
    { key: `${key}_2`, targets: [{ url: `${a.url}${route}`, connections: half }, { url: `${b.url}${route}`, connections: half }], body, pids, dbPids },
  ];
  const r = await measureRoutes(
    [
      ...pair('floor', '/api/floor', note),
      ...pair('capture', '/api/user-consent/forms/bench/consents', captureBody),
      // For context: Strapi's own create of the one-field type, which writes to the same database
      // but shares no lock: how much any database-writing route scales here.
      ...pair('core', '/api/notes', note),
    ],
    CFG.rounds
  );
  const factorCapture = r.capture_2.rps / r.capture_1.rps;
  const factorFloor = r.floor_2.rps / r.floor_1.rps;
  const factorCore = r.core_2.rps / r.core_1.rps;
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
    db_cpu_ms_per_req: perRoute(r, (v) => round(v.db_cpu_ms_per_req, 2)),
    machine_busy: perRoute(r, (v) => round(v.machine_busy, 3)),
    generator_cpu_ms_per_req: perRoute(r, (v) => round(v.generator_cpu_ms_per_req, 3)),
  };
};

const showPair = (label, p, report) =>
  log(
    `  ${label}: factor capture ${p.factor_capture}, factor floor ${p.factor_floor}, factor core ${p.factor_core}, ratio ${p.ratio}; ` +
      `chain intact: ${report.intact} (${report.checked} records${report.lanes ? `, ${report.lanes.length} lanes` : ''})`
  );

/**
 * Four processes capturing at once on one database with lanes, a fixed number of requests each (about
 * one measured run's worth), then: every 201 is exactly one stored event, positions are unique, the
 * lanes used, and the plugin's verification.
 */
const fourProcesses = async ({ apps, knex, token, captureBody, ctx }) => {
  const before = Number((await knex(ctx.table).where({ action: 'given' }).count({ n: '*' }).first()).n);
  const cpu0 = cpuOf(apps.map((x) => x.pid));
  const per = CFG.connections / apps.length;
  const amount = Math.round((CFG.duration * 600) / apps.length);
  const t0 = Date.now();
  const r = await load(
    apps.map((x) => ({ url: `${x.url}/api/user-consent/forms/bench/consents`, connections: Math.max(1, Math.round(per)) })),
    { body: captureBody, amount }
  );
  const seconds = (Date.now() - t0) / 1000;
  await quiesce(knex, ctx.plugin);
  const after = Number((await knex(ctx.table).where({ action: 'given' }).count({ n: '*' }).first()).n);
  const stored = after - before;
  const ok = r.requests - r.non2xx - r.errors - r.timeouts;
  const dupes = Number((await knex.raw(`SELECT count(*) AS n FROM (SELECT seq FROM ${ctx.table} GROUP BY seq HAVING count(*) > 1) d`)).rows[0].n);
  const byLane = (await knex(ctx.table).select('lane').count({ n: '*' }).groupBy('lane').orderBy('lane')).map((x) => ({ lane: x.lane, events: Number(x.n) }));
  const report = await integrity(apps[0], token);
  const out = {
    processes: apps.length,
    duration_s: round(seconds, 1),
    rps: round(r.requests / seconds, 1),
    requests: r.requests,
    answered_201: ok,
    stored,
    non2xx: r.non2xx,
    errors: r.errors,
    duplicate_positions: dupes,
    lanes: byLane,
    cpu_ms_per_req: r.requests ? round((cpuOf(apps.map((x) => x.pid)) - cpu0) / r.requests, 2) : null,
    chain_intact: report.intact,
    chain_checked: report.checked,
    first_broken: report.firstBroken ?? null,
  };
  log(
    `  four processes: ${r.requests} requests in ${out.duration_s} s (${out.rps} req/s), ${ok} answered 201, ${stored} stored, ${dupes} duplicate positions, lanes ${byLane.map((x) => `${x.lane ?? 0}:${x.events}`).join(' ')}; ` +
      `chain intact: ${report.intact} (${report.checked} records)`
  );
  if (!report.intact) throw new Error(`P5: chain broken after the four-process load: ${JSON.stringify(report.firstBroken)}`);
  if (stored !== ok) throw new Error(`P5: ${ok} captures answered 201 but ${stored} events stored`);
  return out;
};

const runP5 = async (ctx) => {
  const { app, db } = ctx;
  log(`P5 scale-out on ${db.client}: one app vs two apps, ${CFG.connections} connections in total; one chain lane, then ${LANES} lanes`);

  // 1. One lane: the bench's own database and app, and a second process beside it.
  let oneLane;
  const app2 = await startApp(db, 'app2');
  try {
    oneLane = await pairRun({ a: app, b: app2, db, captureBody: ctx.captureBody });
    await quiesce(ctx.knex, ctx.plugin);
    const report = await integrity(app, ctx.token);
    showPair('one lane', oneLane, report);
    if (!report.intact) throw new Error(`P5: chain broken after the two-process load: ${JSON.stringify(report.firstBroken)}`);
    oneLane.chain_intact = report.intact;
    oneLane.chain_checked = report.checked;
  } finally {
    await app2.stop();
  }

  // 2. Lanes: a fresh database (its chain has lanes from the first append), two processes, then four.
  const ldb = await createDatabase('postgres');
  const apps = [];
  const knex = require('knex')(ldb.knexConfig);
  try {
    apps.push(await startApp(ldb, 'lanes1', LANES_ENV), await startApp(ldb, 'lanes2', LANES_ENV));
    const token = await adminToken(apps[0]);
    const captureBody = JSON.stringify({ ...JSON.parse(ctx.captureBody), decisions: [{ version: apps[0].info.versionId, accepted: true }] });
    const lanes = await pairRun({ a: apps[0], b: apps[1], db: ldb, captureBody });
    await quiesce(knex, ctx.plugin);
    const report = await integrity(apps[0], token);
    showPair(`${LANES} lanes`, lanes, report);
    if (!report.intact) throw new Error(`P5: chain broken after the two-process load with lanes: ${JSON.stringify(report.firstBroken)}`);
    apps.push(await startApp(ldb, 'lanes3', LANES_ENV), await startApp(ldb, 'lanes4', LANES_ENV));
    const four = await fourProcesses({ apps, knex, token, captureBody, ctx });
    return {
      // The figure of the goal: the product as a site that scales out runs it (chain.lanes > 1).
      ratio: lanes.ratio,
      lanes: LANES,
      ...lanes,
      chain_intact: report.intact,
      chain_checked: report.checked,
      ratio_one_lane: oneLane.ratio,
      one_lane: oneLane,
      four_process: four,
    };
  } finally {
    await Promise.all(apps.map((x) => x.stop()));
    await knex.destroy().catch(() => {});
    await ldb.drop().catch((e) => log(`could not drop ${ldb.name}: ${e.message}`));
  }
};

module.exports = { runP5 };
