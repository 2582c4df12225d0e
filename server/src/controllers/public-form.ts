import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { clientIp } from '../utils/client-ip';
import { requestOrigin } from '../utils/origin';
import { siteUserOf } from '../integrations/users-permissions';
import { getService } from '../utils';
import { parse, parseOr } from '../validation/common';
import { CaptureConsents, GetPublicForm } from '../../../shared/contracts/public';

// A malformed key cannot name a form: the same 404 as an unknown one.
const notFound = () => new errors.NotFoundError('Form not found', { code: 'not-found', params: { entity: 'form' } });

const controller = ({ strapi }: { strapi: Core.Strapi }) => ({
  async findOne(ctx: Context) {
    const { key } = parseOr(GetPublicForm.params, ctx.params, notFound);
    const { language } = parse(GetPublicForm.query, ctx.query ?? {});
    ctx.body = await getService('form', strapi).findPublic(key, language ?? null);
  },

  async consent(ctx: Context) {
    const { key } = parseOr(CaptureConsents.params, ctx.params, notFound);
    // The body is parsed with CaptureConsents.body once the form and its origin rule are known.
    // A logged-in site user (a users-permissions JWT) is the consent's subject.
    const siteUser = await siteUserOf(strapi, ctx);
    const result = await getService('consent', strapi).submit(
      key,
      ctx.request.body,
      { origin: requestOrigin(ctx), host: ctx.request.origin || null, ip: clientIp(ctx), userAgent: ctx.request.get('user-agent') || null },
      { siteUser }
    );
    ctx.status = 201;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = result;
  },
});

export default controller;
