import type { Core } from '@strapi/strapi';
import { logQuery } from './query';
import { listLog } from './list';
import { recordDetail } from './detail';
import { logExports } from './export';
import { consentProof } from './proof';

/**
 * The consent log as admins read it: a page of records (list), one record (detail), the CSV export and
 * the list of past exports. Each lives in its own module; they share the filters and tables of query.ts.
 */
const log = ({ strapi }: { strapi: Core.Strapi }) => {
  const q = logQuery(strapi);
  return {
    list: listLog(strapi, q),
    detail: recordDetail(strapi, q),
    proof: consentProof(strapi, q),
    ...logExports(strapi, q),
  };
};

export default log;
