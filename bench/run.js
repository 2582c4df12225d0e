#!/usr/bin/env node
'use strict';

/**
 * Benchmarks of strapi-plugin-user-consent (issue 7): every figure is a ratio measured side by side in
 * the same run on the same machine, so that a busy 2-core machine still gives comparable numbers.
 *
 *   node bench/run.js [--quick] [--db sqlite,postgres] [--n 1000000] [--sqlite-dir DIR] [--build]
 *                     [--profile] [--merge] [--out file]
 *
 * P1 capture throughput (plugin route vs Strapi core create, the no-database floor route, bare Koa+knex)
 * P2 the admin log list over N records vs the same SQL run raw (with the query plans)
 * P3 CSV export of N records: RSS growth of the app and throughput vs the database's own CSV export
 * P4 chain verification of N records vs a bare SHA-256 pass over the same rows
 * P5 (PostgreSQL) two Strapi processes vs one: the capture route's scaling divided by the floor route's
 * P6 erasure of one data subject among N records (admin route) vs a bare DELETE + INSERT; a retention run
 *    over 100,000 due events vs a bare batched DELETE; the chain verified afterwards
 *
 * Results: bench/results/latest.json and a table on stdout. See bench/README.md.
 */

const { spawn, spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const BUILD_DIR = path.join(__dirname, '.build');

// ---------------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------------

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => {
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  if (eq) return eq.slice(name.length + 3);
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[i + 1] : fallback;
};
if (flag('help') || flag('h')) {
  console.log('usage: node bench/run.js [--quick] [--db sqlite,postgres] [--n N] [--sqlite-dir DIR] [--build] [--profile] [--merge] [--out file] [--only P1,P2,P3,P4,P5,P6] [--p4-runs N]');
  process.exit(0);
}

const QUICK = flag('quick');
const MERGE = flag('merge');
const PROFILE = flag('profile');
const DBS = option('db', 'sqlite,postgres')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
for (const d of DBS) if (!['sqlite', 'postgres'].includes(d)) throw new Error(`--db: unknown database "${d}" (sqlite, postgres)`);
// --only P4 (or P2,P4, ...): run only these phases (the bulk load still runs for any of P2–P4, P6).
const PHASES = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6'];
const LOADED_PHASES = ['P2', 'P3', 'P4', 'P6'];
const ONLY = new Set(
  option('only', PHASES.join(','))
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean)
);
for (const p of ONLY) if (!PHASES.includes(p)) throw new Error(`--only: unknown phase "${p}" (P1–P6)`);
// --p4-runs N: P4 verification and bare pass N times each, alternating; medians reported.
const P4_RUNS = Math.max(1, Number(option('p4-runs', '1')) || 1);

const CFG = {
  quick: QUICK,
  connections: 10,
  duration: QUICK ? 3 : 8, // seconds per measured autocannon run
  warmup: QUICK ? 1 : 2, // seconds of warm-up before each measured run
  rounds: QUICK ? 1 : 2, // P1/P5 routes are measured in ABCD (then DCBA) order, averaged
  n: Number(option('n', QUICK ? 100_000 : 1_000_000)),
  listRuns: 30,
  loaderBatch: 1000,
  loaderBatchesPerTx: 20,
  verifyBatch: 5000,
  eraseRuns: QUICK ? 30 : 40, // P6: measured erasures (different subjects), after 3 unmeasured ones
  retentionEvents: QUICK ? 10_000 : 100_000, // P6: events whose personal data the retention run erases
};
const OUT = path.resolve(option('out', path.join(__dirname, 'results', 'latest.json')));
// SQLite files go to tmpfs when there is one: on this kind of VM an fsync costs about 4 ms, so a SQLite
// database on disk (Strapi's default rollback journal) tops out near 70 commits/s for any server, and
// P1 would measure the disk, not the software. `--sqlite-dir /tmp` measures on disk instead.
const SQLITE_DIR = option('sqlite-dir', fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir());
const PROFILE_DIR = path.join(BUILD_DIR, 'profiles', new Date().toISOString().replace(/[:.]/g, '-'));

const PG = {
  host: process.env.BENCH_PG_HOST || '127.0.0.1',
  port: Number(process.env.BENCH_PG_PORT || 5432),
  user: process.env.BENCH_PG_USER || 'postgres',
  password: process.env.BENCH_PG_PASSWORD || '',
  adminDb: process.env.BENCH_PG_ADMIN_DB || 'postgres',
};

const GOALS = {
  ratio_core: ['>=', 1.5],
  ratio_floor: ['>=', 0.5],
  P2: ['<=', 2],
  rss_growth_mb: ['<=', 100],
  P3: ['>=', 0.5],
  P4: ['<=', 1.5],
  P5: ['>=', 0.9],
  erase_p95_ms: ['<=', 50],
  retention_rss_growth_mb: ['<=', 100],
};
const meets = (goal, v) => (v == null || Number.isNaN(v) ? null : goal[0] === '>=' ? v >= goal[1] : v <= goal[1]);

const log = (...a) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
const round = (v, d = 3) => (v == null || !Number.isFinite(v) ? null : Math.round(v * 10 ** d) / 10 ** d);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const snake = (s) => s.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
const p95 = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(0.95 * s.length) - 1)];
};
const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const elapsed = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

// ---------------------------------------------------------------------------------------------------
// Child processes and databases: everything started here is stopped on exit, failure or Ctrl-C
// ---------------------------------------------------------------------------------------------------

const children = new Set();
const databases = new Set();

