import type { Core } from '@strapi/strapi';
import { closeStore } from './middlewares/rate-limit';
import { getService } from './utils';
import { closeReplica } from './events/replica';

const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService('webhooks', strapi).stop();
  await closeStore();
  await closeReplica(strapi);
};

export default destroy;
