import type { Core } from '@strapi/strapi';
import { UIDS } from '../pluginId';
import type { AgreementRow, FormRow } from '../types';
import { BEHAVIOURS, type Behaviour } from '../../../shared/contracts/constants';
import { advertisingBehaviourAllowed, isAdvertising } from '../../../shared/contracts/choices';
import { errors } from '@strapi/utils';
import type { RuleCode } from '../../../shared/contracts/constants';

type Attached = { agreementId: number; behaviour: Behaviour | string };
type AdvertisingFacts = Pick<AgreementRow, 'id' | 'name' | 'type' | 'template' | 'purposes'>;

/**
 * Rule advertising-not-optional (38-FZ art. 18 p.1; FAS practice): a consent to advertising the person
 * could not refuse is no consent, so a form carries an advertising agreement only as an optional,
 * unticked box. `index` is the agreement's place in the form's list (the field the admin marks).
 */
export const advertisingNotOptional = (index: number, agreement: { id: number; name?: string | null }, behaviour: string, form?: string) => {
  const message = `agreement "${agreement.name ?? agreement.id}" is a consent to advertising: it can be neither required nor pre-ticked (use "optional-unchecked")${form ? `; form "${form}" offers it as "${behaviour}"` : ''}`;
  const params = { agreement: agreement.id, behaviour, allowed: BEHAVIOURS.filter(advertisingBehaviourAllowed), ...(form ? { form } : {}) };
  const path = ['agreements', String(index), 'behaviour'];
  return new errors.ValidationError(`${path.join('.')}: ${message}`, {
    code: 'advertising-not-optional' satisfies RuleCode,
    params,
    errors: [{ path, message, name: 'ValidationError', code: 'advertising-not-optional', params }],
  });
};

/** The first attached advertising agreement whose behaviour is not allowed, checked against `byId`. */
const check = (list: Attached[], byId: Map<number, AdvertisingFacts>, form?: string) => {
  list.forEach((a, i) => {
    const row = byId.get(Number(a.agreementId));
    if (row && isAdvertising(row) && !advertisingBehaviourAllowed(a.behaviour as Behaviour)) throw advertisingNotOptional(i, row, a.behaviour, form);
  });
};

const factsOf = async (strapi: Core.Strapi, ids: number[]) => {
  const rows = (ids.length
    ? await strapi.db.query(UIDS.agreement).findMany({ where: { id: { $in: ids } }, select: ['id', 'name', 'type', 'template', 'purposes'] })
    : []) as AdvertisingFacts[];
  return new Map(rows.map((r) => [r.id, r]));
};

/** The rule for a form's list of agreements (its create or update, by any path). */
export const assertAdvertisingOptional = async (strapi: Core.Strapi, list: Attached[] | null | undefined) => {
  if (!Array.isArray(list) || !list.length) return;
  check(list, await factsOf(strapi, list.map((a) => Number(a.agreementId)).filter(Number.isFinite)));
};

/**
 * The rule for an agreement that becomes an advertising one (its template or purposes change) while
 * forms carry it: each form must already offer it as an optional, unticked box.
 */
export const assertAdvertisingAttachments = async (strapi: Core.Strapi, agreement: AdvertisingFacts) => {
  if (!isAdvertising(agreement)) return;
  const forms = (await strapi.db.query(UIDS.form).findMany({ select: ['id', 'key', 'agreements'] })) as Pick<FormRow, 'id' | 'key' | 'agreements'>[];
  for (const f of forms) check(f.agreements ?? [], new Map([[agreement.id, agreement]]), f.key);
};