const stopChild = (proc, graceMs = 10_000) =>
  new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      try {
        proc.kill('SIGKILL');
      } catch {
        /* gone */
      }
    }, graceMs);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      proc.kill('SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });

let cleaning = null;
const cleanup = () => {
  if (!cleaning) {
    cleaning = (async () => {
      await Promise.all([...children].map((c) => stopChild(c)));
      for (const db of [...databases]) await db.drop().catch((e) => log(`could not drop ${db.name}: ${e.message}`));
    })();
  }
  return cleaning;
};
process.on('exit', () => {
  // Last resort (an exception escaped): no child outlives the runner.
  for (const c of children) {
    try {
      c.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    log(`${sig}: stopping child processes`);
    cleanup().finally(() => process.exit(130));
  });
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

/** Starts `node <script>` with an IPC channel (the child exits when the runner disappears). */
const startNode = (script, env, label, { timeoutMs = 180_000, nodeArgs = [] } = {}) =>
  new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...nodeArgs, script], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    children.add(proc);
    let out = '';
    let ready = false;
    const keep = (d) => {
      out += d;
      if (out.length > 20_000) out = out.slice(-20_000);
    };
    const timer = setTimeout(() => {
      stopChild(proc, 1000);
      reject(new Error(`${label} did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    proc.stdout.on('data', (d) => {
      keep(d);
      if (ready) {
        if (process.env.BENCH_VERBOSE) process.stdout.write(`[${label}] ${d}`);
        return;
      }
      const m = out.match(/^ready (.*)$/m);
      if (m) {
        ready = true;
        clearTimeout(timer);
        let info;
        try {
          info = JSON.parse(m[1]);
        } catch {
          info = null;
        }
        if (!info || typeof info !== 'object') info = { port: Number(m[1]) };
        resolve({ proc, pid: proc.pid, info, label, output: () => out, stop: () => stopChild(proc) });
      }
    });
    proc.stderr.on('data', (d) => {
      keep(d);
      if (process.env.BENCH_VERBOSE) process.stderr.write(`[${label}] ${d}`);
    });
    proc.once('exit', (code, signal) => {
      children.delete(proc);
      if (!ready) {
        clearTimeout(timer);
        reject(new Error(`${label} exited with ${code ?? signal} before it was ready:\n${out}`));
      } else if (!cleaning && code !== 0 && signal !== 'SIGTERM') {
        log(`${label} exited unexpectedly (${code ?? signal}):\n${out.slice(-3000)}`);
      }
    });
  });

const pgAdmin = async (sql) => {
  const { Client } = require('pg');
  const c = new Client({ host: PG.host, port: PG.port, user: PG.user, password: PG.password, database: PG.adminDb });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
};

/** A fresh database: a temp SQLite file, or a new PostgreSQL database (dropped at the end). */
const createDatabase = async (client) => {
  const name = `uc_bench_${Date.now().toString(36)}_${crypto.randomBytes(3).toString('hex')}`;
  let db;
  if (client === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(SQLITE_DIR, 'uc-bench-'));
    const file = path.join(dir, 'data.db');
    db = {
      client,
      name: file,
      file,
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file },
      knexConfig: { client: 'better-sqlite3', connection: { filename: file }, useNullAsDefault: true },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  } else {
    await pgAdmin(`CREATE DATABASE "${name}"`);
    db = {
      client,
      name,
      env: {
        DATABASE_CLIENT: 'postgres',
        DATABASE_HOST: PG.host,
        DATABASE_PORT: String(PG.port),
        DATABASE_NAME: name,
        DATABASE_USERNAME: PG.user,
        DATABASE_PASSWORD: PG.password,
        DATABASE_SCHEMA: 'public',
      },
      knexConfig: {
        client: 'pg',
        connection: { host: PG.host, port: PG.port, user: PG.user, password: PG.password, database: name },
        pool: { min: 0, max: 10 },
      },
      drop: async () => {
        // Retried: the server may be restarting (other jobs on this machine restart it in their tests).
        for (let attempt = 1; ; attempt += 1) {
          try {
            await pgAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
            return;
          } catch (e) {
            if (attempt >= 20) throw e;
            await sleep(3000);
          }
        }
      },
    };
  }
  const drop = db.drop;
  db.drop = async () => {
    databases.delete(db);
    await drop();
  };
  databases.add(db);
  return db;
};

// ---------------------------------------------------------------------------------------------------
// HTTP and load
// ---------------------------------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

/**
 * One request; resolves with status, headers and body (or streams the body into onData). A request
 * that went out on a kept-alive socket the app had closed meanwhile (the runner's event loop was busy,
 * e.g. in a synchronous SQLite pass, when the close arrived) never reached the app: it is sent again
 * once, on a new socket (the retry Node's documentation gives for `req.reusedSocket`).
 */
const request = (method, url, options = {}) =>
  requestOnce(method, url, options).catch((e) => {
    if (e && e.reusedSocket && (e.code === 'ECONNRESET' || /socket hang up/.test(e.message))) return requestOnce(method, url, options);
    throw e;
  });
const requestOnce = (method, url, { token, json, onData, headers = {} } = {}) =>
  new Promise((resolve, reject) => {
    const payload = json === undefined ? null : Buffer.from(JSON.stringify(json));
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => (onData ? onData(c) : chunks.push(c)));
        res.on('end', () => {
          const text = onData ? '' : Buffer.concat(chunks).toString('utf8');
          let body = null;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            body = text;
          }
          resolve({ status: res.statusCode, headers: res.headers, body });
        });
        res.on('error', reject);
      }
    );
    req.on('error', (e) => {
      e.reusedSocket = req.reusedSocket;
      reject(e);
    });
    if (payload) req.write(payload);
    req.end();
  });

const expectStatus = (res, ok, what) => {
  if (!ok.includes(res.status)) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  return res.body;
};

let autocannon;
const cannon = (opts) =>
  new Promise((resolve, reject) => {
    autocannon({ ...opts, connections: opts.connections, duration: opts.duration, renderProgressBar: false }, (err, res) =>
      err ? reject(err) : resolve(res)
    );
  });

/**
 * Load on one or several targets at once (one autocannon instance each); returns the summed req/s, the
 * worst p99 and the error counts.
 */
const load = async (targets, { method = 'POST', body, duration }) => {
  const results = await Promise.all(
    targets.map((t) =>
      cannon({ url: t.url, connections: t.connections, duration, method, body, headers: { 'content-type': 'application/json' } })
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
const measure = async (label, targets, opts, { pids = [], profile = null, dbPids = null } = {}) => {
  await load(targets, { ...opts, duration: CFG.warmup });
  if (profile) await profileStart(profile.app);
  const cpu0 = cpuOf(pids);
  // PostgreSQL: the CPU time of this database's server processes too (the app's CPU leaves it out).
  const db0 = dbPids ? cpuByPid(await dbPids()) : null;
  const r = await load(targets, { ...opts, duration: CFG.duration });
  r.cpu_ms_per_req = pids.length && r.requests ? (cpuOf(pids) - cpu0) / r.requests : null;
  if (db0) {
    const db1 = cpuByPid(await dbPids());
    let ms = 0;
    for (const [pid, v] of db1) ms += v - (db0.get(pid) ?? 0); // a backend started meanwhile counts from 0
    r.db_cpu_ms_per_req = r.requests ? ms / r.requests : null;
  }
  if (profile) await profileStop(profile.app, profile.name);
  log(
    `  ${label.padEnd(22)} ${r.rps.toFixed(0).padStart(6)} req/s  p99 ${String(r.p99_ms).padStart(4)} ms  ` +
      `${r.cpu_ms_per_req == null ? '' : `cpu ${r.cpu_ms_per_req.toFixed(2)} ms/req  `}${r.db_cpu_ms_per_req == null ? '' : `db cpu ${r.db_cpu_ms_per_req.toFixed(2)} ms/req  `}non-2xx ${r.non2xx}  errors ${r.errors}  timeouts ${r.timeouts}`
  );
  return r;
};

/** Runs each route `rounds` times (reversed order every other round) and averages. */
const measureRoutes = async (routes, rounds) => {
  const acc = Object.fromEntries(routes.map((r) => [r.key, []]));
  for (let i = 0; i < rounds; i += 1) {
    const order = i % 2 ? [...routes].reverse() : routes;
    for (const r of order) {
      const profile = PROFILE && i === 0 && r.profile ? { app: r.profile, name: `P1-${r.key}` } : null;
      acc[r.key].push(await measure(r.key, r.targets, { body: r.body }, { pids: r.pids || [], profile, dbPids: r.dbPids }));
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
      cpu_ms_per_req: list.every((x) => x.cpu_ms_per_req != null) ? list.reduce((s, x) => s + x.cpu_ms_per_req, 0) / list.length : null,
      db_cpu_ms_per_req: list.every((x) => x.db_cpu_ms_per_req != null) ? list.reduce((s, x) => s + x.db_cpu_ms_per_req, 0) / list.length : null,
    };
  }
  return out;
};

// ---------------------------------------------------------------------------------------------------
// The app
// ---------------------------------------------------------------------------------------------------

const startApp = async (db, label = 'app') => {
  const port = await freePort();
  const app = await startNode(
    path.join(__dirname, 'app.js'),
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
    },
    `${label}:${db.client}`,
    // BENCH_APP_NODE_ARGS: extra Node flags for the apps, for experiments (e.g. --max-semi-space-size=32).
    { nodeArgs: ['--expose-gc', ...(process.env.BENCH_APP_NODE_ARGS || '').split(' ').filter(Boolean)] }
  );
  app.url = `http://127.0.0.1:${port}`;
  return app;
};

const ADMIN = { firstname: 'Bench', lastname: 'Admin', email: 'bench@example.com', password: 'Bench-Admin-1' };

const adminToken = async (app) => {
  const reg = await request('POST', `${app.url}/admin/register-admin`, { json: ADMIN });
  if (![200, 201].includes(reg.status)) throw new Error(`register-admin: ${reg.status} ${JSON.stringify(reg.body)}`);
  const login = expectStatus(await request('POST', `${app.url}/admin/login`, { json: { email: ADMIN.email, password: ADMIN.password } }), [200], 'admin login');
  return login.data.token;
};

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;
/** CPU time (user + system) a process has used so far, in ms. */
const cpuMs = (pid) => {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
};
const cpuOf = (pids) => pids.reduce((s, pid) => s + cpuMs(pid), 0);
/** CPU ms of each process that still exists. */
const cpuByPid = (pids) => {
  const out = new Map();
  for (const pid of pids) {
    try {
      out.set(pid, cpuMs(pid));
    } catch {
      /* exited */
    }
  }
  return out;
};
/**
 * PostgreSQL: the server processes serving this database (the runner's own connection left out). A
 * separate connection, so that the runner's pool is not touched.
 */
const pgBackends = (db) => async () => {
  const { Client } = require('pg');
  const c = new Client({ ...db.knexConfig.connection });
  await c.connect();
  try {
    const r = await c.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    return r.rows.map((x) => x.pid);
  } finally {
    await c.end();
  }
};

const profiles = [];
const profileStart = async (app) => {
  if (PROFILE) expectStatus(await request('POST', `${app.url}/__bench/profile/start`), [204], 'profile start');
};
const profileStop = async (app, name) => {
  if (!PROFILE) return;
  const { file } = expectStatus(await request('POST', `${app.url}/__bench/profile/stop?name=${encodeURIComponent(name)}`), [200], 'profile stop');
  profiles.push(file);
  const summary = require('./profile-summary').summarise(file, { top: 12 });
  fs.writeFileSync(file.replace(/\.cpuprofile$/, '.txt'), `${summary}\n`);
  log(`  profile ${path.relative(ROOT, file)}\n${summary.replace(/^/gm, '    ')}`);
};

const rssKb = (pid) => {
  const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB/m);
  return m ? Number(m[1]) : NaN;
};

// ---------------------------------------------------------------------------------------------------
// The plugin's own functions, bundled from its TypeScript source: the event hash (events/chain.ts and
// events/proof.ts), the personal record and its keyed hash (events/personal.ts preparePersonal, which
// uses proof.ts newPersonalSecret and personalHash) and the subject look-up hashes (utils/subject.ts)
// ---------------------------------------------------------------------------------------------------

const loadChainHelper = () => {
  const outfile = path.join(BUILD_DIR, 'plugin.js');
  require('esbuild').buildSync({
    stdin: {
      contents: [
        "export { eventHash, PROOF_FIELDS, GENESIS, HEAD_TABLE } from './server/src/events/chain';",
        "export { personalHash, newPersonalSecret, PERSONAL_PART_FIELDS } from './server/src/events/proof';",
        "export { preparePersonal, splitPageUrl, personalMatches } from './server/src/events/personal';",
        "export { emailHash, phoneHash } from './server/src/utils/subject';",
      ].join('\n'),
      resolveDir: ROOT,
      sourcefile: 'bench-plugin-helpers.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  delete require.cache[outfile];
  return require(outfile);
};

// ---------------------------------------------------------------------------------------------------
// P1 capture throughput
// ---------------------------------------------------------------------------------------------------

const runP1 = async (ctx) => {
  const { app, db } = ctx;
  log(`P1 capture throughput on ${db.client}: ${CFG.connections} connections, ${CFG.duration}s each (+${CFG.warmup}s warm-up), ${CFG.rounds} round(s)`);
  const bare = await startNode(
    path.join(__dirname, 'bare.js'),
    { ...db.env, PORT: String(await freePort()) },
    `bare:${db.client}`
  );
  const bareUrl = `http://127.0.0.1:${bare.info.port}/`;
  const note = JSON.stringify({ data: { text: 'x' } });
  const c = CFG.connections;
  const dbPids = db.client === 'postgres' ? pgBackends(db) : null;
  try {
    const r = await measureRoutes(
      [
        { key: 'plugin', targets: [{ url: `${app.url}/api/user-consent/forms/bench/consents`, connections: c }], body: ctx.captureBody, pids: [app.pid], profile: app, dbPids },
        { key: 'core', targets: [{ url: `${app.url}/api/notes`, connections: c }], body: note, pids: [app.pid], profile: app, dbPids },
        { key: 'floor', targets: [{ url: `${app.url}/api/floor`, connections: c }], body: note, pids: [app.pid], profile: app, dbPids },
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
      non2xx: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.non2xx])),
      errors: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.errors + v.timeouts])),
      runs_rps: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.runs])),
      core_p99_ms: round(r.core.p99_ms, 1),
      floor_p99_ms: round(r.floor.p99_ms, 1),
      bare_p99_ms: round(r.bare.p99_ms, 1),
      // CPU time of the serving process per request (SQLite's work included, PostgreSQL's not).
      cpu_ms_per_req: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v.cpu_ms_per_req, 2)])),
      // PostgreSQL: CPU time of the database's server processes per request (null on SQLite, where the
      // database works inside the serving process).
      db_cpu_ms_per_req: dbPids ? Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v.db_cpu_ms_per_req, 2)])) : null,
    };
    const bad = Object.entries(out.non2xx).filter(([, v]) => v > 0);
    log(`  non-2xx: ${JSON.stringify(out.non2xx)}${bad.length ? '  <-- NOT ZERO' : ''}; errors/timeouts: ${JSON.stringify(out.errors)}`);
    return out;
  } finally {
    await bare.stop();
  }
};

