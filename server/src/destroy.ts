import type { Core } from '@strapi/strapi';
import { closeStore } from './middlewares/rate-limit';
import { getService } from './utils';

const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService('webhooks', strapi).stop();
  await closeStore();
};

export default destroy;
