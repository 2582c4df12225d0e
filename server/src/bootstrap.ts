import type { Core } from '@strapi/strapi';
import { actionDefinitions } from './permissions';
import { getService } from './utils';
import { installTriggers } from './guards/triggers';
import { UIDS } from './pluginId';

/** What a public form is made of: a write to any of them clears the public form cache. */
const FORM_SOURCES = [UIDS.form, UIDS.agreement, UIDS.agreementVersion, UIDS.company];
const WRITES = ['afterCreate', 'afterCreateMany', 'afterUpdate', 'afterUpdateMany', 'afterDelete', 'afterDeleteMany'];

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(actionDefinitions);
  await getService('chain', strapi).ensureIndexes();
  await getService('chain', strapi).ensureHead();
  await getService('log', strapi).ensureIndexes();
  await getService('personal', strapi).ensureIndexes();
  await getService('export-ticket', strapi).ensureTable();
  await installTriggers(strapi);
  const clear = () => getService('form', strapi).clearPublicCache();
  strapi.db.lifecycles.subscribe({
    models: FORM_SOURCES,
    ...Object.fromEntries(WRITES.map((event) => [event, clear])),
  });
};

export default bootstrap;
