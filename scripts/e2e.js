#!/usr/bin/env node
'use strict';

/**
 * `npm run test:e2e`: a production admin build (`strapi build`, then `strapi start` with
 * NODE_ENV=production) on a fresh SQLite database with the demo data, driven by Debian's Chromium
 * through playwright-core. Screenshots go to artifacts/screenshots (git-ignored).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { ROOT, BIN, run, buildPlugin, compilePlayground, buildAdmin, waitForHealth, startApp } = require('./lib');

const CHROMIUM = '/usr/bin/chromium';

const ensureChromium = () => {
  if (fs.existsSync(CHROMIUM)) return;
  console.log('[e2e] installing Debian chromium');
  const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit' }).status === 0;
  if (!install()) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    if (!install()) throw new Error('could not install chromium with apt-get');
  }
};

const main = async () => {
  ensureChromium();
  // CI has built the plugin already (UC_SKIP_BUILD=1, as for `npm test`).
  if (process.env.UC_SKIP_BUILD !== '1') buildPlugin();
  compilePlayground();
  buildAdmin({ env: { NODE_ENV: 'production' } });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-e2e-'));
  const port = process.env.E2E_PORT || '1347';
  const base = `http://127.0.0.1:${port}`;
  const app = startApp(
    {
      NODE_ENV: 'production',
      PORT: port,
      HOST: '127.0.0.1',
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: path.join(dir, 'e2e.db'),
      USER_CONSENT_DEMO: 'true',
      USER_CONSENT_DEMO_CONSENTS: 'false',
      LOG_LEVEL: 'warn',
      // A mail catcher of this run's own (port beside the app's, fresh folder), so that parallel runs
      // on other ports and earlier runs' messages do not mix into /demo/mail.
      SMTP_PORT: String(Number(port) + 1000),
      MAIL_DIR: path.join(dir, 'mail'),
      ADMIN_RATE_LIMIT: 'false',
      // Webhook deliveries give up quickly, so that the Deliveries page shows a failed one to retry.
      UC_WEBHOOK_TIMEOUT_MS: '2000',
      UC_WEBHOOK_MAX_ATTEMPTS: '2',
      UC_WEBHOOK_BACKOFF_MS: '200',
      // External texts from this machine: the playground's own /demo/texts pages.
      UC_EXTERNAL_ALLOW_PRIVATE: 'true',
    },
    { stdio: 'inherit' }
  );
  let code = 1;
  try {
    await waitForHealth(base);
    const res = spawnSync(path.join(BIN, 'jest'), ['-c', 'jest.e2e.config.js', ...process.argv.slice(2)], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, E2E_BASE_URL: base, E2E_CHROMIUM: CHROMIUM },
    });
    code = res.status ?? 1;
  } finally {
    app.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.exit(code);
};

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
