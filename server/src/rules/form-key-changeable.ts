import type { Core } from '@strapi/strapi';
import { consentsReferTo } from './consents-refer';
import { fieldRefusal } from './errors';

export const FORM_KEY_IN_USE = 'the key of a form that has consents cannot change: the consents refer to it';

export const formKeyInUse = () => fieldRefusal('form-key-in-use', ['key'], FORM_KEY_IN_USE);

/** Rule form-key-in-use: consents name their form by key, so a form that has consents keeps its key. */
export const assertFormKeyChangeable = async (strapi: Core.Strapi, currentKeys: string[], newKey: string) => {
  const changing = currentKeys.filter((k) => k !== newKey);
  if (await consentsReferTo(strapi, 'formKey', changing)) throw formKeyInUse();
};
