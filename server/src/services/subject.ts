import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UIDS } from '../pluginId';
import { getService } from '../utils';
import { chunks } from '../events/rows';
import type { SubjectKey } from '../events/personal';
import { currentDecisions, statesOf, type StateRow } from '../events/states';
import { isoOf } from '../events/raw-rows';
import type { SubjectExport } from '../../../shared/contracts/personal';

/**
 * A data subject's side of the log: every event of one person (found through the personal store, by
 * the hash of their e-mail or phone) with what each record holds, the state of each consent, and the
 * access report (152-FZ art. 14, GDPR art. 15) with the texts they agreed to.
 */

type Row = Record<string, any>;

const EVENT_FIELDS = ['id', 'seq', 'action', 'agreementId', 'versionId', 'versionNumber', 'formKey', 'pageUrl', 'behaviour', 'prechecked', 'fullTextOpened', 'receiptId', 'withdrawsId', 'channel', 'recordedBy', 'personalId', 'ipPolicy', 'recordedAt', 'collectedAt', 'expiresAt', 'hash'];

const subject = ({ strapi }: { strapi: Core.Strapi }) => ({
  async lookup(by: SubjectKey) {
    const people = getService('personal', strapi);
    const ids = await people.idsOf(by);
    if (!ids.length) return { events: [] as Row[], current: [] as Row[] };
    const records = await people.byIds(ids);
    const events: Row[] = [];
    for (const part of chunks(ids)) {
      events.push(...(await strapi.db.query(UIDS.consent).findMany({ where: { personalId: { $in: part } }, orderBy: { seq: 'asc' }, select: EVENT_FIELDS })));
    }
    events.sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
    const now = new Date();
    const states = await statesOf(strapi, events as StateRow[], { now, present: [...records.keys()].map(Number) });
    const withPersonal: Row[] = events.map((e) => {
      const p = records.get(Number(e.personalId));
      return {
        ...e,
        seq: String(e.seq),
        expiresAt: isoOf(e.expiresAt),
        collectedAt: isoOf(e.collectedAt),
        state: states.get(Number(e.id)) ?? null,
        subject: p?.subject ?? null,
        ip: p?.ip ?? null,
        userAgent: p?.userAgent ?? null,
        note: p?.note ?? null,
        data: p?.data ?? null,
        pageQuery: p?.pageQuery ?? null,
        erased: !p,
      };
    });
    // Per agreement: the state of the latest decision, and the event that set it.
    const current = (await currentDecisions(strapi, events as any[], { now })).map((c) => ({
      agreement: c.agreement,
      state: c.state,
      since: c.since,
      version: c.decision.versionId,
      event: c.endedBy?.id ?? c.decision.id,
    }));
    return { events: withPersonal, current };
  },

  /** Everything held about a person; 404 when nothing is. */
  async report(by: SubjectKey): Promise<SubjectExport> {
    const { events, current } = await this.lookup(by);
    if (!events.length) throw new errors.NotFoundError('No personal data matches.', { code: 'not-found', params: { entity: 'subject' } });
    const agreementIds = [...new Set(events.map((e) => e.agreementId).filter(Boolean))];
    const versionIds = [...new Set(events.map((e) => e.versionId).filter(Boolean))];
    const [agreements, versions] = await Promise.all([
      strapi.db.query(UIDS.agreement).findMany({ where: { id: { $in: agreementIds } }, select: ['id', 'name'] }),
      strapi.db.query(UIDS.agreementVersion).findMany({ where: { id: { $in: versionIds } }, select: ['id', 'agreementId', 'number', 'language', 'hash', 'text'] }),
    ]);
    const nameOf = (id: unknown) => agreements.find((a: Row) => a.id === id)?.name ?? null;
    const report: SubjectExport = {
      generatedAt: new Date().toISOString(),
      identifier: by.email ? { kind: 'email', value: by.email } : by.phone ? { kind: 'phone', value: by.phone } : { kind: 'externalId', value: by.externalId! },
      events: events.map((e) => ({
        id: e.id,
        seq: e.seq,
        recordedAt: new Date(e.recordedAt).toISOString(),
        action: e.action,
        agreementId: e.agreementId ?? null,
        agreementName: nameOf(e.agreementId),
        versionId: e.versionId ?? null,
        versionNumber: e.versionNumber ?? null,
        formKey: e.formKey ?? null,
        pageUrl: e.pageUrl ? `${e.pageUrl}${e.pageQuery ?? ''}` : null,
        channel: e.channel ?? null,
        receiptId: e.receiptId ?? null,
        ip: e.ip,
        userAgent: e.userAgent,
        subject: e.subject,
        data: e.data,
        erased: e.erased,
        expiresAt: e.expiresAt,
        collectedAt: e.collectedAt ?? null,
        state: e.state,
      })),
      current: current.map((c) => ({ agreement: c.agreement, agreementName: nameOf(c.agreement), state: c.state, since: c.since })),
      texts: versions.map((v: Row) => ({ versionId: v.id, agreementName: nameOf(v.agreementId), number: v.number, language: v.language, hash: v.hash, text: v.text ?? '' })),
      operators: await getService('erasure', strapi).operatorsOf(agreementIds as number[]),
    };
    return report;
  },
});

export default subject;
