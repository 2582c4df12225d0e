'use strict';

// Demo only: these credentials are printed on start and must never be used on a real site.
const DEMO_ADMIN = {
  email: 'admin@example.com',
  password: 'Admin-Demo-1',
  firstname: 'Demo',
  lastname: 'Admin',
};

const seedAdmin = async (strapi) => {
  const userService = strapi.service('admin::user');
  const existing = await userService.findOneByEmail?.(DEMO_ADMIN.email) ??
    (await strapi.db.query('admin::user').findOne({ where: { email: DEMO_ADMIN.email } }));
  if (existing) return false;
  const superAdminRole = await strapi.service('admin::role').getSuperAdmin();
  if (!superAdminRole) throw new Error('super admin role missing');
  await userService.create({
    ...DEMO_ADMIN,
    roles: [superAdminRole.id],
    isActive: true,
    registrationToken: null,
  });
  return true;
};

const seedDemo = async (strapi) => {
  const created = await seedAdmin(strapi);
  strapi.log.info(
    `[demo] admin ${created ? 'created' : 'exists'}: ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password} (demo only)`
  );
};

module.exports = { seedDemo, DEMO_ADMIN };
