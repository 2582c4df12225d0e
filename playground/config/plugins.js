'use strict';

const { repoRoot } = require('../src/paths');

module.exports = ({ env }) => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET', 'demo-users-permissions-jwt-secret'),
    },
  },
  'user-consent': {
    enabled: true,
    // The plugin lives at the repository root. An absolute path: Strapi first tries require.resolve()
    // on this value from its own folder, where a relative '..' would point inside @strapi/core.
    resolve: repoRoot,
    config: {},
  },
});
