import type { Core } from '@strapi/strapi';
import { UIDS } from '../pluginId';
import { conflict } from './errors';

export const companyInUse = (agreements: number) =>
  conflict(
    'company-in-use',
    `This company is used by ${agreements} agreement(s) and cannot be deleted. Point those agreements to another company first.`,
    { agreements }
  );

/** Rule company-in-use: a company whose requisites fill agreements is not deleted. */
export const assertCompanyDeletable = async (strapi: Core.Strapi, companyIds: number[]) => {
  if (!companyIds.length) return;
  const used = await strapi.db.query(UIDS.agreement).count({ where: { companyId: { $in: companyIds } } });
  if (used) throw companyInUse(used);
};
