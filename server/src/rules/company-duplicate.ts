import type { Core } from '@strapi/strapi';
import { UIDS } from '../pluginId';
import { confirmable } from './errors';
import { IDENTIFYING_NUMBERS, REQUISITE_CHECKS } from '../../../shared/contracts/requisites';
import type { DuplicateRegistration } from '../../../shared/contracts/companies';

export const duplicateRegistration = (params: DuplicateRegistration) =>
  confirmable(
    'duplicate-registration',
    `Another company has the same ${params.fields.map((f) => REQUISITE_CHECKS[f].label).join(', ')}: ${params.companies.map((c) => c.name).join(', ')}. ` +
      'Send confirmDuplicate: true to save it all the same.',
    params as unknown as Record<string, unknown>
  );

/**
 * Rule duplicate-registration: two companies with one INN, OGRN, UNP or BIN are most likely one company
 * entered twice, so the editor is warned; a branch or a deliberate copy is saved once the editor confirms.
 * `numbers`: the company's numbers after the change (compact); `exceptId`: the company being updated.
 */
export const assertNoDuplicateRegistration = async (
  strapi: Core.Strapi,
  numbers: Partial<Record<(typeof IDENTIFYING_NUMBERS)[number], string | null | undefined>>,
  exceptId?: number
) => {
  const filled = IDENTIFYING_NUMBERS.filter((f) => numbers[f]);
  if (!filled.length) return;
  const where: Record<string, unknown> = { $or: filled.map((f) => ({ [f]: numbers[f] })) };
  if (exceptId !== undefined) where.id = { $ne: exceptId };
  const others = (await strapi.db.query(UIDS.company).findMany({ where, select: ['id', 'name', ...filled], orderBy: { id: 'asc' }, limit: 10 })) as Array<
    Record<string, unknown> & { id: number; name: string }
  >;
  if (!others.length) return;
  const fields = filled.filter((f) => others.some((o) => o[f] === numbers[f]));
  throw duplicateRegistration({ fields, companies: others.map((o) => ({ id: o.id, name: o.name })) });
};