// ---------------------------------------------------------------------------------------------------
// P5 scale-out (PostgreSQL): one app vs two apps on one database
// ---------------------------------------------------------------------------------------------------

const runP5 = async (ctx) => {
  const { app, db } = ctx;
  log(`P5 scale-out on ${db.client}: one app vs two apps, ${CFG.connections} connections in total`);
  // The second process runs (idle) during the one-app runs too, so both sides have the same memory.
  const app2 = await startApp(db, 'app2');
  try {
    const half = CFG.connections / 2;
    const capture = `/api/user-consent/forms/bench/consents`;
    const note = JSON.stringify({ data: { text: 'x' } });
    const pids = [app.pid, app2.pid];
    const r = await measureRoutes(
      [
        { key: 'floor_1', targets: [{ url: `${app.url}/api/floor`, connections: half }, { url: `${app.url}/api/floor`, connections: half }], body: note, pids },
        { key: 'floor_2', targets: [{ url: `${app.url}/api/floor`, connections: half }, { url: `${app2.url}/api/floor`, connections: half }], body: note, pids },
        { key: 'capture_1', targets: [{ url: `${app.url}${capture}`, connections: half }, { url: `${app.url}${capture}`, connections: half }], body: ctx.captureBody, pids },
        { key: 'capture_2', targets: [{ url: `${app.url}${capture}`, connections: half }, { url: `${app2.url}${capture}`, connections: half }], body: ctx.captureBody, pids },
        // For context: Strapi's own create of the one-field type, which writes to the same database
        // but shares no lock: how much any database-writing route scales here.
        { key: 'core_1', targets: [{ url: `${app.url}/api/notes`, connections: half }, { url: `${app.url}/api/notes`, connections: half }], body: note, pids },
        { key: 'core_2', targets: [{ url: `${app.url}/api/notes`, connections: half }, { url: `${app2.url}/api/notes`, connections: half }], body: note, pids },
      ],
      CFG.rounds
    );
    await quiesce(ctx.knex, ctx.chain);
    const factorCapture = r.capture_2.rps / r.capture_1.rps;
    const factorFloor = r.floor_2.rps / r.floor_1.rps;
    const factorCore = r.core_2.rps / r.core_1.rps;
    const integrity = expectStatus(await request('GET', `${app.url}/user-consent/integrity`, { token: ctx.token }), [200], 'integrity').data;
    log(`  factor capture ${factorCapture.toFixed(3)}, factor floor ${factorFloor.toFixed(3)}, factor core ${factorCore.toFixed(3)}; chain intact: ${integrity.intact} (${integrity.checked} records)`);
    if (!integrity.intact) throw new Error(`P5: chain broken after the two-process load: ${JSON.stringify(integrity.firstBroken)}`);
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
      non2xx: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.non2xx])),
      cpu_ms_per_req: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v.cpu_ms_per_req, 2)])),
      chain_intact: integrity.intact,
      chain_checked: integrity.checked,
    };
  } finally {
    await app2.stop();
  }
};

// ---------------------------------------------------------------------------------------------------
// The bulk load (P2–P4, P6): N consents with a valid chain and their personal records, written straight
// into the plugin's tables
// ---------------------------------------------------------------------------------------------------

const PAGES = ['checkout', 'signup', 'contact', 'promo', 'newsletter'];
const FORMS = ['bench', 'contact', 'checkout', 'newsletter'];
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
];
const DAY = 86_400_000;
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A small seeded PRNG: the same data set at every run. */
const mulberry32 = (seed) => () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** Random bytes from a pool refilled 64 KB at a time (not one system call per document id or token). */
let randomPool = Buffer.alloc(0);
let randomAt = 0;
const pooledRandom = (n) => {
  if (randomAt + n > randomPool.length) {
    randomPool = crypto.randomBytes(65536);
    randomAt = 0;
  }
  randomAt += n;
  return randomPool.subarray(randomAt - n, randomAt);
};

const documentId = () => {
  const b = pooledRandom(24);
  let s = '';
  for (let i = 0; i < 24; i += 1) s += ALNUM[b[i] % 36];
  return s;
};

