import type { Core } from '@strapi/strapi';

/** Drops the plugin's triggers on purpose, to show that verification still catches tampering. */
export const dropTriggers = async (strapi: Core.Strapi) => {
  const { PROTECTED, triggerNames } = require('../../server/src/guards/triggers');
  const client = strapi.db.dialect.client;
  const knex = strapi.db.connection;
  for (const { uid } of PROTECTED) {
    const table = strapi.db.metadata.get(uid).tableName;
    for (const name of triggerNames(table, client)) {
      if (client === 'postgres') await knex.raw(`DROP TRIGGER IF EXISTS ${name} ON ${table}`);
      else await knex.raw(`DROP TRIGGER IF EXISTS ${name}`);
    }
  }
};

export const reinstallTriggers = async (strapi: Core.Strapi) => {
  const { installTriggers } = require('../../server/src/guards/triggers');
  await installTriggers(strapi);
};
