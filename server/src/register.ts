import type { Core } from '@strapi/strapi';
import { registerGuards } from './guards';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // Consents and agreement versions can be neither changed nor deleted: see guards/.
  registerGuards(strapi);
};

export default register;