/**
 * One multi-row INSERT … VALUES statement (knex's own multi-row insert on SQLite is a UNION ALL of
 * SELECTs, limited to 500 terms). 1,000 rows × 24 columns (events; personal records: 15) stay under SQLite's 32,766 variables.
 */
const insertRows = (trx, table, rows, types = null) => {
  const cols = Object.keys(rows[0]);
  if (types) {
    // PostgreSQL: one array per column, unnested (a handful of parameters instead of tens of thousands).
    const arrays = cols.map((c) => rows.map((r) => r[c]));
    return trx.raw(`INSERT INTO ${table} (${cols.join(', ')}) SELECT * FROM unnest(${cols.map((c) => `?::${types[c]}[]`).join(', ')})`, arrays);
  }
  const tuple = `(${cols.map(() => '?').join(',')})`;
  const bindings = [];
  for (const r of rows) for (const c of cols) bindings.push(r[c]);
  return trx.raw(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${rows.map(() => tuple).join(',')}`, bindings);
};

/**
 * Waits until the chain head stops moving: autocannon stops sending at the end of a run, but the app
 * still completes the requests it had accepted, and the loader must start after the last of them.
 */
const quiesce = async (knex, chain, stableMs = 1500, maxMs = 120_000) => {
  const t0 = Date.now();
  let last = (await knex(chain.HEAD_TABLE).where({ id: 1 }).first('seq'))?.seq;
  for (;;) {
    await sleep(stableMs);
    const now = (await knex(chain.HEAD_TABLE).where({ id: 1 }).first('seq'))?.seq;
    if (String(now) === String(last)) return;
    if (Date.now() - t0 > maxMs) throw new Error('the chain head is still moving: the app keeps appending');
    last = now;
  }
};

/** The personal record's attributes and their columns (plugin::user-consent.personal). */
const PERSONAL_COLUMNS = {
  secret: 'secret',
  subject: 'subject',
  emailHash: 'email_hash',
  phoneHash: 'phone_hash',
  ip: 'ip',
  userAgent: 'user_agent',
  pageQuery: 'page_query',
  data: 'data',
  note: 'note',
  collectedAt: 'collected_at',
};
/** The subject of capture k: an e-mail and a phone that only it uses. */
const subjectOf = (k) => ({ email: `p${k}@example.com`, phone: `+7 900 ${String(k).padStart(7, '0')}` });

/**
 * Writes N consent events as the plugin's capture writes them: per capture (a form submission) one
 * personal record (uc_personal_data: its own secret, the subject, the look-up hashes, IP, user agent,
 * the page URL's query, collected_at) and its events (one per agreement decided, 1–3), which carry the
 * record's id and its keyed hash (`preparePersonal`, the plugin's own function) but no personal data;
 * the page URL in the event is origin + path. Personal ids are given explicitly (read the max first,
 * move PostgreSQL's sequence afterwards), so that an event can name its record without a round trip.
 */
const bulkLoad = async (ctx) => {
  const { knex, db, chain, agreements } = ctx;
  const table = ctx.table;
  const ptable = ctx.personalTable;
  const n = CFG.n;
  const columns = new Set(Object.keys(await knex(table).columnInfo()));
  for (const f of [...chain.PROOF_FIELDS, 'hash']) {
    if (!columns.has(snake(f))) throw new Error(`loader: column ${snake(f)} (field ${f}) is not in ${table}`);
  }
  const pcolumns = new Set(Object.keys(await knex(ptable).columnInfo()));
  for (const c of Object.values(PERSONAL_COLUMNS)) if (!pcolumns.has(c)) throw new Error(`loader: column ${c} is not in ${ptable}`);
  for (const c of ['document_id', 'created_at', 'updated_at', 'published_at']) {
    if (!columns.has(c)) throw new Error(`loader: column ${c} is not in ${table}`);
    if (!pcolumns.has(c)) throw new Error(`loader: column ${c} is not in ${ptable}`);
  }
  // PostgreSQL: each column's type, for the arrays of insertRows.
  const typesOf = async (t) =>
    db.client === 'postgres'
      ? Object.fromEntries((await knex.raw('SELECT column_name, udt_name FROM information_schema.columns WHERE table_name = ? AND table_schema = current_schema()', [t])).rows.map((r) => [r.column_name, r.udt_name]))
      : null;
  const types = await typesOf(table);
  const ptypes = await typesOf(ptable);
  await quiesce(knex, chain);
  const head = await knex(chain.HEAD_TABLE).where({ id: 1 }).first('seq', 'hash');
  if (!head) throw new Error('loader: the chain head is missing');
  const maxRow = await knex(ptable).max({ m: 'id' }).first();
  const firstPersonalId = Number(maxRow?.m ?? 0) + 1;
  log(`bulk-loading ${n.toLocaleString('en')} consents into ${db.client} (chain continues after seq ${head.seq}; personal records from id ${firstPersonalId})`);

  const rand = mulberry32(7);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const r8 = () => Math.floor(rand() * 256);
  const ipOf = () => {
    const p = rand();
    if (p < 0.4) return `10.${r8()}.${r8()}.${r8()}`;
    if (p < 0.6) return `172.16.${r8()}.${r8()}`;
    if (p < 0.8) return `192.168.${r8()}.${r8()}`;
    if (p < 0.95) return `203.0.113.${r8()}`;
    return `2001:db8:${r8().toString(16)}::${r8().toString(16)}`;
  };
  const now = Date.now();
  const start = now - 365 * DAY;
  const span = 365 * DAY - 60_000;
  const t0 = process.hrtime.bigint();
  let seq = BigInt(head.seq);
  let prevHash = head.hash;
  let done = 0;
  let k = 0; // captures so far
  let nextReport = n / 10;
  let waited = 0; // ms spent waiting for the database (the rest is computing the rows)
  const perTx = CFG.loaderBatch * CFG.loaderBatchesPerTx;
  // What P6 needs to choose its subjects: each capture's form and number of events.
  const captureForm = new Uint8Array(n);
  const captureEvents = new Uint8Array(n);
  const order = [0, 1, 2];

  while (done < n) {
    const txEnd = Math.min(done + perTx, n);
    await knex.transaction(async (trx) => {
      // One batch's statements in flight while the next batch is computed (PostgreSQL works meanwhile).
      let pending = null;
      while (done < txEnd) {
        const events = [];
        const people = [];
        const batchEnd = Math.min(done + CFG.loaderBatch, txEnd);
        while (done < batchEnd) {
          // One capture: a form, its agreements (1–3 of the three, distinct), one personal record.
          const r = rand();
          const count = Math.min(r < 0.6 ? 1 : r < 0.85 ? 2 : 3, batchEnd - done);
          const formIdx = Math.floor(rand() * FORMS.length);
          for (let i = 2; i > 0; i -= 1) {
            const j = Math.floor(rand() * (i + 1));
            [order[i], order[j]] = [order[j], order[i]];
          }
          const recordedAt = new Date(start + Math.floor((done * span) / n));
          const { page, query } = chain.splitPageUrl(`https://shop${Math.floor(rand() * 20)}.example/${pick(PAGES)}?ref=${Math.floor(rand() * 1000)}`);
          const prepared = chain.preparePersonal({ subject: subjectOf(k), ip: ipOf(), userAgent: pick(AGENTS), pageQuery: query, data: null, note: null }, recordedAt);
          const personalId = firstPersonalId + k;
          const prow = { id: personalId, document_id: documentId(), created_at: recordedAt, updated_at: recordedAt, published_at: recordedAt };
          for (const [key, col] of Object.entries(PERSONAL_COLUMNS)) {
            const v = prepared.entry[key];
            prow[col] = v != null && (key === 'subject' || key === 'data') ? JSON.stringify(v) : v ?? null;
          }
          people.push(prow);
          captureForm[k] = formIdx;
          captureEvents[k] = count;
          k += 1;
          const fullTextOpened = rand() < 0.3;
          for (let e = 0; e < count; e += 1) {
            seq += 1n;
            const a = agreements[order[e]];
            const event = {
              seq: seq.toString(),
              action: rand() < 0.7 ? 'given' : 'refused',
              agreementId: a.id,
              versionId: a.versionId,
              versionNumber: a.versionNumber,
              formKey: FORMS[formIdx],
              pageUrl: page,
              fields: [],
              behaviour: 'optional-unchecked',
              prechecked: false,
              fullTextOpened,
              receiptId: crypto.randomUUID(),
              tokenHash: pooledRandom(32).toString('hex'),
              channel: 'web',
              personalId,
              personalHash: prepared.hash,
              ipPolicy: 'full',
              recordedAt,
              prevHash,
            };
            const hash = chain.eventHash(event);
            // The row spelled out (the columns were checked above): much faster than mapping names per row.
            events.push({
              document_id: documentId(),
              created_at: recordedAt,
              updated_at: recordedAt,
              published_at: recordedAt,
              hash,
              seq: event.seq,
              action: event.action,
              agreement_id: event.agreementId,
              version_id: event.versionId,
              version_number: event.versionNumber,
              form_key: event.formKey,
              page_url: event.pageUrl,
              fields: '[]',
              behaviour: event.behaviour,
              prechecked: event.prechecked,
              full_text_opened: event.fullTextOpened,
              receipt_id: event.receiptId,
              token_hash: event.tokenHash,
              channel: event.channel,
              personal_id: personalId,
              personal_hash: event.personalHash,
              ip_policy: event.ipPolicy,
              recorded_at: recordedAt,
              prev_hash: prevHash,
            });
            prevHash = hash;
            done += 1;
          }
        }
        if (pending) {
          const w = process.hrtime.bigint();
          await pending;
          waited += elapsed(w);
        }
        // A knex query starts when it is awaited: start it, let it reach the server, then go on. The
        // personal records first, then the events that name them.
        pending = insertRows(trx, ptable, people, ptypes).then(() => insertRows(trx, table, events, types).then(() => undefined));
        pending.catch(() => {}); // awaited below; this only keeps Node from calling it unhandled meanwhile
        await new Promise((r) => setImmediate(r));
      }
      const w = process.hrtime.bigint();
      await pending;
      await trx(chain.HEAD_TABLE).where({ id: 1 }).update({ seq: seq.toString(), hash: prevHash });
      waited += elapsed(w);
    });
    if (done >= nextReport || done === n) {
      const s = elapsed(t0) / 1000;
      log(`  ${done.toLocaleString('en')} rows, ${k.toLocaleString('en')} personal records (${(done / s).toFixed(0)} rows/s; ${(waited / 1000).toFixed(1)} s of ${s.toFixed(1)} s waiting for the database)`);
      nextReport += n / 10;
    }
  }
  if (db.client === 'postgres') {
    // The ids were given explicitly: the serial sequence must follow, or the app's next insert collides.
    await knex.raw(`SELECT setval(pg_get_serial_sequence('${ptable}', 'id'), (SELECT max(id) FROM ${ptable}))`);
    // PostgreSQL's autovacuum would analyse tables that grew this much within a minute; do it now so
    // the planner sees the real sizes. SQLite is left as a Strapi app leaves it (no ANALYZE).
    await knex.raw(`ANALYZE ${table}`);
    await knex.raw(`ANALYZE ${ptable}`);
  }
  const loadMs = elapsed(t0);
  return {
    rows: n,
    captures: k,
    load_s: round(loadMs / 1000, 1),
    rows_per_s: round(n / (loadMs / 1000), 0),
    db_wait_s: round(waited / 1000, 1),
    start,
    span,
    firstPersonalId,
    captureForm: captureForm.subarray(0, k),
    captureEvents: captureEvents.subarray(0, k),
  };
};

