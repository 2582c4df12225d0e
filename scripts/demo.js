#!/usr/bin/env node
'use strict';

// `npm run demo`: builds what is missing, then starts the playground on SQLite with demo data.
const { buildPlugin, compilePlayground, buildAdmin, startApp } = require('./lib');

const main = () => {
  buildPlugin();
  compilePlayground();
  buildAdmin();
  const port = process.env.PORT || '1337';
  console.log(`\n[demo] starting the playground on http://localhost:${port} (admin: http://localhost:${port}/admin)`);
  console.log('[demo] demo admin: admin@example.com / Admin-Demo-1 (demo only; never use on a real site)');
  console.log(`[demo] mail the app sends is caught locally (SMTP on port ${process.env.SMTP_PORT || 1025}) and listed at http://localhost:${port}/demo/mail\n`);
  const child = startApp({ USER_CONSENT_DEMO: 'true', PORT: port });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
};

main();
