import type { Core } from '@strapi/strapi';
import { closeStore } from './middlewares/rate-limit';

const destroy = async ({ strapi: _strapi }: { strapi: Core.Strapi }) => {
  await closeStore();
};

export default destroy;