// ---------------------------------------------------------------------------------------------------
// P2 the admin list vs the same SQL raw
// ---------------------------------------------------------------------------------------------------

const revive = (b) => (b && typeof b === 'object' && '$date' in b ? new Date(b.$date) : b && typeof b === 'object' && '$hex' in b ? Buffer.from(b.$hex, 'hex') : b);
/** knex.raw takes `?` placeholders; PostgreSQL's positioned `$n` ones are numbered in order. */
const toKnexSql = (sql) => sql.replace(/\$(\d+)/g, '?');
const rawRows = (res) => (Array.isArray(res) ? res : res.rows);

const explain = async (knex, client, q) => {
  if (client === 'sqlite') {
    const rows = rawRows(await knex.raw(`EXPLAIN QUERY PLAN ${q.sql}`, q.bindings));
    const depth = new Map([[0, -1]]);
    return rows.map((r) => {
      const d = (depth.get(r.parent) ?? -1) + 1;
      depth.set(r.id, d);
      return `${'  '.repeat(d)}${r.detail}`;
    });
  }
  return rawRows(await knex.raw(`EXPLAIN ${q.sql}`, q.bindings)).map((r) => r['QUERY PLAN']);
};
/**
 * How a plan reaches the rows: `seek` (an index searched by the filter: SQLite SEARCH … USING INDEX or
 * INTEGER PRIMARY KEY,
 * PostgreSQL Index Cond), `index scan` (an index walked end to end or in sort order, filtering as it
 * goes) or `table scan`.
 */
const accessOf = (plan) => {
  if (plan.some((l) => /\bSEARCH\b.*\bUSING\b.*\b(INDEX|PRIMARY KEY)\b|Index Cond:/i.test(l))) return 'seek';
  if (plan.some((l) => /\bSCAN\b.*\bUSING\b.*\bINDEX\b|Index (Only )?Scan|Bitmap Index Scan/i.test(l))) return 'index scan';
  return 'table scan';
};

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
  // For context: what any authenticated admin request costs here before the route does anything
  // (Strapi's session, user, roles and permissions, read at every request).
  const floorUrl = `${app.url}/admin/users/me`;
  for (let i = 0; i < 3; i += 1) await request('GET', floorUrl, { token });
  const floor = [];
  for (let i = 0; i < CFG.listRuns; i += 1) {
    const t = process.hrtime.bigint();
    expectStatus(await request('GET', floorUrl, { token }), [200], 'admin floor');
    floor.push(elapsed(t));
  }
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
    // the page (Strapi's own authentication queries and the agreement names are left out).
    expectStatus(await request('POST', `${app.url}/__bench/sql/start`), [204], 'sql capture');
    const first = expectStatus(await list(), [200], `list ${f.key}`);
    const captured = expectStatus(await request('POST', `${app.url}/__bench/sql/stop`), [200], 'sql capture').queries;
    const tables = new RegExp(`\\b(${ctx.table}|${ctx.personalTable})\\b`);
    const queries = captured
      .filter((q) => /^\s*select/i.test(q.sql) && tables.test(q.sql))
      .map((q) => ({ sql: toKnexSql(q.sql), bindings: q.bindings.map(revive) }));
    if (queries.filter((q) => q.sql.includes(ctx.table)).length < 2) throw new Error(`P2 ${f.key}: expected a select and a count on ${ctx.table}, captured ${JSON.stringify(captured)}`);
    const rawOnce = () => Promise.all(queries.map((q) => knex.raw(q.sql, q.bindings)));
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
    for (const q of queries) plans.push({ sql: q.sql, bindings: q.bindings.map((b) => (b instanceof Date ? b.toISOString() : b)), plan: await explain(knex, db.client, q) });
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
      uses_index: plans.every((p) => accessOf(p.plan) !== 'table scan'),
      access: plans.map((p) => accessOf(p.plan)),
      plans,
    };
    out[f.key] = r;
    log(`  ${f.label.padEnd(42)} total ${String(apiTotal).padStart(7)}  api p95 ${r.p95_ms} ms  raw p95 ${r.raw_p95_ms} ms  ratio ${r.ratio}`);
    for (const p of plans) {
      log(`    plan (${accessOf(p.plan)}): ${p.sql.slice(0, 150)}${p.sql.length > 150 ? '…' : ''}`);
      for (const line of p.plan) log(`      ${line}`);
    }
  }
  // One figure per database: the worst filter (the goal must hold for every typical filter).
  const worst = Object.values(out).reduce((a, b) => (b.ratio > a.ratio ? b : a));
  return {
    ratio: worst.ratio,
    p95_ms: worst.p95_ms,
    raw_p95_ms: worst.raw_p95_ms,
    worst_filter: Object.keys(out).find((k) => out[k] === worst),
    admin_floor: adminFloor,
    filters: out,
  };
};

// ---------------------------------------------------------------------------------------------------
// P3 export vs the database's own CSV export
// ---------------------------------------------------------------------------------------------------

