import type { Core } from '@strapi/strapi';
import { registerGuards } from './guards';
import { registerSiteUsers } from './integrations/users-permissions';
import { registerApiTokenCache } from './integrations/api-tokens';
import { getService } from './utils';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // Consents and agreement versions can be neither changed nor deleted: see guards/.
  registerGuards(strapi);
  // Registration through users-permissions that requires the agreements of a form (config).
  registerSiteUsers(strapi);
  // The status API keeps the API tokens it found for a few seconds; token writes forget them.
  registerApiTokenCache(strapi);
  // The consent events, as Settings → Webhooks' API accepts them (webhooks/).
  getService('webhooks', strapi).registerEvents();
};

export default register;
