import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { hideFromRequestLog } from '../utils/log-safe';
import type { ConsentStatus } from '../../../shared/contracts/status';

/**
 * The status API (content API, Strapi API tokens): one action, `query`, behind both routes, so that a
 * custom token is given exactly this. POST reads the JSON body; GET the query string, whose identifier
 * is then hidden from Strapi's request log.
 */
const controller = ({ strapi }: { strapi: Core.Strapi }) => ({
  async query(ctx: Context) {
    const input = ctx.method === 'GET' ? { ...(ctx.query as Record<string, unknown>) } : ctx.request.body ?? {};
    if (ctx.method === 'GET') hideFromRequestLog(ctx, ['email', 'phone', 'externalId']);
    const data: ConsentStatus.Item[] = await getService('consent', strapi).status(input as ConsentStatus.Request);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data } satisfies ConsentStatus.Response;
  },
});

export default controller;
