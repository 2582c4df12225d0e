import type { Core } from '@strapi/strapi';
import { actionDefinitions } from './permissions';
import { getService } from './utils';
import { installTriggers } from './guards/triggers';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(actionDefinitions);
  await getService('chain', strapi).ensureIndexes();
  await getService('chain', strapi).ensureHead();
  await getService('log', strapi).ensureIndexes();
  await installTriggers(strapi);
};

export default bootstrap;
