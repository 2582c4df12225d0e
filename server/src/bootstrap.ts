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
  await getService('personal', strapi).ensureIndexes();
  await getService('export-ticket', strapi).ensureTable();
  await getService('webhooks', strapi).ensureTable();
  await installTriggers(strapi);
  // Retention on Strapi's cron (it runs the jobs when the app enables cron). Several processes may
  // all run it: batches are re-checked under the chain lock, so nothing is erased twice.
  const rule = strapi.config.get('plugin::user-consent.retentionCron') as string | false;
  if (rule) {
    strapi.cron.add({
      'user-consent-retention': {
        task: async () => {
          try {
            const run = await getService('retention', strapi).run();
            if (run.records) strapi.log.info(`user-consent: retention erased ${run.records} personal record(s) of ${run.events} consent event(s) in ${run.batches} act(s)`);
          } catch (e) {
            strapi.log.error(`user-consent: retention run failed: ${(e as Error).message}`);
          }
        },
        options: { rule },
      },
    });
  }
  const clear = () => getService('form', strapi).clearPublicCache();
  strapi.db.lifecycles.subscribe({
    models: FORM_SOURCES,
    ...Object.fromEntries(WRITES.map((event) => [event, clear])),
  });
  // Delivers the outbox, including what an earlier run of this or another process left undelivered.
  getService('webhooks', strapi).start();
};

export default bootstrap;