/** The export's columns: the event's, then the personal ones from its record (a left join, as the plugin reads them). */
const EXPORT_COLUMNS = [
  ...['id', 'seq', 'recorded_at', 'action', 'agreement_id', 'version_id', 'version_number', 'form_key', 'page_url', 'behaviour', 'prechecked', 'full_text_opened', 'channel', 'withdraws_id', 'receipt_id', 'hash', 'prev_hash'].map((c) => `c.${c}`),
  ...['ip', 'user_agent', 'subject', 'note'].map((c) => `p.${c}`),
];

const ensureSqliteCli = () => {
  if (spawnSync('sqlite3', ['-version']).status === 0) return true;
  log('sqlite3 CLI missing: apt-get install -y sqlite3');
  spawnSync('apt-get', ['install', '-y', 'sqlite3'], { stdio: 'inherit' });
  return spawnSync('sqlite3', ['-version']).status === 0;
};

/** Runs a CLI and counts what it writes to stdout (the same kind of sink as the plugin's export). */
const timedCli = (cmd, args, env = {}) =>
  new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const proc = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(proc);
    let bytes = 0;
    let lines = 0;
    let err = '';
    proc.stdout.on('data', (c) => {
      bytes += c.length;
      for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) lines += 1;
    });
    proc.stderr.on('data', (d) => (err += d));
    proc.on('error', reject);
    proc.on('close', (code) => {
      children.delete(proc);
      if (code !== 0) reject(new Error(`${cmd} exited with ${code}: ${err}`));
      else resolve({ ms: elapsed(t), bytes, lines });
    });
  });

const runP3 = async (ctx) => {
  const { app, knex, db, token } = ctx;
  const rows = Number(Object.values((await knex(ctx.table).count({ c: '*' }))[0])[0]);
  log(`P3 export of ${rows.toLocaleString('en')} records on ${db.client}: streamed to a sink, app RSS sampled every 50 ms`);

  const memory = async (gc) => expectStatus(await request('GET', `${app.url}/__bench/memory${gc ? '?gc=1' : ''}`), [200], 'memory');
  const heapBefore = (await memory(true)).heapUsed;
  await sleep(200);
  const before = rssKb(app.pid);
  let peak = before;
  const timer = setInterval(() => {
    try {
      const v = rssKb(app.pid);
      if (v > peak) peak = v;
    } catch {
      /* the sample is lost */
    }
  }, 50);
  let bytes = 0;
  let lines = 0;
  // What the growth is made of: V8 heap (objects, garbage not yet collected) or Buffers (data queued
  // on the way to the socket). Polled from the app twice a second while the export runs.
  const mem = { heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0, rss: 0 };
  const base = await memory(false);
  let polling = true;
  const poller = (async () => {
    while (polling) {
      await sleep(500);
      if (!polling) break;
      const m = await memory(false).catch(() => null);
      if (m) for (const k of Object.keys(mem)) mem[k] = Math.max(mem[k], m[k] - base[k]);
    }
  })();
  await profileStart(app);
  const t = process.hrtime.bigint();
  let res;
  try {
    res = await request('GET', `${app.url}/user-consent/consents/export`, {
      token,
      onData: (c) => {
        bytes += c.length;
        for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) lines += 1;
      },
    });
  } finally {
    clearInterval(timer);
    polling = false;
  }
  const ms = elapsed(t);
  await poller;
  peak = Math.max(peak, rssKb(app.pid));
  await profileStop(app, 'P3-export');
  await sleep(300); // the export's last batch and its log update run after the last byte
  const heapAfterGc = (await memory(true)).heapUsed;
  const rssAfterGc = rssKb(app.pid);
  if (res.status !== 200) throw new Error(`P3: export answered ${res.status}`);
  if (lines !== rows + 1) log(`  warning: the export has ${lines} lines for ${rows} records (+1 header expected)`);
  const pluginRate = rows / (ms / 1000);

  const select = `SELECT ${EXPORT_COLUMNS.join(', ')} FROM ${ctx.table} c LEFT JOIN ${ctx.personalTable} p ON p.id = c.personal_id ORDER BY c.seq`;
  let native;
  if (db.client === 'sqlite') {
    if (!ensureSqliteCli()) throw new Error('P3: the sqlite3 CLI is not available');
    native = await timedCli('sqlite3', ['-csv', '-header', db.file, select]);
    native.tool = 'sqlite3 -csv';
  } else {
    native = await timedCli(
      'psql',
      ['-X', '-q', '-h', PG.host, '-p', String(PG.port), '-U', PG.user, '-d', db.name, '-c', `\\copy (${select}) TO STDOUT WITH CSV HEADER`],
      PG.password ? { PGPASSWORD: PG.password } : {}
    );
    native.tool = 'psql \\copy … csv';
  }
  const nativeRate = rows / (native.ms / 1000);
  const out = {
    rss_growth_mb: round((peak - before) / 1024, 1),
    ratio: round(pluginRate / nativeRate),
    rows,
    rss_before_mb: round(before / 1024, 1),
    rss_peak_mb: round(peak / 1024, 1),
    rss_after_gc_mb: round(rssAfterGc / 1024, 1),
    // What the export left behind once garbage is collected: near 0 means the growth was garbage not
    // yet collected (V8 lets the heap grow under allocation pressure), not data kept in memory.
    heap_retained_mb: round((heapAfterGc - heapBefore) / 2 ** 20, 1),
    // Peak growth, during the export, of the V8 heap and of Buffer memory (MB).
    heap_growth_mb: round(mem.heapUsed / 2 ** 20, 1),
    buffers_growth_mb: round(mem.arrayBuffers / 2 ** 20, 1),
    plugin_ms: round(ms, 0),
    plugin_rows_per_s: round(pluginRate, 0),
    plugin_bytes: bytes,
    plugin_lines: lines,
    native_tool: native.tool,
    native_ms: round(native.ms, 0),
    native_rows_per_s: round(nativeRate, 0),
    native_bytes: native.bytes,
  };
  log(`  plugin ${out.plugin_ms} ms (${out.plugin_rows_per_s} rows/s, ${(bytes / 1e6).toFixed(1)} MB), RSS ${out.rss_before_mb} → ${out.rss_peak_mb} MB (+${out.rss_growth_mb}; heap +${out.heap_growth_mb} (total +${round(mem.heapTotal / 2 ** 20, 1)}, ext +${round(mem.external / 2 ** 20, 1)}), buffers +${out.buffers_growth_mb}); heap retained after GC ${out.heap_retained_mb} MB`);
  log(`  native ${out.native_ms} ms (${out.native_rows_per_s} rows/s, ${(native.bytes / 1e6).toFixed(1)} MB) → ratio ${out.ratio}`);
  return out;
};

// ---------------------------------------------------------------------------------------------------
// P4 verification vs a bare SHA-256 pass
// ---------------------------------------------------------------------------------------------------

