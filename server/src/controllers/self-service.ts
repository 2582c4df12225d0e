import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { clientIp } from '../utils/client-ip';
import { getService } from '../utils';
import { parse } from '../validation/common';
import { myConsentsPage, pageCsp, pageLang, receiptPage } from '../self-service/pages';
import { ListMyConsents, OpenMyConsents, RequestMyConsentsLink, WithdrawMyConsent, GetSelfPage } from '../../../shared/contracts/self-service';

const service = (strapi: Core.Strapi) => getService('self-service', strapi);
const requestOf = (ctx: Context) => ({ origin: null, ip: clientIp(ctx), userAgent: ctx.request.get('user-agent') || null });

/** An HTML page of the person's own: its inline script and style allowed by a fresh nonce, nothing else. */
const sendPage = (ctx: Context, render: (lang: 'en' | 'ru', nonce: string) => string) => {
  const { lang } = parse(GetSelfPage.query, ctx.query);
  const nonce = crypto.randomBytes(16).toString('base64');
  ctx.set('Content-Security-Policy', pageCsp(nonce));
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = render(pageLang(lang, ctx.request.get('accept-language')), nonce);
};

const controller = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /pages/receipt: the receipt page (receipts and tokens in the URL fragment). */
  async receiptPage(ctx: Context) {
    sendPage(ctx, receiptPage);
  },

  /** GET /pages/me: "My consents" (the mailed link's token in the URL fragment). */
  async mePage(ctx: Context) {
    sendPage(ctx, myConsentsPage);
  },

  async link(ctx: Context) {
    const { email, lang } = parse(RequestMyConsentsLink.body, ctx.request.body ?? {});
    await service(strapi).requestLink(email, lang ?? pageLang(undefined, ctx.request.get('accept-language')), clientIp(ctx));
    ctx.status = 202;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: { accepted: true }, meta: { message: 'If consents are recorded for this address, a link to them has been sent to it.' } };
  },

  async session(ctx: Context) {
    const { token } = parse(OpenMyConsents.body, ctx.request.body ?? {});
    const { session, expiresAt, consents } = await service(strapi).openLink(token);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: consents, meta: { session, expiresAt } };
  },

  async consents(ctx: Context) {
    const { session } = parse(ListMyConsents.body, ctx.request.body ?? {});
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await service(strapi).list(session) };
  },

  async withdraw(ctx: Context) {
    const { session, receipt } = parse(WithdrawMyConsent.body, ctx.request.body ?? {});
    const result = await service(strapi).withdraw(session, receipt, requestOf(ctx));
    ctx.status = result.alreadyWithdrawn ? 200 : 201;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: result, meta: { message: result.alreadyWithdrawn ? 'This consent was already withdrawn.' : 'The consent is withdrawn.' } };
  },
});

export default controller;
