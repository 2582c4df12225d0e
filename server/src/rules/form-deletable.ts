import type { Core } from '@strapi/strapi';
import { consentsReferTo } from './consents-refer';
import { conflict } from './errors';

export const FORM_HAS_CONSENTS = 'This form has consent records and cannot be deleted; deactivate it instead.';

export const formHasConsents = () => conflict('form-has-consents', FORM_HAS_CONSENTS);

/** Rule form-has-consents: a form that consents refer to (by key) is never deleted. */
export const assertFormDeletable = async (strapi: Core.Strapi, formKeys: string[]) => {
  if (await consentsReferTo(strapi, 'formKey', formKeys)) throw formHasConsents();
};
