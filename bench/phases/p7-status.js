'use strict';

// P7 integrations on the loaded log: the status API (POST /api/user-consent/status/query with a
// custom API token holding its action, a different loaded subject per request) against the
// no-database floor route of the same app (and, for context, that floor behind the same token); then the webhook lag, commit to delivery, during capture
// load: a webhook subscribed to `user-consent.given` points at a receiver in this process, and every
// capture's event is timed from its recordedAt to its first arrival.
const http = require('http');
const { CFG } = require('../lib/options');
const { freePort } = require('../lib/processes');
const { request, expectStatus } = require('../lib/http');
const { pgBackends } = require('../lib/databases');
const { load, measureRoutes } = require('../lib/load');
const { subjectOf } = require('./load');
const { log, round, sleep, p95, median } = require('../lib/util');

const STATUS_ACTION = 'plugin::user-consent.status.query';

/** A receiver that records the first arrival of each delivery (by X-User-Consent-Delivery). */
const startReceiver = async () => {
  const first = new Map();
  let posts = 0;
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      posts += 1;
      const id = req.headers['x-user-consent-delivery'];
      if (id && !first.has(id)) {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          first.set(id, { at, recordedAt: Date.parse(body.consent.recordedAt), event: body.event });
        } catch {
          first.set(id, { at, recordedAt: NaN, event: null });
        }
      }
      res.writeHead(204).end();
    });
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/hook`,
    first,
    get posts() {
      return posts;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
};

const runP7 = async (ctx, loaded) => {
  const { app, db, token } = ctx;
  log(`P7 status API and webhook lag on ${db.client}: ${loaded.rows.toLocaleString('en')} events loaded`);

  // A custom API token holding only the status action (Settings → API Tokens).
  const key = expectStatus(
    await request('POST', `${app.url}/admin/api-tokens`, { token, json: { name: 'bench status', type: 'custom', lifespan: null, permissions: [STATUS_ACTION, 'api::floor.floor.accept'] } }),
    [201],
    'API token'
  ).data.accessKey;
  const auth = { authorization: `Bearer ${key}` };
  const pick = () => subjectOf(Math.floor(Math.random() * loaded.captures)).email;
  for (let i = 0; i < 5; i += 1) {
    const t = Date.now();
    const one = await request('POST', `${app.url}/api/user-consent/status/query`, { headers: auth, json: { email: pick() } });
    expectStatus(one, [200], 'status query');
    if (i === 4) log(`  one status query: ${Date.now() - t} ms, ${one.body.data.length} agreement(s)`);
  }
  expectStatus(await request('POST', `${app.url}/api/user-consent/status/query`, { json: { email: pick() } }), [401, 403], 'status without a token');
  expectStatus(await request('POST', `${app.url}/api/floor/token`, { headers: auth, json: {} }), [201], 'token floor');

  const dbPids = db.client === 'postgres' ? pgBackends(db) : null;
  const c = CFG.connections;
  const r = await measureRoutes(
    [
      {
        key: 'status',
        targets: [{ url: `${app.url}/api/user-consent/status/query`, connections: c }],
        headers: auth,
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ email: pick() }) }),
        pids: [app.pid],
        profile: { app, name: 'P7-status' },
        dbPids,
        app,
      },
      {
        key: 'token_floor',
        targets: [{ url: `${app.url}/api/floor/token`, connections: c }],
        headers: auth,
        body: JSON.stringify({ email: pick() }),
        pids: [app.pid],
        dbPids,
        app,
      },
      {
        key: 'floor',
        targets: [{ url: `${app.url}/api/floor`, connections: c }],
        body: JSON.stringify({ email: pick() }),
        pids: [app.pid],
        profile: { app, name: 'P7-floor' },
        dbPids,
      },
    ],
    CFG.rounds
  );

  // Webhook lag under capture load.
  const rx = await startReceiver();
  const hook = expectStatus(
    await request('POST', `${app.url}/__bench/webhook`, { json: { url: rx.url, events: ['user-consent.given'] } }),
    [200],
    'webhook'
  ).data;
  let lag;
  try {
    await sleep(300);
    const t0 = Date.now();
    const res = await load([{ url: `${app.url}/api/user-consent/forms/bench/consents`, connections: c }], { body: ctx.captureBody, duration: CFG.duration });
    const captured = res.requests - res.non2xx - res.errors - res.timeouts;
    // Every capture of the run gives one `given` event: wait for all of them (or 30 s).
    const deadline = Date.now() + 30_000;
    const arrivedSince = () => [...rx.first.values()].filter((f) => f.recordedAt >= t0).length;
    while (arrivedSince() < captured && Date.now() < deadline) await sleep(100);
    const lags = [...rx.first.values()].filter((f) => f.recordedAt >= t0).map((f) => f.at - f.recordedAt);
    lag = {
      capture_rps: round(res.rps, 1),
      captured,
      delivered: lags.length,
      posts: rx.posts,
      p50: round(median(lags), 1),
      p95: round(p95(lags), 1),
      max: round(Math.max(...lags), 1),
    };
    log(`  webhook: ${lag.delivered}/${captured} given events delivered during ${CFG.duration}s of capture load (${lag.capture_rps} req/s); lag p50 ${lag.p50} ms, p95 ${lag.p95} ms, max ${lag.max} ms; ${lag.posts} POSTs`);
  } finally {
    await request('DELETE', `${app.url}/admin/webhooks/${hook.id}`, { token }).catch(() => undefined);
    await rx.close();
  }

  const out = {
    status_ratio_floor: round(r.status.rps / r.floor.rps),
    status_rps: round(r.status.rps, 1),
    // For context: the floor route behind the same API token (Strapi's token check, no handler work).
    token_floor_rps: round(r.token_floor.rps, 1),
    status_ratio_token_floor: round(r.status.rps / r.token_floor.rps),
    floor_rps: round(r.floor.rps, 1),
    status_p99_ms: round(r.status.p99_ms, 1),
    status_non2xx: r.status.non2xx,
    cpu_ms_per_req: { status: round(r.status.cpu_ms_per_req, 2), token_floor: round(r.token_floor.cpu_ms_per_req, 2), floor: round(r.floor.cpu_ms_per_req, 2) },
    statements_per_req: { status: round(r.status.statements_per_req, 2), token_floor: round(r.token_floor.statements_per_req, 2) },
    db_cpu_ms_per_req: dbPids ? { status: round(r.status.db_cpu_ms_per_req, 2), token_floor: round(r.token_floor.db_cpu_ms_per_req, 2), floor: round(r.floor.db_cpu_ms_per_req, 2) } : null,
    capture_rps: lag.capture_rps,
    captured: lag.captured,
    delivered: lag.delivered,
    webhook_posts: lag.posts,
    webhook_lag_p50_ms: lag.p50,
    webhook_lag_p95_ms: lag.p95,
    webhook_lag_max_ms: lag.max,
  };
  if (out.status_non2xx) log(`  status non-2xx: ${out.status_non2xx}  <-- NOT ZERO`);
  return out;
};

module.exports = { runP7 };
