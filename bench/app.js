'use strict';

// One Strapi process of the playground for the benchmarks (modelled on tests/helpers/child-app.js).
// The database comes from the environment (DATABASE_CLIENT, DATABASE_FILENAME / DATABASE_*), the port
// from PORT. After load it makes sure, idempotently and through the plugin's own services, that three
// custom agreements exist and a form `bench` carries the first one (optional-unchecked), so that
// another process on the same database finds the same fixtures. Prints one line
// `ready {"port":…,"versionId":…,"agreements":[…]}` once it serves requests.
//
// Bench-only routes (answered to 127.0.0.1 only, never part of the plugin): /__bench/sql/start and
// /__bench/sql/stop record the SQL that the app sends while they are on (with each statement's time),
// so that the runner can time exactly the same statements raw and tell where a request's time goes
// (with ?bindings=0 only the first run of each statement keeps its bindings); /__bench/memory reports process.memoryUsage();
// /__bench/profile/start|stop write a CPU profile of what happens in between (run.js --profile);
// /__bench/webhook creates a webhook to a loopback receiver (P7).
const path = require('path');
const { createStrapi } = require('@strapi/strapi');
const { exitOnStop } = require('./lib/child');

const APP = path.resolve(__dirname, '../playground');
const AGREEMENTS = ['Bench agreement A', 'Bench agreement B', 'Bench agreement C'];
const FORM_KEY = 'bench';

const ensureFixtures = async (strapi) => {
  const plugin = strapi.plugin('user-consent');
  const agreements = [];
  for (const name of AGREEMENTS) {
    let row = await strapi.db.query('plugin::user-consent.agreement').findOne({ where: { name } });
    if (!row) {
      const created = await plugin.service('agreement').create({
        name,
        type: 'custom',
        label: `I accept [${name}]`,
        customHtml: `<p>${name}: the text a visitor is shown.</p>`,
      });
      row = await strapi.db.query('plugin::user-consent.agreement').findOne({ where: { id: created.data.id } });
    }
    const version = await strapi.db
      .query('plugin::user-consent.agreement-version')
      .findOne({ where: { id: row.currentVersionId }, select: ['id', 'number'] });
    agreements.push({ id: row.id, versionId: version.id, versionNumber: version.number });
  }
  const forms = strapi.db.query('plugin::user-consent.form');
  if (!(await forms.findOne({ where: { key: FORM_KEY } }))) {
    await plugin.service('form').create({
      key: FORM_KEY,
      name: 'Benchmark form',
      fields: [],
      agreements: [{ agreementId: agreements[0].id, behaviour: 'optional-unchecked' }],
      successRedirectUrl: null,
      successMessage: null,
      allowedOrigins: [],
      storeSubmissions: false,
      active: true,
    });
  }
  return agreements;
};

/** JSON-safe bindings: dates keep their type so the runner can bind them the way knex would. */
const serialiseBinding = (b) => (b instanceof Date ? { $date: b.toISOString() } : Buffer.isBuffer(b) ? { $hex: b.toString('hex') } : b);

