import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { UIDS } from '../pluginId';
import { getService } from '../utils';
import { parseId, pagingSchema, z, parse } from '../validation/common';
import { validateSubjectBody, validatePreviewBody, validateErasureBody } from '../validation/subject';
import type { SubjectExport } from '../../../shared/contracts/personal';
import { renderErasureActPdf, renderSubjectExportPdf } from '../documents/pdf';

type Row = Record<string, any>;

const EVENT_FIELDS = ['id', 'seq', 'action', 'agreementId', 'versionId', 'versionNumber', 'formKey', 'pageUrl', 'behaviour', 'prechecked', 'fullTextOpened', 'receiptId', 'withdrawsId', 'channel', 'recordedBy', 'personalId', 'ipPolicy', 'recordedAt', 'hash'];

const langOf = (ctx: Context): 'ru' | 'en' => {
  const asked = String(ctx.query?.lang ?? '').toLowerCase();
  if (asked === 'ru' || asked === 'en') return asked;
  return /^ru\b/i.test(String(ctx.request.get?.('accept-language') ?? '')) ? 'ru' : 'en';
};

/** The admin who acts, as an act of destruction names them. */
const adminOf = (ctx: Context) => {
  const u = ctx.state.user;
  if (!u) return null;
  const name = [u.firstname, u.lastname].filter(Boolean).join(' ') || u.username || null;
  return { id: u.id ?? null, name, email: u.email ?? null };
};

const controller = ({ strapi }: { strapi: Core.Strapi }) => {
  /** Every event of one person (found through the personal store), with what each record holds. */
  const eventsOf = async (by: { email?: string; phone?: string }) => {
    const people = getService('personal', strapi);
    const ids = await people.idsOf(by);
    if (!ids.length) return { events: [] as Row[], current: [] as Row[] };
    const records = await people.byIds(ids);
    const events: Row[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      events.push(...(await strapi.db.query(UIDS.consent).findMany({ where: { personalId: { $in: ids.slice(i, i + 500) } }, orderBy: { seq: 'asc' }, select: EVENT_FIELDS })));
    }
    events.sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
    const withPersonal: Row[] = events.map((e) => {
      const p = records.get(Number(e.personalId));
      return { ...e, seq: String(e.seq), subject: p?.subject ?? null, ip: p?.ip ?? null, userAgent: p?.userAgent ?? null, note: p?.note ?? null, data: p?.data ?? null, pageQuery: p?.pageQuery ?? null, erased: !p };
    });
    // The state of a consent to an agreement is derived from its events, latest last.
    const state = new Map<number, { agreement: number; state: string; since: string; version: number; event: number }>();
    for (const e of withPersonal) {
      state.set(e.agreementId, { agreement: e.agreementId, state: e.action, since: new Date(e.recordedAt).toISOString(), version: e.versionId, event: e.id });
    }
    return { events: withPersonal, current: [...state.values()] };
  };

  return {
    /** The same look-up with the identifier in the body: personal data stays out of URLs and logs. */
    async lookup(ctx: Context) {
      ctx.body = { data: await eventsOf(validateSubjectBody(ctx.request.body)) };
    },

    async preview(ctx: Context) {
      ctx.body = { data: await getService('erasure', strapi).preview(validatePreviewBody(ctx.request.body) as any) };
    },

    async erase(ctx: Context) {
      const { reason, note, ...identifier } = validateErasureBody(ctx.request.body);
      const kind = identifier.email ? 'email' : identifier.phone ? 'phone' : 'receipt';
      const result = await getService('erasure', strapi).erase(identifier as any, { kind, reason, note: note ?? null, by: adminOf(ctx) });
      if (!result) throw new errors.NotFoundError('No personal data matches.');
      ctx.status = 201;
      ctx.body = { data: result };
    },

    /** Everything held about a person (152-FZ art. 14, GDPR art. 15), as JSON or as a PDF. */
    async export(ctx: Context) {
      const format = String(ctx.query?.format ?? 'json');
      if (format !== 'json' && format !== 'pdf') throw new errors.ValidationError('format must be json or pdf');
      const by = validateSubjectBody(ctx.request.body);
      const { events, current } = await eventsOf(by);
      if (!events.length) throw new errors.NotFoundError('No personal data matches.');
      const agreementIds = [...new Set(events.map((e) => e.agreementId).filter(Boolean))];
      const versionIds = [...new Set(events.map((e) => e.versionId).filter(Boolean))];
      const [agreements, versions] = await Promise.all([
        strapi.db.query(UIDS.agreement).findMany({ where: { id: { $in: agreementIds } }, select: ['id', 'name'] }),
        strapi.db.query(UIDS.agreementVersion).findMany({ where: { id: { $in: versionIds } }, select: ['id', 'agreementId', 'number', 'language', 'hash', 'text'] }),
      ]);
      const nameOf = (id: unknown) => agreements.find((a: Row) => a.id === id)?.name ?? null;
      const report: SubjectExport = {
        generatedAt: new Date().toISOString(),
        identifier: by.email ? { kind: 'email', value: by.email } : { kind: 'phone', value: by.phone! },
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
        })),
        current: current.map((c) => ({ agreement: c.agreement, agreementName: nameOf(c.agreement), state: c.state, since: c.since })),
        texts: versions.map((v: Row) => ({ versionId: v.id, agreementName: nameOf(v.agreementId), number: v.number, language: v.language, hash: v.hash, text: v.text ?? '' })),
        operators: await getService('erasure', strapi).operatorsOf(agreementIds as number[]),
      };
      ctx.set('Cache-Control', 'no-store');
      const stamp = report.generatedAt.slice(0, 10);
      if (format === 'json') {
        ctx.set('Content-Disposition', `attachment; filename="subject-export-${stamp}.json"`);
        ctx.body = { data: report };
        return;
      }
      ctx.set('Content-Disposition', `attachment; filename="subject-export-${stamp}.pdf"`);
      ctx.type = 'application/pdf';
      ctx.body = await renderSubjectExportPdf(report, langOf(ctx));
    },

    /** Runs the retention job now (what the schedule would do); answers what it erased. */
    async retention(ctx: Context) {
      parse(z.strictObject({}), ctx.request.body ?? {});
      ctx.body = { data: await getService('retention', strapi).run() };
    },

    async erasures(ctx: Context) {
      ctx.body = await getService('erasure', strapi).list(parse(z.object(pagingSchema), ctx.query ?? {}));
    },

    async erasure(ctx: Context) {
      ctx.body = { data: await getService('erasure', strapi).get(parseId(ctx.params.id)) };
    },

    /** The act of destruction as a PDF, in the admin's language. */
    async act(ctx: Context) {
      const act = await getService('erasure', strapi).get(parseId(ctx.params.id));
      const lang = langOf(ctx);
      ctx.set('Content-Disposition', `attachment; filename="erasure-act-${act.id}-${lang}.pdf"`);
      ctx.set('Cache-Control', 'no-store');
      ctx.type = 'application/pdf';
      ctx.body = await renderErasureActPdf(act, lang);
    },
  };
};

export default controller;
