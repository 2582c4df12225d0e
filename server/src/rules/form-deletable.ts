import type { Core } from '@strapi/strapi';
import { UIDS } from '../pluginId';
import { conflict } from './errors';

export const FORM_HAS_CONSENTS = 'This form has consent records and cannot be deleted; deactivate it instead.';

export const formHasConsents = () => conflict('form-has-consents', FORM_HAS_CONSENTS);

/** Rule form-has-consents: a form that consents refer to (by key) is never deleted. */
export const assertFormDeletable = async (strapi: Core.Strapi, formKeys: string[]) => {
  if (!formKeys.length) return;
  const used = await strapi.db.query(UIDS.consent).findOne({ where: { formKey: { $in: formKeys } }, select: ['id'] });
  if (used) throw formHasConsents();
};
