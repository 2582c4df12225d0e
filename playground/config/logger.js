'use strict';

// LOG_LEVEL lets the tests keep Strapi quiet; the default is Strapi's own (http: one line per request).
// Everything else stays Strapi's default console logger.
module.exports = ({ env }) => ({
  level: env('LOG_LEVEL', 'http'),
});
