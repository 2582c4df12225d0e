import type { Core } from '@strapi/strapi';
import { consentsReferTo } from './consents-refer';
import { conflict } from './errors';

export const AGREEMENT_HAS_CONSENTS = 'This agreement has consent records and cannot be deleted; deactivate it instead.';

export const agreementHasConsents = () => conflict('agreement-has-consents', AGREEMENT_HAS_CONSENTS);

/** Rule agreement-has-consents: an agreement that consents refer to is never deleted (they prove what was agreed to). */
export const assertAgreementDeletable = async (strapi: Core.Strapi, agreementIds: number[]) => {
  if (await consentsReferTo(strapi, 'agreementId', agreementIds)) throw agreementHasConsents();
};