const runP4 = async (ctx) => {
  const { app, knex, db, token, chain } = ctx;
  log(`P4 chain verification on ${db.client}${P4_RUNS > 1 ? ` (${P4_RUNS} runs each, alternating)` : ''}`);
  // The event's proof columns and, through a left join, what its personal record holds (the plugin
  // reads those records by id for each batch and checks their keyed hashes).
  const cols = [
    ...['id', 'hash', ...chain.PROOF_FIELDS.map(snake)].map((c) => `c.${c}`),
    ...['secret', 'subject', 'ip', 'user_agent', 'page_query', 'data', 'note'].map((c) => `p.${c} as p_${c}`),
  ];
  const verifyRuns = [];
  const bareRuns = [];
  let report;
  let hashed = 0;
  let digest = '';
  for (let run = 0; run < P4_RUNS; run += 1) {
    if (run === 0) await profileStart(app);
    // The bare pass on SQLite never lets the runner's event loop see I/O: let it notice that the app
    // closed the idle keep-alive socket, or the next request goes out on it ("socket hang up").
    else await sleep(200);
    let t = process.hrtime.bigint();
    report = expectStatus(await request('GET', `${app.url}/user-consent/integrity`, { token }), [200], 'integrity').data;
    verifyRuns.push(elapsed(t));
    if (run === 0) await profileStop(app, 'P4-verify');
    if (!report.intact) throw new Error(`P4: the chain is not intact: ${JSON.stringify(report.firstBroken)}`);

    t = process.hrtime.bigint();
    let last = '0';
    hashed = 0;
    for (;;) {
      const rows = await knex({ c: ctx.table })
        .leftJoin({ p: ctx.personalTable }, 'p.id', 'c.personal_id')
        .select(cols)
        .where('c.seq', '>', last)
        .orderBy('c.seq', 'asc')
        .limit(CFG.verifyBatch);
      if (!rows.length) break;
      for (const row of rows) digest = crypto.createHash('sha256').update(JSON.stringify(row), 'utf8').digest('hex');
      hashed += rows.length;
      last = String(rows[rows.length - 1].seq);
      if (rows.length < CFG.verifyBatch) break;
    }
    bareRuns.push(elapsed(t));
    if (P4_RUNS > 1) log(`  run ${run + 1}: verify ${Math.round(verifyRuns[run])} ms, bare ${Math.round(bareRuns[run])} ms`);
  }
  const verifyMs = median(verifyRuns);
  const bareMs = median(bareRuns);
  const out = {
    ratio: round(verifyMs / bareMs),
    verify_ms: round(verifyMs, 0),
    bare_ms: round(bareMs, 0),
    checked: report.checked,
    bare_rows: hashed,
    intact: report.intact,
    verify_rows_per_s: round(report.checked / (verifyMs / 1000), 0),
    bare_rows_per_s: round(hashed / (bareMs / 1000), 0),
    last_digest: digest.slice(0, 12),
  };
  if (P4_RUNS > 1) Object.assign(out, { runs_verify_ms: verifyRuns.map((v) => round(v, 0)), runs_bare_ms: bareRuns.map((v) => round(v, 0)) });
  log(`  verify ${out.verify_ms} ms for ${report.checked} records (intact), bare SHA-256 pass ${out.bare_ms} ms for ${hashed} rows → ratio ${out.ratio}`);
  return out;
};

// ---------------------------------------------------------------------------------------------------
// P6 erasure and retention
// ---------------------------------------------------------------------------------------------------

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

/** The app's RSS sampled every 50 ms from /proc (as P3 does) while `fn` runs. */
const withRss = async (app, fn) => {
  const before = rssKb(app.pid);
  let peak = before;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssKb(app.pid));
    } catch {
      /* the sample is lost */
    }
  }, 50);
  try {
    const value = await fn();
    peak = Math.max(peak, rssKb(app.pid));
    return { value, before, peak };
  } finally {
    clearInterval(timer);
  }
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
  const report = expectStatus(await request('GET', `${app.url}/user-consent/integrity`, { token }), [200], 'integrity').data;
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
  const { app, db, knex, token, chain } = ctx;
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
  const floorUrl = `${app.url}/admin/users/me`;
  for (let i = 0; i < 3; i += 1) await request('GET', floorUrl, { token });
  const floor = [];
  for (let i = 0; i < CFG.listRuns; i += 1) {
    const t = process.hrtime.bigint();
    expectStatus(await request('GET', floorUrl, { token }), [200], 'admin floor');
    floor.push(elapsed(t));
  }

  const api = [];
  const bare = [];
  const waits = [];
  let events = 0;
  let records = 0;
  let statements = null;
  await profileStart(app);
  for (let i = 0; i < total; i += 1) {
    const email = subjectOf(picks[i]).email;
    const hash = chain.emailHash(email);
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
    if (record) expectStatus(await request('POST', `${app.url}/__bench/sql/start`), [204], 'sql capture');
    t = process.hrtime.bigint();
    const res = expectStatus(
      await request('POST', `${app.url}/user-consent/subjects/erasures`, { token, json: { email, reason: 'subject-request' } }),
      [201],
      `erasure of ${email}`
    ).data;
    const ms = elapsed(t);
    if (record) statements = expectStatus(await request('POST', `${app.url}/__bench/sql/stop`), [200], 'sql capture').queries;
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
  const { app, db, knex, token } = ctx;
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
  const form = await knex('uc_forms').where({ key: 'bench' }).first('id');
  expectStatus(await request('PUT', `${app.url}/user-consent/forms/${form.id}`, { token, json: { retentionDays: DAYS } }), [200], 'form retentionDays');
  const dueEvents = Number(
    (await knex(ctx.table).whereIn('personal_id', knex(ptable).select('id').where('collected_at', '<', new Date(Date.now() - DAYS * DAY))).count({ n: '*' }).first()).n
  );
  log(`  retention: ${ids.length.toLocaleString('en')} personal records of ${dueEvents.toLocaleString('en')} events due (form "bench", retentionDays ${DAYS})`);
  await vacuumSettled(knex, db);

  const memory = async (gc) => expectStatus(await request('GET', `${app.url}/__bench/memory${gc ? '?gc=1' : ''}`), [200], 'memory');
  await memory(true);
  await sleep(200);
  // Where the run's time goes: the app's statements (without their bindings: thousands of ids) and,
  // on PostgreSQL, what the server is busy with.
  expectStatus(await request('POST', `${app.url}/__bench/sql/start?bindings=0`), [204], 'sql capture');
  const activity = pgActivity(knex, db);
  await profileStart(app);
  const t = process.hrtime.bigint();
  const { value: run, before, peak } = await withRss(app, async () =>
    expectStatus(await request('POST', `${app.url}/user-consent/retention/run`, { token, json: {} }), [200], 'retention run').data
  );
  const ms = elapsed(t);
  await profileStop(app, 'P6-retention');
  const busy = await activity.stop();
  const statements = expectStatus(await request('POST', `${app.url}/__bench/sql/stop`), [200], 'sql capture').queries;
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
    if (!q.bindings || !/uc_personal_data/.test(q.sql) || !(/ exists /i.test(q.sql) || /group by/i.test(q.sql))) continue;
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

// ---------------------------------------------------------------------------------------------------
// One database
// ---------------------------------------------------------------------------------------------------

const runDatabase = async (client, chain, results) => {
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
      chain,
      token,
      table: 'uc_consents',
      personalTable: 'uc_personal_data',
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
  } finally {
    if (knex) await knex.destroy().catch(() => {});
    if (app) await app.stop();
    await db.drop().catch((e) => log(`could not drop ${db.name}: ${e.message}`));
  }
};

// ---------------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------------

