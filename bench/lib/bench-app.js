'use strict';

// The bench app (bench/app.js) from the runner's side: starting it, its super admin, and its
// bench-only routes (SQL recording, memory, CPU profiles), plus the admin requests several phases time.
const fs = require('fs');
const path = require('path');
const { BENCH_DIR, CFG, PROFILE, PROFILE_DIR, ROOT } = require('./options');
const { freePort, startNode } = require('./processes');
const { request, expectStatus } = require('./http');
const { log, elapsed } = require('./util');

const startApp = async (db, label = 'app', extraEnv = {}) => {
  const port = await freePort();
  const app = await startNode(
    path.join(BENCH_DIR, 'app.js'),
    {
      ...db.env,
      NODE_ENV: 'production',
      BENCH_PUBLIC_NOTES: 'true',
      UC_RATE_LIMIT: 'false',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      STRAPI_TELEMETRY_DISABLED: 'true',
      // No scheduled retention run in the middle of a measurement (P6 runs it through its admin route).
      CRON_ENABLED: 'false',
      BROWSER: 'none',
      ...(PROFILE ? { BENCH_PROFILE_DIR: path.join(PROFILE_DIR, db.client) } : {}),
      ...extraEnv,
    },
    `${label}:${db.client}`,
    // BENCH_APP_NODE_ARGS: extra Node flags for the apps, for experiments (e.g. --max-semi-space-size=32).
    { nodeArgs: ['--expose-gc', ...(process.env.BENCH_APP_NODE_ARGS || '').split(' ').filter(Boolean)] }
  );
  app.url = `http://127.0.0.1:${port}`;
  return app;
};

const ADMIN = { firstname: 'Bench', lastname: 'Admin', email: 'bench@example.com', password: 'Bench-Admin-1' };

/** Registers the super admin on the fresh app and logs in: the token of the admin routes. */
const adminToken = async (app) => {
  const reg = await request('POST', `${app.url}/admin/register-admin`, { json: ADMIN });
  if (![200, 201].includes(reg.status)) throw new Error(`register-admin: ${reg.status} ${JSON.stringify(reg.body)}`);
  const login = expectStatus(await request('POST', `${app.url}/admin/login`, { json: { email: ADMIN.email, password: ADMIN.password } }), [200], 'admin login');
  return login.data.token;
};

/** The profiles written in this run (--profile). */
const profiles = [];
const profileStart = async (app) => {
  if (PROFILE) expectStatus(await request('POST', `${app.url}/__bench/profile/start`), [204], 'profile start');
};
const profileStop = async (app, name) => {
  if (!PROFILE) return;
  const { file } = expectStatus(await request('POST', `${app.url}/__bench/profile/stop?name=${encodeURIComponent(name)}`), [200], 'profile stop');
  profiles.push(file);
  const summary = require('../profile-summary').summarise(file, { top: 12 });
  fs.writeFileSync(file.replace(/\.cpuprofile$/, '.txt'), `${summary}\n`);
  log(`  profile ${path.relative(ROOT, file)}\n${summary.replace(/^/gm, '    ')}`);
};

/** The app's process.memoryUsage(), after a full collection with `gc`. */
const appMemory = async (app, gc) => expectStatus(await request('GET', `${app.url}/__bench/memory${gc ? '?gc=1' : ''}`), [200], 'memory');

/** Starts recording the app's statements (`bindings: false`: only each statement's first bindings). */
const sqlStart = async (app, { bindings = true } = {}) =>
  expectStatus(await request('POST', `${app.url}/__bench/sql/start${bindings ? '' : '?bindings=0'}`), [204], 'sql capture');
/** Stops recording: the statements, each with its bindings and its time in the database (ms). */
const sqlStop = async (app) => expectStatus(await request('POST', `${app.url}/__bench/sql/stop`), [200], 'sql capture').queries;

/** How many statements the app has sent to its database since it started. */
const sqlCount = async (app) => expectStatus(await request('GET', `${app.url}/__bench/sql/count`), [200], 'sql count').statements;

/** GET /user-consent/integrity: the plugin's verification of the whole chain. */
const integrity = async (app, token) => expectStatus(await request('GET', `${app.url}/user-consent/integrity`, { token }), [200], 'integrity').data;

/**
 * For context: what any authenticated admin request costs before its handler runs (Strapi reads the
 * session, the user, the roles and the permissions at every request). `GET /admin/users/me` 3 times
 * unmeasured, then CFG.listRuns times: the times in ms.
 */
const adminFloorRuns = async (app, token) => {
  const floorUrl = `${app.url}/admin/users/me`;
  for (let i = 0; i < 3; i += 1) await request('GET', floorUrl, { token });
  const floor = [];
  for (let i = 0; i < CFG.listRuns; i += 1) {
    const t = process.hrtime.bigint();
    expectStatus(await request('GET', floorUrl, { token }), [200], 'admin floor');
    floor.push(elapsed(t));
  }
  return floor;
};

module.exports = { startApp, adminToken, profiles, profileStart, profileStop, appMemory, sqlStart, sqlStop, sqlCount, integrity, adminFloorRuns };
