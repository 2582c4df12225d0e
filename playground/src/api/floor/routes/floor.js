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
  ],
};