(async () => {
  const strapi = createStrapi({ appDir: APP, distDir: APP });
  await strapi.load();
  const agreements = await ensureFixtures(strapi);

  // Each statement with the time from its start to its answer (ms; in a transaction too: knex passes a
  // transaction's events on to its instance).
  let recording = null;
  let withBindings = true;
  let seen = new Set();
  let started = new Map();
  // Statements sent since start, always counted (P1: statements per request of each route).
  let statementCount = 0;
  strapi.db.connection.on('query', (q) => {
    statementCount += 1;
    if (!recording) return;
    // Without bindings, each distinct statement still keeps those of its first run (to explain it).
    const keep = withBindings || !seen.has(q.sql);
    if (!withBindings) seen.add(q.sql);
    const entry = { sql: q.sql, bindings: keep ? (q.bindings || []).map(serialiseBinding) : null, method: q.method, ms: null };
    recording.push(entry);
    if (q.__knexQueryUid) started.set(q.__knexQueryUid, { entry, t: process.hrtime.bigint() });
  });
  const answered = (_res, q) => {
    const s = q && started.get(q.__knexQueryUid);
    if (!s) return;
    started.delete(q.__knexQueryUid);
    s.entry.ms = Number(process.hrtime.bigint() - s.t) / 1e6;
  };
  strapi.db.connection.on('query-response', answered);
  strapi.db.connection.on('query-error', (_e, q) => answered(null, q));
  const local = (ctx) => ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(ctx.request.socket.remoteAddress);
  strapi.server.router.post('/__bench/sql/start', (ctx) => {
    if (!local(ctx)) return ctx.throw(404);
    recording = [];
    started = new Map();
    // ?bindings=0: statements and times only (a long run binds many thousands of ids).
    withBindings = ctx.query.bindings !== '0';
    seen = new Set();
    ctx.status = 204;
  });
  strapi.server.router.get('/__bench/sql/count', (ctx) => {
    if (!local(ctx)) return ctx.throw(404);
    ctx.body = { statements: statementCount };
  });
  strapi.server.router.post('/__bench/sql/stop', (ctx) => {
    if (!local(ctx)) return ctx.throw(404);
    ctx.body = { queries: recording || [] };
    recording = null;
  });

  // Memory of this process (P3): with ?gc=1 a full collection runs first (the runner starts the app
  // with --expose-gc), which tells retained memory from garbage not yet collected.
  strapi.server.router.get('/__bench/memory', (ctx) => {
    if (!local(ctx)) return ctx.throw(404);
    if (ctx.query.gc === '1' && typeof global.gc === 'function') global.gc();
    ctx.body = process.memoryUsage();
  });

  // A webhook to a receiver of the runner (P7). Through the webhook store itself: Settings → Webhooks'
  // API refuses a loopback URL in production.
  strapi.server.router.post('/__bench/webhook', async (ctx) => {
    if (!local(ctx)) return ctx.throw(404);
    // Parsed by Strapi's body middleware, which runs before these routes.
    const body = ctx.request.body || {};
    const hook = await strapi.get('webhookStore').createWebhook({ name: 'bench receiver', url: body.url, headers: {}, events: body.events, isEnabled: true });
    ctx.body = { data: hook };
  });

  // CPU profiles of one phase (`node bench/run.js --profile`): written to BENCH_PROFILE_DIR.
  let profiler = null;
  strapi.server.router.post('/__bench/profile/start', async (ctx) => {
    if (!local(ctx) || !process.env.BENCH_PROFILE_DIR) return ctx.throw(404);
    const inspector = require('inspector');
    profiler = new inspector.Session();
    profiler.connect();
    const post = (m, p) => new Promise((res, rej) => profiler.post(m, p || {}, (e, r) => (e ? rej(e) : res(r))));
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 500 });
    await post('Profiler.start');
    profiler.postAsync = post;
    ctx.status = 204;
  });
  strapi.server.router.post('/__bench/profile/stop', async (ctx) => {
    if (!local(ctx) || !profiler) return ctx.throw(404);
    const { profile } = await profiler.postAsync('Profiler.stop');
    profiler.disconnect();
    profiler = null;
    const name = String(ctx.query.name || 'profile').replace(/[^a-zA-Z0-9_-]/g, '_');
    const file = path.join(process.env.BENCH_PROFILE_DIR, `${name}.cpuprofile`);
    require('fs').mkdirSync(process.env.BENCH_PROFILE_DIR, { recursive: true });
    require('fs').writeFileSync(file, JSON.stringify(profile));
    ctx.body = { file };
  });

  await strapi.server.mount();
  const port = Number(process.env.PORT);
  await new Promise((resolve) => strapi.server.httpServer.listen(port, '127.0.0.1', resolve));
  process.stdout.write(`ready ${JSON.stringify({ port, pid: process.pid, versionId: agreements[0].versionId, agreements })}\n`);
  exitOnStop(() => strapi.destroy());
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
