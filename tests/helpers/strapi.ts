/**
 * Boots the playground Strapi app in-process on a fresh database and talks to it over HTTP.
 * Each test file boots it once: `withHarness` (or `withScenario`, tests/helpers/scenario.ts) in its
 * top describe block, which calls `setup()` before its tests and `teardown()` after them.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { createStrapi } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { createTestDatabase, emptyPluginData, type TestDatabase } from './db';

export const PLAYGROUND = path.resolve(__dirname, '../../playground');

export const ADMIN = {
  email: 'owner@example.com',
  password: 'Owner-Pass-1',
  firstname: 'Olga',
  lastname: 'Owner',
};

export interface Harness {
  strapi: Core.Strapi;
  db: TestDatabase;
  /** An anonymous HTTP client. */
  http: () => supertest.Agent;
  /** A logged-in super admin (the first admin registered). */
  admin: AdminAgent;
  /** Creates an admin user in a new role holding exactly the given plugin actions (none by default). */
  adminWithActions: (actions?: string[], label?: string) => Promise<AdminAgent>;
  /** The messages the app sent, as its local SMTP catcher received them (oldest first). */
  mail: () => Promise<CaughtMail[]>;
  teardown: () => Promise<void>;
}

/** One message the playground's SMTP catcher kept (playground/src/mail/catcher.js). */
export interface CaughtMail {
  file: string;
  from: string;
  to: string;
  subject: string;
  date: string | null;
  text: string;
  html: string;
}

const canListen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

/**
 * A port for the boot's SMTP catcher, which binds it a second or two later. It is taken below Linux's
 * range of ports for outgoing connections (32768 and up), so no database or HTTP client of a parallel
 * test file can be given it in the meantime; only another boot drawing the same number could.
 */
const freePort = async () => {
  for (;;) {
    const port = 10000 + Math.floor(Math.random() * 22000);
    if (await canListen(port)) return port;
  }
};

export interface AdminAgent {
  token: string;
  get: (url: string) => supertest.Test;
  post: (url: string) => supertest.Test;
  put: (url: string) => supertest.Test;
  del: (url: string) => supertest.Test;
}

const agentFor = (server: any, token: string): AdminAgent => {
  const auth = (t: supertest.Test) => t.set('Authorization', `Bearer ${token}`);
  return {
    token,
    get: (url) => auth(supertest(server).get(url)),
    post: (url) => auth(supertest(server).post(url)),
    put: (url) => auth(supertest(server).put(url)),
    del: (url) => auth(supertest(server).delete(url)),
  };
};

export const login = async (server: any, email: string, password: string): Promise<AdminAgent> => {
  const res = await supertest(server).post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return agentFor(server, res.body.data.token);
};

let counter = 0;

/**
 * Environment every test file starts from (jest runs several files in one process, so each setup
 * sets all of it). The write limit is high so that contract tests are not throttled; the rate-limit
 * tests lower it through `env`.
 */
const BASE_ENV = {
  UC_RATE_LIMIT: 'true',
  UC_RATE_LIMIT_MAX: '100000',
  UC_RATE_LIMIT_READ_MAX: '100000',
  UC_RATE_LIMIT_WINDOW_MS: '60000',
  UC_MAX_BODY_BYTES: String(64 * 1024),
  PROXY: 'false',
  // The webhook dispatcher's defaults (tests/api/webhooks.test.ts shortens them).
  UC_WEBHOOK_POLL_MS: '2000',
  UC_WEBHOOK_TIMEOUT_MS: '10000',
  UC_WEBHOOK_MAX_ATTEMPTS: '12',
  UC_WEBHOOK_BACKOFF_MS: '1000',
  UC_WEBHOOK_LEASE_MS: '60000',
  // External texts are served from this machine (the playground's /demo/texts, a test's own server).
  UC_EXTERNAL_ALLOW_PRIVATE: 'true',

  // No scheduled checkpoint in the middle of a test (tests/api/checkpoints.test.ts sets its own), no witness.
  UC_CHECKPOINT_CRON: 'false',
  UC_CHECKPOINT_WITNESS_URL: '',
};

/** Loads the playground on `db` (its environment set already); a failed boot leaves nothing behind. */
const load = async (db: TestDatabase) => {
  const strapi = createStrapi({ appDir: PLAYGROUND, distDir: PLAYGROUND });
  try {
    await strapi.load();
    return strapi;
  } catch (e) {
    // A failed boot must not leave pools and timers behind (jest would never exit).
    // Jest shows errors from another realm as "Unknown error"; print the real one.
    console.error('[setup] Strapi failed to boot:', e);
    await strapi.destroy().catch(() => {});
    await db.drop().catch(() => {});
    throw e;
  }
};

/**
 * The run's template database (jest's global setup, tests/global-setup.ts): the playground booted once
 * on a fresh database and stopped, so that Strapi has created its tables and rows; the plugin's rows and
 * triggers are then taken out again (a boot on a copy is the plugin's first start). Nothing is
 * registered in it. Returns the database; the caller's environment is left as it was.
 */
