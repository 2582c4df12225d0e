import type { Core } from '@strapi/strapi';
import { UIDS } from '../pluginId';
import { conflict } from './errors';

export const AGREEMENT_HAS_CONSENTS = 'This agreement has consent records and cannot be deleted; deactivate it instead.';

export const agreementHasConsents = () => conflict('agreement-has-consents', AGREEMENT_HAS_CONSENTS);

/** Rule agreement-has-consents: an agreement that consents refer to is never deleted (they prove what was agreed to). */
export const assertAgreementDeletable = async (strapi: Core.Strapi, agreementIds: number[]) => {
  if (!agreementIds.length) return;
  const used = await strapi.db.query(UIDS.consent).findOne({ where: { agreementId: { $in: agreementIds } }, select: ['id'] });
  if (used) throw agreementHasConsents();
};
