'use strict';

// A content-API route that does no database work at all: the floor Strapi's middleware stack sets
// for any route (benchmarks compare the plugin's capture route with it).
module.exports = {
  routes: [
    {
      method: 'POST',
      path: '/floor',
      handler: 'floor.accept',
      config: { auth: false },
    },
    // The same behind an API token, authenticated as the status API is (benchmark P7): what Strapi's
    // token check costs before any handler runs.
    {
      method: 'POST',
      path: '/floor/token',
      handler: 'floor.accept',
      config: { auth: { strategies: ['content-api-token'] } },
    },
  ],
};
