import { clientIp } from '../utils/client-ip';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils';
import { validateConsentBody } from '../validation/consent';

const KEY = /^[a-z0-9][a-z0-9-]{0,99}$/;

const formKey = (raw: unknown) => {
  const key = String(raw ?? '');
  // A malformed key cannot name a form: the same 404 as an unknown one.
  if (!KEY.test(key)) throw new errors.NotFoundError('Form not found');
  return key;
};

/** The request's Origin (or, failing that, the Referer's origin). */
const requestOrigin = (ctx: any): string | null => {
  const origin = ctx.request.get('origin');
  if (origin && origin !== 'null') return origin;
  const referer = ctx.request.get('referer');
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
};

const controller = ({ strapi }: { strapi: Core.Strapi }) => ({
  async findOne(ctx: any) {
    const { allowedOrigins: _o, storeSubmissions: _s, id: _id, ipPolicy: _p, ...form } = await getService('form', strapi).getPublic(formKey(ctx.params.key));
    ctx.body = { data: form };
  },

  async consent(ctx: any) {
    const key = formKey(ctx.params.key);
    const form = await getService('form', strapi).getPublic(key);
    if (form.allowedOrigins.length) {
      const origin = requestOrigin(ctx);
      if (!origin || !form.allowedOrigins.includes(origin)) {
        // A PolicyError (403) keeps its message; Strapi replaces a plain ForbiddenError's with "Forbidden".
        throw new errors.PolicyError('This form does not accept submissions from this origin.');
      }
    }
    const body = validateConsentBody(ctx.request.body);
    const result = await getService('consent', strapi).capture(key, body, {
      ip: clientIp(ctx),
      userAgent: ctx.request.get('user-agent') || null,
      channel: 'web',
      form,
    });
    ctx.status = 201;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: result };
  },
});

export default controller;
