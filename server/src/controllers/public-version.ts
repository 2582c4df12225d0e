import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { parse } from '../validation/common';
import { GetPublicVersion, GetPublicVersionText } from '../../../shared/contracts/public';

const controller = ({ strapi }: { strapi: Core.Strapi }) => ({
  async findOne(ctx: Context) {
    const { form } = parse(GetPublicVersion.query, ctx.query);
    const version = await getService('version', strapi).findOne(parse(GetPublicVersion.params, ctx.params).id, form);
    // On a form, the text follows the form's field captions, which may change.
    ctx.set('Cache-Control', form ? 'no-cache' : 'public, max-age=300, immutable');
    ctx.body = version;
  },

  /** The full text as a standalone page: what the label's link opens without JavaScript. */
  async text(ctx: Context) {
    const { form, language } = parse(GetPublicVersionText.query, ctx.query ?? {});
    const page = await getService('version', strapi).textPage(parse(GetPublicVersionText.params, ctx.params).id, form, language ?? null);
    if ('redirect' in page) {
      ctx.redirect(page.redirect);
      return;
    }
    // The HTML was sanitised when the version was made; the policy forbids scripts all the same.
    ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
    ctx.set('Cache-Control', form ? 'no-cache' : 'public, max-age=300, immutable');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = page.html;
  },
});

export default controller;
