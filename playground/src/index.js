'use strict';

const { seedDemo } = require('./seed');

module.exports = {
  register() {},

  async bootstrap({ strapi }) {
    // `npm run demo` sets USER_CONSENT_DEMO=true: a demo admin and demo data, idempotently.
    if (process.env.USER_CONSENT_DEMO === 'true') {
      await seedDemo(strapi);
    }
  },
};
