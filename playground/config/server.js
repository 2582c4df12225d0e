'use strict';

// Demo-only fallbacks so that `npm run demo` and the tests work on a fresh clone without a .env file.
// A real deployment sets APP_KEYS and the other secrets in its environment.
module.exports = ({ env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  app: {
    keys: env.array('APP_KEYS', ['demoKeyOnlyA', 'demoKeyOnlyB']),
  },
  // Behind a reverse proxy set PROXY=true so that ctx.request.ip is the client's address
  // (X-Forwarded-For); the consent log records exactly that.
  proxy: { koa: env.bool('PROXY', false) },
  // Strapi runs scheduled jobs only when this is on: the consent plugin's retention job is one.
  cron: { enabled: env.bool('CRON_ENABLED', true) },
});
