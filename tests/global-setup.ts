/**
 * Jest's global setup for the API tests: boots the playground once on a fresh database, whose copy each
 * test file then starts from (tests/helpers/db.ts). UC_TEST_TEMPLATE=off gives every file an empty
 * database instead (each boot then creates Strapi's tables itself).
 */
import { TEMPLATE_ENV } from './helpers/db';
import { bootTemplate } from './helpers/strapi';

export default async () => {
  if (process.env[TEMPLATE_ENV] === 'off') {
    delete process.env[TEMPLATE_ENV];
    return;
  }
  const t0 = Date.now();
  const db = await bootTemplate();
  process.env[TEMPLATE_ENV] = db.name;
  (globalThis as any).__ucTemplate = db;
  if (process.env.UC_TEST_TIMING) console.log(`[global-setup] template ${db.client} database ready after ${Date.now() - t0} ms`);
};
