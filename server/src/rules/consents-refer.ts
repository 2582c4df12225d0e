import type { Core } from '@strapi/strapi';
import { UIDS } from '../pluginId';

/**
 * Whether any consent event names one of `values` in `field` (an agreement by id, a form by key): what
 * keeps an agreement or a form from being deleted, and a form's key from changing. False for no values.
 */
export const consentsReferTo = async (strapi: Core.Strapi, field: 'agreementId' | 'formKey', values: Array<number | string>) => {
  if (!values.length) return false;
  const used = await strapi.db.query(UIDS.consent).findOne({ where: { [field]: { $in: values } }, select: ['id'] });
  return Boolean(used);
};
