import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { getService } from '../utils';
import { parseId, pagingSchema, z, parse, parseBody } from '../validation/common';
import { LookUpSubject, RunRetention } from '../../../shared/contracts/subjects';
import { validateSubjectBody, validatePreviewBody, validateErasureBody } from '../validation/subject';
import { renderErasureActPdf, renderSubjectExportPdf } from '../documents/pdf';
import { adminLangOf } from '../utils/admin-lang';

const langOf = (ctx: Context): 'ru' | 'en' => {
  const asked = String(ctx.query?.lang ?? '').toLowerCase();
  return adminLangOf(ctx, asked === 'ru' || asked === 'en' ? asked : null);
};

/** The admin who acts, as an act of destruction names them. */
const adminOf = (ctx: Context) => {
  const u = ctx.state.user;
  if (!u) return null;
  const name = [u.firstname, u.lastname].filter(Boolean).join(' ') || u.username || null;
  return { id: u.id ?? null, name, email: u.email ?? null };
};

const controller = ({ strapi }: { strapi: Core.Strapi }) => {
  const subjects = () => getService('subject', strapi);

  return {
    /** The same look-up with the identifier in the body: personal data stays out of URLs and logs. */
    async lookup(ctx: Context) {
      ctx.body = { data: await subjects().lookup(validateSubjectBody(ctx.request.body)) };
    },

    async preview(ctx: Context) {
      ctx.body = { data: await getService('erasure', strapi).preview(validatePreviewBody(ctx.request.body) as any) };
    },

    async erase(ctx: Context) {
      const { reason, note, ...identifier } = validateErasureBody(ctx.request.body);
      const kind = identifier.email ? 'email' : identifier.phone ? 'phone' : identifier.externalId ? 'externalId' : 'receipt';
      const result = await getService('erasure', strapi).erase(identifier as any, { kind, reason, note: note ?? null, by: adminOf(ctx) });
      if (!result) throw new errors.NotFoundError('No personal data matches.', { code: 'not-found', params: { entity: 'subject' } });
      ctx.status = 201;
      ctx.body = { data: result };
    },

    /** Everything held about a person (152-FZ art. 14, GDPR art. 15), as JSON or as a PDF. */
    async export(ctx: Context) {
      const { format } = parse(LookUpSubject.exportQuery, ctx.query ?? {});
      const report = await subjects().report(validateSubjectBody(ctx.request.body));
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
      parseBody(RunRetention.body, ctx.request.body ?? {});
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
