import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';
import { getService } from '../utils';
import { clientIp } from '../utils/client-ip';
import { requestOrigin } from '../utils/origin';

/**
 * The site's own users (Strapi's users-permissions plugin): a consent given by a logged-in user names
 * them as its subject, and registration can require the agreements of a form.
 */

const UP = 'users-permissions';
const USER_UID = 'plugin::users-permissions.user';

/** The subject id a site user's consents carry: stable across e-mail changes, like Strapi's own ids. */
export const siteUserId = (documentId: string) => `${UP}:${documentId}`;

const hasUsersPermissions = (strapi: Core.Strapi) => Boolean(strapi.plugin(UP));

/**
 * The logged-in user of a public request, from its `Authorization: Bearer <jwt>` (the public routes
 * do not authenticate, so the token is checked here as users-permissions checks it). No header: null.
 * A header with a bad or expired token, or a blocked or unconfirmed user: 401, so that a consent is
 * never recorded for someone the site did not log in.
 */
export const siteUserOf = async (strapi: Core.Strapi, ctx: Context): Promise<{ documentId: string; email: string | null } | null> => {
  if (!ctx.request.get('authorization') || !hasUsersPermissions(strapi)) return null;
  const refuse = () => new errors.UnauthorizedError('The bearer token does not name a user of this site.', { code: 'unknown-user', params: {} });
  const up = strapi.plugin(UP);
  let payload: { id?: unknown } | null;
  try {
    payload = await up.service('jwt').getToken(ctx);
  } catch {
    throw refuse();
  }
  if (!payload || payload.id === undefined) throw refuse();
  const user = await strapi.db.query(USER_UID).findOne({ where: { id: payload.id }, select: ['documentId', 'email', 'blocked', 'confirmed'] });
  if (!user || user.blocked) throw refuse();
  const advanced = (await strapi.store({ type: 'plugin', name: UP }).get({ key: 'advanced' })) as { email_confirmation?: boolean } | null;
  if (advanced?.email_confirmation && !user.confirmed) throw refuse();
  return { documentId: user.documentId, email: user.email ?? null };
};

/**
 * Registration (`POST /api/auth/local/register`) that requires the agreements of a form: the body
 * carries `consents: { decisions: [...], pageUrl? }` as the form's own route takes them. They are
 * checked before the user is created (a missing or refused required agreement is a 400 and no user
 * is made), and recorded once it is, with the new user as the subject. If recording fails the user
 * is removed again: no account without its consent.
 */
const registrationMiddleware = (strapi: Core.Strapi, formKey: string) => async (ctx: Context, next: Next) => {
  const body = (ctx.request.body ?? {}) as Record<string, unknown>;
  const consents = body.consents;
  // users-permissions refuses keys it does not know: ours leaves the body before it looks.
  delete body.consents;
  const consent = getService('consent', strapi);
  const request = { origin: requestOrigin(ctx), ip: clientIp(ctx), userAgent: ctx.request.get('user-agent') || null };
  const subject = (email: unknown) => (typeof email === 'string' && email ? { email } : {});
  if (!consents || typeof consents !== 'object' || Array.isArray(consents)) {
    throw new errors.ValidationError(`consents: registration needs the agreements of the form "${formKey}"`, {
      code: 'consents-required',
      params: { form: formKey },
      errors: [{ path: ['consents'], message: 'is required', name: 'ValidationError', code: 'consents-required', params: { form: formKey } }],
    });
  }
  // Every rule of the form, before anything is stored.
  await consent.submit(formKey, { ...consents, subject: subject(body.email) }, request, { dryRun: true });
  await next();
  const user = (ctx.body as { user?: { id?: number; documentId?: string; email?: string } } | undefined)?.user;
  if (ctx.status >= 300 || !user?.documentId) return;
  try {
    await consent.submit(formKey, { ...consents, subject: subject(user.email) }, request, { siteUser: { documentId: user.documentId } });
  } catch (e) {
    await strapi.db.query(USER_UID).delete({ where: { id: user.id } });
    throw e;
  }
};

/**
 * At register: when the plugin config names `registrationForm`, the users-permissions register
 * route gets the middleware above (a route middleware runs after the body is parsed, before the
 * controller).
 */
export const registerSiteUsers = (strapi: Core.Strapi) => {
  const formKey = strapi.config.get('plugin::user-consent.registrationForm') as string | null;
  if (!formKey) return;
  if (!hasUsersPermissions(strapi)) {
    strapi.log.warn('user-consent: registrationForm is set but the users-permissions plugin is not installed');
    return;
  }
  const api = (strapi.plugin(UP).routes as Record<string, { routes: any[] }>)['content-api'];
  const route = api?.routes?.find((r) => r.method === 'POST' && r.handler === 'auth.register');
  if (!route) {
    strapi.log.warn('user-consent: the users-permissions register route was not found; registrationForm has no effect');
    return;
  }
  route.config = { ...(route.config ?? {}), middlewares: [...(route.config?.middlewares ?? []), registrationMiddleware(strapi, formKey)] };
};
