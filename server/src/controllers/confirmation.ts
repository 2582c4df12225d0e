import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { clientIp } from '../utils/client-ip';
import { getService } from '../utils';
import { parseBody } from '../validation/common';
import { PLUGIN_ID } from '../pluginId';
import { confirmationPage, languageOf } from '../double-opt-in/texts';
import { CheckConfirmation, ConfirmConsent, ResendConfirmation } from '../../../shared/contracts/public';

/** The scheme and host this request reached (what a confirmation link points at when nothing is configured). */
const hostOf = (ctx: Context) => (ctx.request.origin && /^https?:\/\//.test(ctx.request.origin) ? ctx.request.origin : null);

const controller = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * `GET /api/user-consent/confirm?lang=ru`: the page a confirmation link opens. A GET records nothing
   * (mail scanners open links); the token is in the fragment, which the browser keeps to itself.
   */
  async page(ctx: Context) {
    const nonce = crypto.randomBytes(16).toString('base64');
    ctx.set(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`
    );
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = confirmationPage(languageOf(ctx.query.lang), `/api/${PLUGIN_ID}`, nonce);
  },

  async check(ctx: Context) {
    const { token } = parseBody(CheckConfirmation.body, ctx.request.body);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await getService('double-opt-in', strapi).check(token);
  },

  async confirm(ctx: Context) {
    const { token } = parseBody(ConfirmConsent.body, ctx.request.body);
    const result = await getService('double-opt-in', strapi).confirm(token, { ip: clientIp(ctx), userAgent: ctx.request.get('user-agent') || null });
    ctx.status = 201;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = result;
  },

  async resend(ctx: Context) {
    const body = parseBody(ResendConfirmation.body, ctx.request.body);
    ctx.body = await getService('double-opt-in', strapi).resend(body, hostOf(ctx));
    ctx.status = 202;
    ctx.set('Cache-Control', 'no-store');
  },
});

export default controller;
