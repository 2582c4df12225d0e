'use strict';

// HTTP load with autocannon (P1, P5): runs, their CPU time per request, rounds of routes.
const { CFG, PROFILE } = require('./options');
const { cpuOf, cpuByPid, machineTicks, machineBusy } = require('./proc');
const { profileStart, profileStop, sqlCount } = require('./bench-app');
const { log, round } = require('./util');

let autocannon;
const cannon = (opts) =>
  new Promise((resolve, reject) => {
    autocannon ??= require('autocannon');
    autocannon({ ...opts, renderProgressBar: false }, (err, res) =>
      err ? reject(err) : resolve(res)
    );
  });

/**
 * Load on one or several targets at once (one autocannon instance each); returns the summed req/s, the
 * worst p99 and the error counts.
 */
const load = async (targets, { method = 'POST', body, duration, amount, headers = {}, setupRequest }) => {
  const results = await Promise.all(
    targets.map((t) =>
      cannon({
        url: t.url,
        connections: t.connections,
        // `amount`: this many requests per target, each answered before the run ends (a run by duration
        // stops with requests in flight, which the app still completes).
        ...(amount ? { amount } : { duration }),
        method,
        body,
        headers: { 'content-type': 'application/json', ...headers },
        // A body per request (e.g. another subject each time), when the route asks for one.
        ...(setupRequest ? { requests: [{ method, setupRequest }] } : {}),
      })
    )
  );
  return {
    rps: results.reduce((s, r) => s + r.requests.total / r.duration, 0),
    p99_ms: Math.max(...results.map((r) => r.latency.p99)),
    p50_ms: Math.max(...results.map((r) => r.latency.p50)),
    requests: results.reduce((s, r) => s + r.requests.total, 0),
    non2xx: results.reduce((s, r) => s + r.non2xx, 0),
    errors: results.reduce((s, r) => s + r.errors, 0),
    timeouts: results.reduce((s, r) => s + r.timeouts, 0),
  };
};

/**
 * Warm-up, then the measured run. `pids`: the server processes whose CPU time is charged to the route
 * (cpu_ms_per_req: CPU time, unlike req/s, barely depends on what else the machine runs; on PostgreSQL
 * it leaves out the database server's own work).
 */
const measure = async (label, targets, opts, { pids = [], profile = null, dbPids = null, app = null } = {}) => {
  await load(targets, { ...opts, duration: CFG.warmup });
  if (profile) await profileStart(profile.app);
  // The app's statements to its database per request (a figure that does not depend on the machine).
  const sql0 = app ? await sqlCount(app) : null;
  const cpu0 = cpuOf(pids);
  // How busy the whole machine was (apps, database, load generator, anything else): on 2 cores a route
  // that already fills them from one process cannot gain from a second.
  const m0 = machineTicks();
  const gen0 = process.cpuUsage();
  // PostgreSQL: the CPU time of this database's server processes too (the app's CPU leaves it out).
  const db0 = dbPids ? cpuByPid(await dbPids()) : null;
  const r = await load(targets, { ...opts, duration: CFG.duration });
  r.machine_busy = machineBusy(m0, machineTicks());
  // The load generator's own CPU (autocannon runs in this process).
  const gen = process.cpuUsage(gen0);
  r.generator_cpu_ms_per_req = r.requests ? (gen.user + gen.system) / 1000 / r.requests : null;
  r.cpu_ms_per_req = pids.length && r.requests ? (cpuOf(pids) - cpu0) / r.requests : null;
  r.statements_per_req = app && r.requests ? ((await sqlCount(app)) - sql0) / r.requests : null;
  if (db0) {
    const db1 = cpuByPid(await dbPids());
    let ms = 0;
    for (const [pid, v] of db1) ms += v - (db0.get(pid) ?? 0); // a backend started meanwhile counts from 0
    r.db_cpu_ms_per_req = r.requests ? ms / r.requests : null;
  }
  if (profile) await profileStop(profile.app, profile.name);
  log(
    `  ${label.padEnd(22)} ${r.rps.toFixed(0).padStart(6)} req/s  p99 ${String(r.p99_ms).padStart(4)} ms  ` +
      `machine ${Math.round(r.machine_busy * 100)} % busy  ${r.cpu_ms_per_req == null ? '' : `cpu ${r.cpu_ms_per_req.toFixed(2)} ms/req  `}${r.db_cpu_ms_per_req == null ? '' : `db cpu ${r.db_cpu_ms_per_req.toFixed(2)} ms/req  `}${r.statements_per_req == null ? '' : `sql ${r.statements_per_req.toFixed(2)}/req  `}non-2xx ${r.non2xx}  errors ${r.errors}  timeouts ${r.timeouts}`
  );
  return r;
};

/**
 * Runs each route `rounds` times (reversed order every other round) and averages. A route's `profile`
 * ({ app, name }) is written in the first round (--profile).
 */
const measureRoutes = async (routes, rounds) => {
  const acc = Object.fromEntries(routes.map((r) => [r.key, []]));
  for (let i = 0; i < rounds; i += 1) {
    const order = i % 2 ? [...routes].reverse() : routes;
    for (const r of order) {
      const profile = PROFILE && i === 0 && r.profile ? r.profile : null;
      acc[r.key].push(await measure(r.key, r.targets, { body: r.body, headers: r.headers, setupRequest: r.setupRequest }, { pids: r.pids || [], profile, dbPids: r.dbPids, app: r.app }));
    }
  }
  const out = {};
  for (const [key, list] of Object.entries(acc)) {
    out[key] = {
      rps: list.reduce((s, x) => s + x.rps, 0) / list.length,
      p99_ms: list.reduce((s, x) => s + x.p99_ms, 0) / list.length,
      non2xx: list.reduce((s, x) => s + x.non2xx, 0),
      errors: list.reduce((s, x) => s + x.errors, 0),
      timeouts: list.reduce((s, x) => s + x.timeouts, 0),
      runs: list.map((x) => round(x.rps, 1)),
      generator_cpu_ms_per_req: list.every((x) => x.generator_cpu_ms_per_req != null) ? list.reduce((s, x) => s + x.generator_cpu_ms_per_req, 0) / list.length : null,
      machine_busy: list.every((x) => x.machine_busy != null) ? list.reduce((s, x) => s + x.machine_busy, 0) / list.length : null,
      cpu_ms_per_req: list.every((x) => x.cpu_ms_per_req != null) ? list.reduce((s, x) => s + x.cpu_ms_per_req, 0) / list.length : null,
      db_cpu_ms_per_req: list.every((x) => x.db_cpu_ms_per_req != null) ? list.reduce((s, x) => s + x.db_cpu_ms_per_req, 0) / list.length : null,
      statements_per_req: list.every((x) => x.statements_per_req != null) ? list.reduce((s, x) => s + x.statements_per_req, 0) / list.length : null,
    };
  }
  return out;
};

/** One figure per route of what measureRoutes returned: `{ <route key>: fn(route) }`. */
const perRoute = (r, fn) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, fn(v)]));

module.exports = { load, measureRoutes, perRoute };
