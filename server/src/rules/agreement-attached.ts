import type { Core } from '@strapi/strapi';
import { UIDS } from '../pluginId';
import type { FormRow } from '../types';
import { conflict } from './errors';

/** Forms that carry any of these agreements (forms are few: read them all). */
export const formsUsingAgreements = async (strapi: Core.Strapi, agreementIds: number[]) => {
  if (!agreementIds.length) return [];
  const all = (await strapi.db.query(UIDS.form).findMany({ select: ['id', 'key', 'agreements'] })) as Pick<FormRow, 'id' | 'key' | 'agreements'>[];
  return all.filter((f) => (f.agreements ?? []).some((a) => agreementIds.includes(a.agreementId)));
};

export const agreementAttached = (formKeys: string[]) =>
  conflict('agreement-attached', `This agreement is attached to the form(s) ${formKeys.map((k) => `"${k}"`).join(', ')}; detach it there first.`, {
    forms: formKeys,
  });

/** Rule agreement-attached: an agreement a form carries is not deleted (the form would show a gap). */
export const assertAgreementDetached = async (strapi: Core.Strapi, agreementIds: number[]) => {
  const forms = await formsUsingAgreements(strapi, agreementIds);
  if (forms.length) throw agreementAttached(forms.map((f) => f.key));
};
