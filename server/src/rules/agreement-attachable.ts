import type { Core } from '@strapi/strapi';
import { UIDS } from '../pluginId';
import type { AgreementRow } from '../types';
import type { FormAgreement } from '../../../shared/contracts/forms';
import { fieldRefusal } from './errors';

export type AttachableAgreement = Pick<AgreementRow, 'id' | 'name' | 'active' | 'template' | 'currentVersionId'>;

export const agreementNotAttachable = (index: number, message: string) =>
  fieldRefusal('agreement-not-attachable', ['agreements', String(index), 'agreementId'], message);

/**
 * Rule agreement-not-attachable: an attached agreement exists and is active; one that was attached
 * before and deactivated since may stay (the public route skips it). Returns the agreements by id.
 */
export const assertAgreementsAttachable = async (strapi: Core.Strapi, list: FormAgreement[], alreadyAttached: number[] = []) => {
  const byId = new Map<number, AttachableAgreement>();
  if (!list.length) return byId;
  const rows = (await strapi.db.query(UIDS.agreement).findMany({
    where: { id: { $in: list.map((a) => a.agreementId) } },
    select: ['id', 'name', 'active', 'template', 'currentVersionId'],
  })) as AttachableAgreement[];
  for (const r of rows) byId.set(r.id, r);
  list.forEach((a, i) => {
    const row = byId.get(a.agreementId);
    if (!row) throw agreementNotAttachable(i, `no agreement with id ${a.agreementId}`);
    if (!row.active && !alreadyAttached.includes(a.agreementId)) {
      throw agreementNotAttachable(i, `agreement "${row.name}" is inactive and cannot be attached`);
    }
  });
  return byId;
};
