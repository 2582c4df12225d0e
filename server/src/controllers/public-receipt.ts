import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { getService } from '../utils';
import { hideFromRequestLog } from '../utils/log-safe';
import { parseBody, parseOr } from '../validation/common';
import { keyRing } from '../signing/keys';
import { GetReceipt, QueryReceiptStates, type GetJwks } from '../../../shared/contracts/public';

// A malformed id or token is the same 404 as an unknown receipt or a wrong token: nothing to probe.
const notFound = () => new errors.NotFoundError('Receipt not found', { code: 'not-found', params: { entity: 'receipt' } });

const controller = ({ strapi }: { strapi: Core.Strapi }) => ({
  async findOne(ctx: Context) {
    const raw = ctx.request.get('x-receipt-token') || ctx.query.token || '';
    // The token is a secret: keep it out of the request log line, whatever happens next.
    hideFromRequestLog(ctx, ['token']);
    const { id } = parseOr(GetReceipt.params, ctx.params, notFound);
    const token = parseOr(GetReceipt.token, raw, notFound);
    const receipt = await getService('receipt', strapi).findOne(id, token);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = receipt;
  },

  /** The states of the receipts a browser kept (the widget's renewal check); ids and tokens in the body. */
  async states(ctx: Context) {
    const { receipts } = parseBody(QueryReceiptStates.body, ctx.request.body);
    const data = await getService('receipt', strapi).states(receipts);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data };
  },

  /** The public signing keys as a JWK Set; cached briefly, so that a rotation is seen within minutes. */
  async jwks(ctx: Context) {
    const { jwks } = await keyRing(strapi);
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = { keys: jwks.keys } as GetJwks.Response;
    // After the body: Koa sets application/json for an object body.
    ctx.type = 'application/jwk-set+json';
  },
});

export default controller;
