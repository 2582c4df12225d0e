'use strict';

const { seedDemo } = require('./seed');

const allowPublic = async (strapi, action) => {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  if (!(await permissions.findOne({ where: { action, role: role.id } }))) {
    await permissions.create({ data: { action, role: role.id } });
  }
};

module.exports = {
  register() {},

  async bootstrap({ strapi }) {
    // `npm run demo` sets USER_CONSENT_DEMO=true: a demo admin and demo data, idempotently.
    if (process.env.USER_CONSENT_DEMO === 'true') {
      await seedDemo(strapi);
    }
    // The benchmarks compare the capture route with Strapi's own public create of a one-field type.
    if (process.env.BENCH_PUBLIC_NOTES === 'true') {
      await allowPublic(strapi, 'api::note.note.create');
    }
  },
};
