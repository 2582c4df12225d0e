import { errors } from '@strapi/utils';
import { UIDS } from '../../pluginId';
import { getService } from '../../utils';
import { eventHash } from '../../events/proof';
import type { LogQueries } from './query';
import { statesOf, type StateRow } from '../../events/states';
import { isoOf } from './format';

type Row = Record<string, any>;

/**
 * One record as its page shows it: the event, its agreement and version, how it was expressed, its
 * receipt, withdrawals, its place in the chain, and the person's data (with the personal-data action).
 */
export const recordDetail = (strapi: any, { consents }: LogQueries) =>
  async (id: number, { personal }: { personal: boolean }) => {
    const row: Row | null = await consents().findOne({ where: { id } });
    if (!row) throw new errors.NotFoundError('Consent record not found', { code: 'not-found', params: { entity: 'consent' } });
    const people = getService('personal', strapi);
    const [version, agreement, withdrawals, withdraws, own] = await Promise.all([
      strapi.db.query(UIDS.agreementVersion).findOne({ where: { id: row.versionId } }),
      strapi.db.query(UIDS.agreement).findOne({ where: { id: row.agreementId }, select: ['id', 'name', 'template', 'type'] }),
      consents().findMany({ where: { withdrawsId: row.id, action: 'withdrawn' }, orderBy: { seq: 'asc' } }),
      row.withdrawsId ? consents().findOne({ where: { id: row.withdrawsId }, select: ['id', 'seq', 'action', 'receiptId', 'recordedAt'] }) : null,
      people.byId(row.personalId),
    ]);
    const theirs = personal ? await people.byIds(withdrawals.map((w: Row) => w.personalId)) : new Map<number, Row>();
    const erasure = row.personalId && !own ? await people.erasureOf(row.personalId) : null;
    const previous = BigInt(row.seq) > BigInt(1) ? await consents().findOne({ where: { seq: String(BigInt(row.seq) - BigInt(1)) }, select: ['id', 'hash'] }) : null;
    const next = await consents().findOne({ where: { seq: String(BigInt(row.seq) + BigInt(1)) }, select: ['id', 'prevHash'] });
    const { tokenHash: _t, ...visible } = row;
    const states = await statesOf(strapi, [row as StateRow], { present: own ? [Number(row.personalId)] : [] });
    // A receipt belongs to a decision (given or refused), not to a withdrawal or an erasure.
    const receipt = row.action === 'given' || row.action === 'refused' ? await getService('receipt', strapi).build(row) : null;
    return {
      record: {
        ...visible,
        seq: String(row.seq),
        expiresAt: isoOf(row.expiresAt),
        state: states.get(Number(row.id)) ?? null,
        ip: personal ? own?.ip ?? null : null,
        userAgent: personal ? own?.userAgent ?? null : null,
        subject: personal ? own?.subject ?? null : null,
        note: personal ? own?.note ?? null : null,
        pageQuery: personal ? own?.pageQuery ?? null : null,
        personal: { erased: Boolean(row.personalId && !own), erasureId: erasure?.id ?? null, erasedAt: erasure?.erasedAt ?? null },
      },
      agreement,
      version: version ? { ...version, agreement: version.agreementId } : null,
      expressed: { behaviour: row.behaviour, prechecked: Boolean(row.prechecked), fullTextOpened: Boolean(row.fullTextOpened), channel: row.channel },
      receipt: receipt && !personal ? { ...receipt, piiPrincipalId: null, principal: null } : receipt,
      withdrawals: withdrawals.map((w: Row) => {
        const p = theirs.get(Number(w.personalId));
        return { id: w.id, seq: String(w.seq), recordedAt: w.recordedAt, channel: w.channel, note: p?.note ?? null, recordedBy: w.recordedBy, receiptId: w.receiptId, ip: p?.ip ?? null };
      }),
      withdraws,
      chain: {
        seq: String(row.seq),
        hash: row.hash,
        prevHash: row.prevHash,
        ownHashValid: eventHash(row) === row.hash,
        linksToPrevious: previous ? previous.hash === row.prevHash : BigInt(row.seq) === BigInt(1),
        previousId: previous?.id ?? null,
        nextId: next?.id ?? null,
        linkedFromNext: next ? next.prevHash === row.hash : null,
      },
      submission: personal ? (own?.data ? { formKey: row.formKey, data: own.data, receivedAt: own.collectedAt } : null) : undefined,
      personalData: personal,
    };
  };