export const bootTemplate = async (): Promise<TestDatabase> => {
  const saved = { ...process.env };
  const db = await createTestDatabase({ fresh: true });
  try {
    Object.assign(process.env, BASE_ENV, { MAIL_CATCHER: 'false' }, db.env, {
      LOG_LEVEL: process.env.LOG_LEVEL || 'error',
      STRAPI_TELEMETRY_DISABLED: 'true',
      STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
    });
    const strapi = await load(db);
    await strapi.destroy();
    await emptyPluginData(db);
    return db;
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
};

export interface SetupOptions {
  /** Environment on top of the base one (a lower rate limit, a proxy in front, ...). */
  env?: Record<string, string>;
}

export const setup = async ({ env = {} }: SetupOptions = {}): Promise<Harness> => {
  const t0 = Date.now();
  // UC_TEST_TIMING=1 prints how long each part of the boot took.
  const mark = (what: string) => process.env.UC_TEST_TIMING && console.log(`[setup] ${what} after ${Date.now() - t0} ms`);
  const db = await createTestDatabase();
  mark('database created');
  // Each boot has its own SMTP catcher (the playground starts it) on a free port, keeping its mail in
  // a directory of its own.
  const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-mail-'));
  Object.assign(process.env, BASE_ENV, { SMTP_PORT: String(await freePort()), MAIL_DIR: mailDir, MAIL_CATCHER: 'true' }, env, db.env, {
    LOG_LEVEL: process.env.LOG_LEVEL || 'error',
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
    BROWSER: 'none',
  });

  const strapi = await load(db);
  mark('strapi loaded');
  // A route of the test app's own code that deletes a consent with raw SQL: only the database trigger
  // stops it, and the client must still get a clean 4xx.
  strapi.server.router.delete('/test-only/raw-delete/:id', async (ctx: any) => {
    await strapi.db.connection(strapi.db.metadata.get('plugin::user-consent.consent').tableName).where({ id: Number(ctx.params.id) }).delete();
    ctx.status = 204;
  });
  await strapi.server.mount();
  const server = strapi.server.httpServer;
  // Listen once on a free port: supertest would otherwise open a listener per request, and
  // concurrent requests would race for it.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));

  const reg = await supertest(server).post('/admin/register-admin').send(ADMIN);
  if (reg.status !== 201 && reg.status !== 200) {
    throw new Error(`register-admin failed: ${reg.status} ${JSON.stringify(reg.body)}`);
  }
  const admin = await login(server, ADMIN.email, ADMIN.password);
  mark('admin registered and logged in');

  const adminWithActions = async (actions: string[] = [], label = 'limited') => {
    counter += 1;
    const roleService = strapi.service('admin::role') as any;
    const userService = strapi.service('admin::user') as any;
    const role = await roleService.create({ name: `${label} ${counter} ${Date.now()}`, description: 'test role' });
    if (actions.length) {
      await roleService.assignPermissions(
        role.id,
        actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] }))
      );
    }
    const email = `user${counter}.${Date.now()}@example.com`;
    const password = 'Limited-Pass-1';
    await userService.create({
      firstname: 'Lim',
      lastname: `User${counter}`,
      email,
      password,
      roles: [role.id],
      isActive: true,
      registrationToken: null,
    });
    return login(server, email, password);
  };

  const teardown = async () => {
    await strapi.destroy();
    await db.drop();
    fs.rmSync(mailDir, { recursive: true, force: true });
  };

  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { readMail } = require(path.join(PLAYGROUND, 'src/mail/catcher.js'));
  const mail = (): Promise<CaughtMail[]> => readMail(mailDir);

  return { strapi, db, http: () => supertest.agent(server), admin, adminWithActions, mail, teardown };
};

export interface BlockOptions extends SetupOptions {
  /** Bounds the boot with `ready` (the configured test timeout by default). */
  timeout?: number;
  /** Runs just before the teardown: stops what `ready` started beside the harness (child processes on its database). */
  beforeTeardown?: () => Promise<unknown>;
}

/**
 * The playground for the enclosing describe block: `setup(options)` before its tests (beforeAll) and
 * `teardown()` after them (afterAll). `ready` receives the harness once it is up; hooks the block
 * declares after this call run after it.
 */
export const withHarness = (ready: (h: Harness) => unknown, { timeout, beforeTeardown, ...options }: BlockOptions = {}) => {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await setup(options);
    await ready(harness);
  }, timeout);
  afterAll(async () => {
    try {
      await beforeTeardown?.();
    } finally {
      await harness?.teardown();
    }
  });
};

/** Makes supertest collect a binary answer (a PDF, a CSV) into a Buffer as `res.body`. */
export const binary = (t: supertest.Test) =>
  t.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });
