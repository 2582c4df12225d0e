import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from '../pluginId';
import { getService } from '../utils';
import { parseId } from '../validation/common';
import { hideFromRequestLog } from '../utils/log-safe';

import { validateLogQuery, validateLogSearch, validateExportQuery, validateExportBody, validateAdminWithdrawal, type ExportRequest } from '../validation/log';
import { assertExportOptions, exportOptions } from '../services/log/export';
import { assertPersonalFilter } from '../services/log/query';
import { actionId } from '../permissions';
import { pagingSchema, z, parse, parseBody } from '../validation/common';
import { ConsentProof, RunExpiry } from '../../../shared/contracts/log';
import { ConsentOverview } from '../../../shared/contracts/overview';
import { renderConsentProofPdf } from '../documents/proof';
import { adminLangOf } from '../utils/admin-lang';

/** Whether the signed-in admin holds the personal-data action (IP, user agent, what a client typed). */
const canSeePersonalData = (ctx: Context) => Boolean(ctx.state.userAbility?.can(actionId('personalData')));

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

/** Streams the export of a filter as a file download (CSV or XLSX); the log service records the export. */
const sendExport = async (strapi: Core.Strapi, ctx: any, { filter, options }: ExportRequest, who: { id: number | null; email: string | null }, personal: boolean) => {
  const o = exportOptions(options);
  const { stream, exportId } = await getService('log', strapi).exportLog(filter, who, { personal }, o);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  ctx.set('Content-Disposition', `attachment; filename="consents-${stamp}.${o.format}"`);
  ctx.set('Cache-Control', 'no-store');
  ctx.set('X-Export-Id', String(exportId));
  ctx.type = CONTENT_TYPES[o.format];
  ctx.body = stream;
};

const controller = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The log with filters that name nobody, in the query string (links, bookmarks). */
  async find(ctx: Context) {
    ctx.body = await getService('log', strapi).list(validateLogQuery(ctx.query), { personal: canSeePersonalData(ctx) });
  },

  /** The log with any filter, IP and subject included, in a JSON body: personal data stays out of URLs. */
  async search(ctx: Context) {
    ctx.body = await getService('log', strapi).list(validateLogSearch(ctx.request.body), { personal: canSeePersonalData(ctx) });
  },

  async findOne(ctx: Context) {
    ctx.body = { data: await getService('log', strapi).detail(parseId(ctx.params.id), { personal: canSeePersonalData(ctx) }) };
  },

  /**
   * The proof of one consent event as a PDF, in `?lang` or the admin's language. The personal parts only
   * for a role with the personal-data action; the file name carries the record's number, never a person.
   */
  async proof(ctx: Context) {
    const id = parseId(ctx.params.id);
    const lang = adminLangOf(ctx, parse(ConsentProof.query, ctx.query ?? {}).lang);
    const data = await getService('log', strapi).proof(id, { personal: canSeePersonalData(ctx) });
    ctx.set('Content-Disposition', `attachment; filename="consent-proof-${data.event.seq}-${lang}.pdf"`);
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'application/pdf';
    ctx.body = await renderConsentProofPdf(data, lang);
  },

  /** The export of a filter that names nobody, from the query string with its options (scripts). */
  async export(ctx: Context) {
    const user = ctx.state.user ?? {};
    await sendExport(strapi, ctx, validateExportQuery(ctx.query), { id: user.id ?? null, email: user.email ?? null }, canSeePersonalData(ctx));
  },

  /** The export of any filter, with its options, in a JSON body (scripts that filter by IP or subject). */
  async exportPost(ctx: Context) {
    const user = ctx.state.user ?? {};
    await sendExport(strapi, ctx, validateExportBody(ctx.request.body), { id: user.id ?? null, email: user.email ?? null }, canSeePersonalData(ctx));
  },

  /** Issues a one-time download link for the filter and options in the JSON body (the same as the export's). */
  async exportTicket(ctx: Context) {
    const { filter, options } = validateExportBody(ctx.request.body);
    const personal = canSeePersonalData(ctx);
    assertPersonalFilter(filter, personal);
    assertExportOptions(exportOptions(options), personal);
    const user = ctx.state.user ?? {};
    const { ticket, expiresAt } = await getService('export-ticket', strapi).issue({ adminId: user.id ?? null, adminEmail: user.email ?? null, personal, filter, options });
    ctx.status = 201;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: { url: `/${PLUGIN_ID}/consents/export-download?ticket=${ticket}`, expiresAt } };
  },

  /** The export of a ticket, streamed as a file download; the ticket is used up. */
  async exportDownload(ctx: Context) {
    const token = String(ctx.query.ticket ?? '');
    hideFromRequestLog(ctx, ['ticket']);
    const ticket = await getService('export-ticket', strapi).redeem(token);
    if (!ticket) throw new errors.NotFoundError('This download link is unknown, used or expired; export again from the consent log.', { code: 'download-expired', params: {} });
    await sendExport(strapi, ctx, { filter: ticket.filter, options: ticket.options }, { id: ticket.adminId, email: ticket.adminEmail }, ticket.personal);
  },

  async exports(ctx: Context) {
    ctx.body = await getService('log', strapi).exports(parse(z.object(pagingSchema), ctx.query ?? {}), { personal: canSeePersonalData(ctx) });
  },

  /** An operator records a withdrawal received by letter or e-mail; the admin who did it is kept. */
  async withdraw(ctx: Context) {
    const { note } = validateAdminWithdrawal(ctx.request.body);
    const result = await getService('consent', strapi).withdrawRecord(parseId(ctx.params.id), { note, recordedBy: ctx.state.user?.id ?? null });
    ctx.status = result.data.alreadyWithdrawn ? 200 : 201;
    ctx.body = result;
  },

  /** The home page's and the widget's counts (no personal data), by day in the admin's time zone. */
  async overview(ctx: Context) {
    ctx.body = { data: await getService('overview', strapi).get(parse(ConsentOverview.query, ctx.query ?? {})) };
  },

  async verify(ctx: Context) {
    ctx.body = { data: await getService('integrity', strapi).verify() };
  },

  /** Runs the expiry job now (what the schedule would do); answers how many consents it found expired. */
  async expiry(ctx: Context) {
    parseBody(RunExpiry.body, ctx.request.body ?? {});
    ctx.body = { data: await getService('expiry', strapi).run() };
  },
});

export default controller;
