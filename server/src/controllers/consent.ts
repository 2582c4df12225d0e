import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UIDS } from '../pluginId';
import { getService } from '../utils';
import { parseId } from '../validation/common';
import { validateSubjectQuery, validateAdminWithdrawal } from '../validation/subject';
import { emailHash, phoneHash } from '../utils/subject';
import { hideFromRequestLog } from '../utils/log-safe';

const PERSONAL_QUERY = ['ip', 'subject', 'email', 'phone'];
import { validateLogQuery, validateExportQuery } from '../validation/log';
import { actionId } from '../permissions';
import { pagingSchema, z, parse } from '../validation/common';

/** Whether the signed-in admin holds the personal-data action (IP, user agent, what a client typed). */
const canSeePersonalData = (ctx: any) => Boolean(ctx.state.userAbility?.can(actionId('personalData')));

type Row = Record<string, any>;

const controller = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: any) {
    const query = validateLogQuery(ctx.query);
    hideFromRequestLog(ctx, PERSONAL_QUERY);
    ctx.body = await getService('log', strapi).list(query, { personal: canSeePersonalData(ctx) });
  },

  async findOne(ctx: any) {
    ctx.body = { data: await getService('log', strapi).detail(parseId(ctx.params.id), { personal: canSeePersonalData(ctx) }) };
  },

  async export(ctx: any) {
    const filter = validateExportQuery(ctx.query);
    hideFromRequestLog(ctx, PERSONAL_QUERY);
    const user = ctx.state.user ?? {};
    const { stream, exportId } = await getService('log', strapi).exportCsv(filter, { id: user.id ?? null, email: user.email ?? null }, { personal: canSeePersonalData(ctx) });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    ctx.set('Content-Disposition', `attachment; filename="consents-${stamp}.csv"`);
    ctx.set('Cache-Control', 'no-store');
    ctx.set('X-Export-Id', String(exportId));
    ctx.type = 'text/csv; charset=utf-8';
    ctx.body = stream;
  },

  async exports(ctx: any) {
    ctx.body = await getService('log', strapi).exports(parse(z.object(pagingSchema), ctx.query ?? {}), { personal: canSeePersonalData(ctx) });
  },

  /** An operator records a withdrawal received by letter or e-mail; the admin who did it is kept. */
  async withdraw(ctx: any) {
    const { note } = validateAdminWithdrawal(ctx.request.body);
    const target = await strapi.db.query(UIDS.consent).findOne({ where: { id: parseId(ctx.params.id) } });
    if (!target) throw new errors.NotFoundError('Consent record not found');
    const result = await getService('consent', strapi).withdraw(target, { channel: 'admin', note, recordedBy: ctx.state.user?.id ?? null });
    ctx.status = result.alreadyWithdrawn ? 200 : 201;
    ctx.body = { data: result };
  },

  /** Every event of one data subject, and the current state per agreement: a data-subject request. */
  async subject(ctx: any) {
    const q = validateSubjectQuery(ctx.query);
    hideFromRequestLog(ctx, PERSONAL_QUERY);
    const where = q.email ? { subjectEmailHash: emailHash(q.email) } : { subjectPhoneHash: phoneHash(q.phone) };
    const events: Row[] = await strapi.db.query(UIDS.consent).findMany({
      where,
      orderBy: { seq: 'asc' },
      select: ['id', 'seq', 'action', 'agreementId', 'versionId', 'versionNumber', 'formKey', 'subject', 'pageUrl', 'ip', 'userAgent', 'behaviour', 'prechecked', 'fullTextOpened', 'receiptId', 'withdrawsId', 'channel', 'note', 'recordedBy', 'submissionId', 'recordedAt', 'hash'],
    });
    // The state of a consent to an agreement is derived from its events, latest last.
    const state = new Map<number, { agreement: number; state: string; since: string; version: number; event: number }>();
    for (const e of events) {
      state.set(e.agreementId, { agreement: e.agreementId, state: e.action, since: new Date(e.recordedAt).toISOString(), version: e.versionId, event: e.id });
    }
    ctx.body = { data: { events, current: [...state.values()] } };
  },

  async verify(ctx: any) {
    ctx.body = { data: await getService('integrity', strapi).verify() };
  },
});

export default controller;