const table = (title, head, rows) => {
  const cells = [head, ...rows].map((r) => r.map((c) => (c == null ? '—' : String(c))));
  const widths = head.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(cells[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) console.log(line(r));
};
const mark = (goal, v) => {
  const ok = meets(goal, v);
  return v == null ? null : `${v}${ok === null ? '' : ok ? ' ok' : ' MISS'}`;
};

const printReport = (results) => {
  const dbs = Object.keys(results.P1);
  console.log(`\n${'='.repeat(100)}\nstrapi-plugin-user-consent benchmarks — ${results.date} — ${results.mode} mode, N = ${results.n.toLocaleString('en')}`);
  console.log(`machine: ${results.machine.cores} cores (${results.machine.cpu}), ${results.machine.memory_gb} GB, Node ${results.machine.node}, ${results.machine.os}`);
  table(
    `P1 capture throughput (req/s, ${CFG.connections} connections, ${CFG.duration}s) — goals: ratio_core >= 1.5, ratio_floor >= 0.5`,
    ['db', 'plugin', 'core', 'floor', 'bare', 'ratio_core', 'ratio_floor', 'ratio_bare', 'p99_ms', 'non-2xx'],
    dbs.map((d) => {
      const p = results.P1[d];
      return [d, p.plugin_rps, p.core_rps, p.floor_rps, p.bare_rps, mark(GOALS.ratio_core, p.ratio_core), mark(GOALS.ratio_floor, p.ratio_floor), p.ratio_bare, p.p99_ms, Object.values(p.non2xx).reduce((a, b) => a + b, 0)];
    })
  );
  table(
    'P1 CPU time per request (ms): the serving process (SQLite work included) and, on PostgreSQL, its server processes',
    ['db', 'plugin', 'core', 'floor', 'bare', 'db: plugin', 'db: core', 'db: floor', 'db: bare'],
    dbs.map((d) => {
      const c = results.P1[d].cpu_ms_per_req;
      const b = results.P1[d].db_cpu_ms_per_req ?? {};
      return [d, c.plugin, c.core, c.floor, c.bare, b.plugin, b.core, b.floor, b.bare];
    })
  );
  const p2rows = [];
  for (const d of Object.keys(results.P2)) {
    for (const [k, f] of Object.entries(results.P2[d].filters)) {
      p2rows.push([d, k, f.total, f.p95_ms, f.raw_p95_ms, mark(GOALS.P2, f.ratio), f.access.join(' / '), results.P2[d].admin_floor.p95_ms]);
    }
  }
  table(
    `P2 admin list, p95 of ${CFG.listRuns} runs (ms) — goal: ratio <= 2; admin_floor = GET /admin/users/me, for context`,
    ['db', 'filter', 'matches', 'api_p95', 'raw_p95', 'ratio', 'plans (select / count)', 'admin_floor_p95'],
    p2rows
  );
  table(
    'P3 export — goals: rss_growth <= 100 MB, ratio >= 0.5',
    ['db', 'rows', 'plugin rows/s', 'native rows/s', 'ratio', 'rss_growth_mb', 'heap_retained_mb'],
    Object.entries(results.P3).map(([d, p]) => [d, p.rows, p.plugin_rows_per_s, p.native_rows_per_s, mark(GOALS.P3, p.ratio), mark(GOALS.rss_growth_mb, p.rss_growth_mb), p.heap_retained_mb])
  );
  table(
    'P4 verification — goal: ratio <= 1.5',
    ['db', 'records', 'verify_ms', 'bare_sha256_ms', 'ratio'],
    Object.entries(results.P4).map(([d, p]) => [d, p.checked, p.verify_ms, p.bare_ms, mark(GOALS.P4, p.ratio)])
  );
  if (Object.keys(results.P5).length) {
    table(
      'P5 scale-out, 1 → 2 processes — goal: ratio >= 0.9',
      ['db', 'capture 1→2 req/s', 'floor 1→2 req/s', 'core 1→2 req/s', 'factor_capture', 'factor_floor', 'factor_core', 'ratio', 'vs core', 'chain'],
      Object.entries(results.P5).map(([d, p]) => [d, `${p.capture_rps_1} → ${p.capture_rps_2}`, `${p.floor_rps_1} → ${p.floor_rps_2}`, p.core_rps_1 ? `${p.core_rps_1} → ${p.core_rps_2}` : '—', p.factor_capture, p.factor_floor, p.factor_core ?? '—', mark(GOALS.P5, p.ratio), p.ratio_vs_core ?? '—', p.chain_intact ? 'intact' : 'BROKEN'])
    );
  }
  if (Object.keys(results.P6).length) {
    table(
      `P6 erasure of one subject (admin route, p50/p95 of ${CFG.eraseRuns}) vs bare DELETE + INSERT — goal: erase_p95 <= 50 ms`,
      ['db', 'erase_p50', 'erase_p95', 'bare_p50', 'bare_p95', 'p95 ratio', 'admin_floor_p95', 'events/erasure'],
      Object.entries(results.P6).map(([d, p]) => [d, p.erase.p50_ms, mark(GOALS.erase_p95_ms, p.erase_p95_ms), p.erase.baseline_p50_ms, p.erase.baseline_p95_ms, p.erase.ratio, p.erase.admin_floor_p95_ms, p.erase.events_per_erasure])
    );
    table(
      'P6 retention run vs bare DELETE in batches of 500 — goal: rss_growth <= 100 MB; then the chain verified',
      ['db', 'events', 'records', 'acts', 'run_ms', 'events/s', 'records/s', 'bare records/s', 'run/bare', 'rss_growth_mb', 'chain'],
      Object.entries(results.P6).map(([d, p]) => {
        const r = p.retention;
        return [d, r.events, r.records, r.batches, r.ms, r.rows_per_s, r.records_per_s, r.baseline_records_per_s, r.ratio, mark(GOALS.retention_rss_growth_mb, r.rss_growth_mb), p.chain_intact ? 'intact' : 'BROKEN'];
      })
    );
  }
  console.log(`\nwritten: ${path.relative(process.cwd(), OUT)}`);
};

// ---------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------

const main = async () => {
  const t0 = Date.now();
  try {
    autocannon = require('autocannon');
  } catch {
    throw new Error('autocannon is not installed: npm install (it is a devDependency of the plugin)');
  }
  const bundle = path.join(ROOT, 'dist/server/index.js');
  if (flag('build') || !fs.existsSync(bundle)) {
    log('building the server bundle (node scripts/build-server.js)');
    const r = spawnSync(process.execPath, ['scripts/build-server.js'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('scripts/build-server.js failed');
  }
  // The plugin's functions are bundled when a phase needs them (the bulk load, P5's quiesce): a P1-only
  // run then works on any version of the plugin's sources.
  let bundled = null;
  const chain = new Proxy({}, { get: (_t, key) => (bundled ??= loadChainHelper())[key] });

  const cpus = os.cpus();
  const results = {
    date: new Date().toISOString(),
    mode: QUICK ? 'quick' : 'full',
    n: CFG.n,
    machine: {
      cores: cpus.length,
      cpu: cpus[0] ? cpus[0].model.trim() : 'unknown',
      memory_gb: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      loadavg_at_start: os.loadavg().map((v) => round(v, 2)),
    },
    versions: {
      strapi: require('@strapi/strapi/package.json').version,
      autocannon: require('autocannon/package.json').version,
      knex: require('knex/package.json').version,
    },
    config: { sqlite_dir: SQLITE_DIR, connections: CFG.connections, duration_s: CFG.duration, warmup_s: CFG.warmup, rounds: CFG.rounds, list_runs: CFG.listRuns },
    goals: Object.fromEntries(Object.entries(GOALS).map(([k, [op, v]]) => [k, `${op} ${v}`])),
    P1: {},
    P2: {},
    P3: {},
    P4: {},
    P5: {},
    P6: {},
    loader: {},
  };
  for (const client of DBS) {
    if (client === 'postgres') {
      results.versions.postgres = (await pgAdmin('SHOW server_version')).rows[0].server_version;
    } else {
      results.versions.sqlite = spawnSync('sqlite3', ['-version']).stdout?.toString().split(' ')[0] || null;
    }
    await runDatabase(client, chain, results);
  }
  if (PROFILE) results.profiles = profiles.map((f) => path.relative(ROOT, f));
  results.runs = Object.fromEntries(DBS.map((d) => [d, results.date]));
  // Which run measured each phase on each database (a --merge may combine several runs).
  results.phase_runs = {};
  for (const key of [...PHASES, 'loader']) for (const d of Object.keys(results[key] || {})) results.phase_runs[`${key}.${d}`] = results.date;
  if (MERGE && fs.existsSync(OUT)) {
    // Re-running one database: keep the other databases' figures from the previous run of the same
    // mode and size (each figure is a ratio measured within its own database's run).
    const previous = JSON.parse(fs.readFileSync(OUT, 'utf8'));
    if (previous.mode === results.mode && previous.n === results.n) {
      // A phase not run this time (--only) keeps its previous figures for every database.
      const ran = (key) => (key === 'loader' ? LOADED_PHASES.some((p) => ONLY.has(p)) : ONLY.has(key));
      for (const key of ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'loader']) {
        results[key] = { ...Object.fromEntries(Object.entries(previous[key] || {}).filter(([d]) => !ran(key) || !DBS.includes(d))), ...results[key] };
      }
      results.runs = { ...(previous.runs || {}), ...results.runs };
      const before = previous.phase_runs || {};
      if (!previous.phase_runs) for (const key of [...PHASES, 'loader']) for (const d of Object.keys(previous[key] || {})) before[`${key}.${d}`] = previous.runs?.[d] ?? previous.date;
      results.phase_runs = { ...Object.fromEntries(Object.entries(before).filter(([k]) => k.split('.')[0] in results && results[k.split('.')[0]][k.split('.')[1]])), ...results.phase_runs };
      for (const d of Object.keys(previous.P1 || {})) if (!DBS.includes(d) && !results.runs[d]) results.runs[d] = previous.date;
      results.versions = { ...previous.versions, ...results.versions };
    } else {
      log(`--merge: ${path.relative(ROOT, OUT)} holds a ${previous.mode} run of N = ${previous.n}; not merged`);
    }
  }
  results.duration_s = Math.round((Date.now() - t0) / 1000);
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(`${OUT}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
  fs.renameSync(`${OUT}.tmp`, OUT);
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
