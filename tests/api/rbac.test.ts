import { withHarness, type Harness } from '../helpers/strapi';

/**
 * Every admin route of the plugin, taken from the plugin's own route table so that a route added
 * later is covered too: anonymous → 401, a role without the route's action → 403, a role holding
 * exactly that action → not 401/403.
 */
describe('RBAC on every admin route', () => {
  let h: Harness;
  let routes: { method: string; path: string; actions: string[] }[];

  withHarness((app) => {
    h = app;
  });
  beforeAll(async () => {
    const table = (h.strapi.plugin('user-consent').routes as any).admin.routes as any[];
    // The one admin route without an admin token: a CSV download authorised by a one-time ticket that
    // only a holder of the export action can obtain (tests/api/export-download.test.ts).
    const open = table.filter((r) => r.config?.auth === false).map((r) => `${r.method} ${r.path}`);
    expect(open).toEqual(['GET /consents/export-download']);
    routes = table.filter((r) => r.config?.auth !== false).map((r) => ({
      method: r.method,
      path: r.path.replace(/:(\w+)/g, '1'),
      actions: r.config.policies.find((p: any) => p.name === 'admin::hasPermissions').config.actions,
    }));
  });

  const call = (agent: any, method: string, url: string) =>
    agent[method === 'DELETE' ? 'del' : method.toLowerCase()](url).send(method === 'GET' || method === 'DELETE' ? undefined : {});

  it('every admin route declares an action of the plugin', () => {
    expect(routes.length).toBeGreaterThan(10);
    for (const r of routes) {
      expect(r.actions.length).toBeGreaterThan(0);
      for (const a of r.actions) expect(a).toMatch(/^plugin::user-consent\./);
    }
  });

  it('guards personal data and its erasure with their own actions', () => {
    const P = 'plugin::user-consent.';
    const of = (method: string, path: string) => routes.find((r) => r.method === method && r.path === path)?.actions.slice().sort();
    const personal = [`${P}consents.personal-data`, `${P}consents.read`];
    expect({
      'POST /consents/search': of('POST', '/consents/search'),
      'POST /consents/export': of('POST', '/consents/export'),
      'POST /subjects/lookup': of('POST', '/subjects/lookup'),
      'POST /subjects/export': of('POST', '/subjects/export'),
      'POST /subjects/erasures/preview': of('POST', '/subjects/erasures/preview'),
      'POST /subjects/erasures': of('POST', '/subjects/erasures'),
      'POST /retention/run': of('POST', '/retention/run'),
      'GET /erasures': of('GET', '/erasures'),
      'GET /erasures/1': of('GET', '/erasures/1'),
      'GET /erasures/1/act': of('GET', '/erasures/1/act'),
      'GET /consents': of('GET', '/consents'),
      'GET /consents/1': of('GET', '/consents/1'),
      'POST /consents/1/withdraw': of('POST', '/consents/1/withdraw'),
      'GET /integrity': of('GET', '/integrity'),
      'GET /checkpoints/latest': of('GET', '/checkpoints/latest'),
      'POST /checkpoints': of('POST', '/checkpoints'),
      'POST /imports': of('POST', '/imports'),
      'POST /imports/one': of('POST', '/imports/one'),
    }).toEqual({
      'POST /consents/search': [`${P}consents.read`],
      'POST /consents/export': [`${P}consents.export`],
      'POST /subjects/lookup': personal,
      'POST /subjects/export': personal,
      'POST /subjects/erasures/preview': [`${P}consents.erase`],
      'POST /subjects/erasures': [`${P}consents.erase`],
      'POST /retention/run': [`${P}consents.erase`],
      'GET /erasures': [`${P}consents.read`],
      'GET /erasures/1': [`${P}consents.read`],
      'GET /erasures/1/act': [`${P}consents.read`],
      'GET /consents': [`${P}consents.read`],
      'GET /consents/1': [`${P}consents.read`],
      'POST /consents/1/withdraw': [`${P}consents.withdraw`],
      'GET /integrity': [`${P}consents.verify`],
      // A checkpoint attests the chain as it is: whoever may verify it may see and sign one.
      'GET /checkpoints/latest': [`${P}consents.verify`],
      'POST /checkpoints': [`${P}consents.verify`],
      // Importing writes consents and personal data, and stores evidence files: its own action.
      'POST /imports': [`${P}consents.import`],
      'POST /imports/one': [`${P}consents.import`],
    });
  });

  it('refuses anonymous requests with 401', async () => {
    for (const r of routes) {
      const method = r.method === 'DELETE' ? 'delete' : r.method.toLowerCase();
      const res = await (h.http() as any)[method](`/user-consent${r.path}`);
      expect([r.method, r.path, res.status]).toEqual([r.method, r.path, 401]);
    }
  });

  it('refuses a role without the action with 403, and lets a role with it through', async () => {
    const none = await h.adminWithActions([]);
    const everythingElse = new Map<string, any>();
    const holders = new Map<string, any>();
    for (const r of routes) {
      const res = await call(none, r.method, `/user-consent${r.path}`);
      expect([r.method, r.path, res.status]).toEqual([r.method, r.path, 403]);

      // A role holding all plugin actions except this route's still gets 403.
      const key = r.actions.join(',');
      if (!everythingElse.has(key)) {
        const all = (h.strapi.service('admin::permission').actionProvider.values() as any[])
          .filter((a) => a.pluginName === 'user-consent')
          .map((a) => a.actionId)
          .filter((a: string) => !r.actions.includes(a));
        everythingElse.set(key, await h.adminWithActions(all, 'others'));
      }
      const other = await call(everythingElse.get(key), r.method, `/user-consent${r.path}`);
      expect([r.method, r.path, other.status]).toEqual([r.method, r.path, 403]);

      // A route that needs several actions refuses a role holding only one of them.
      if (r.actions.length > 1) {
        for (const only of r.actions) {
          if (!holders.has(only)) holders.set(only, await h.adminWithActions([only], 'holder'));
          const partial = await call(holders.get(only), r.method, `/user-consent${r.path}`);
          expect([r.method, r.path, only, partial.status]).toEqual([r.method, r.path, only, 403]);
        }
      }

      if (!holders.has(key)) holders.set(key, await h.adminWithActions(r.actions, 'holder'));
      const ok = await call(holders.get(key), r.method, `/user-consent${r.path}`);
      expect([r.method, r.path, [401, 403].includes(ok.status)]).toEqual([r.method, r.path, false]);
    }
  });
});
