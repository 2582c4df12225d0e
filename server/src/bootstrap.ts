import type { Core } from '@strapi/strapi';
import { actionDefinitions } from './permissions';
import { getService } from './utils';
import { installTriggers } from './guards/triggers';
import { ensurePageUrlSearch } from './events/page-urls';
import { UIDS } from './pluginId';
import { keyRing } from './signing/keys';
import { openReplica } from './events/replica';

/** What a public form is made of: a write to any of them clears the public form cache. */
const FORM_SOURCES = [UIDS.form, UIDS.agreement, UIDS.agreementVersion, UIDS.company];
const WRITES = ['afterCreate', 'afterCreateMany', 'afterUpdate', 'afterUpdateMany', 'afterDelete', 'afterDeleteMany'];

/** A job on Strapi's cron at the rule of a config key (none when it is false); it logs what it did, or its failure. */
const schedule = (strapi: Core.Strapi, name: string, configKey: 'retentionCron' | 'expiryCron' | 'checkpoints.cron', task: () => Promise<string | null>) => {
  const rule = strapi.config.get(`plugin::user-consent.${configKey}`) as string | false;
  if (!rule) return;
  strapi.cron.add({
    [`user-consent-${name}`]: {
      task: async () => {
        try {
          const done = await task();
          if (done) strapi.log.info(`user-consent: ${name} ${done}`);
        } catch (e) {
          strapi.log.error(`user-consent: ${name} run failed: ${(e as Error).message}`);
        }
      },
      options: { rule },
    },
  });
};

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(actionDefinitions);
  await getService('chain', strapi).ensureIndexes();
  await getService('chain', strapi).ensureHead();
  await getService('personal', strapi).ensureIndexes();
  await getService('export-ticket', strapi).ensureTable();
  await getService('webhooks', strapi).ensureTable();
  await getService('checkpoints', strapi).ensureTable();
  await installTriggers(strapi);
  await ensurePageUrlSearch(strapi);
  openReplica(strapi);
  if (!(await keyRing(strapi)).active) {
    strapi.log.warn('user-consent: no signing key is configured (plugin config `signing.keys`): receipts and chain checkpoints are not signed');
  } else {
    // The first checkpoint, at the first start (several processes starting together store one).
    try {
      await getService('checkpoints', strapi).sign('startup');
    } catch (e) {
      strapi.log.error(`user-consent: the start-up checkpoint could not be signed: ${(e as Error).message}`);
    }
    // A checkpoint on the schedule whenever the chain moved since the latest one.
    schedule(strapi, 'checkpoint', 'checkpoints.cron', async () => {
      const { checkpoint, created } = await getService('checkpoints', strapi).sign('schedule');
      return created ? `signed checkpoint No. ${checkpoint.number} of the chain at position ${checkpoint.seq}` : null;
    });
  }
  // Retention and expiry on Strapi's cron (it runs the jobs when the app enables cron). Several
  // processes may all run them: batches are re-checked under the chain lock, so nothing is done twice.
  schedule(strapi, 'retention', 'retentionCron', async () => {
    const run = await getService('retention', strapi).run();
    return run.records ? `erased ${run.records} personal record(s) of ${run.events} consent event(s) in ${run.batches} act(s)` : null;
  });
  schedule(strapi, 'expiry', 'expiryCron', async () => {
    const run = await getService('expiry', strapi).run();
    return run.expired ? `recorded the expiry of ${run.expired} consent(s)` : null;
  });
  const clear = () => getService('form', strapi).clearPublicCache();
  strapi.db.lifecycles.subscribe({
    models: FORM_SOURCES,
    ...Object.fromEntries(WRITES.map((event) => [event, clear])),
  });
  // Delivers the outbox, including what an earlier run of this or another process left undelivered.
  await getService('webhooks', strapi).start();
};

export default bootstrap;
