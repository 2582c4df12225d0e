import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils';
import { hideFromRequestLog } from '../utils/log-safe';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const controller = ({ strapi }: { strapi: Core.Strapi }) => ({
  async findOne(ctx: any) {
    const id = String(ctx.params.id ?? '');
    const token = String(ctx.request.get('x-receipt-token') || ctx.query.token || '');
    // The token is a secret: keep it out of the request log line.
    hideFromRequestLog(ctx, ['token']);
    if (!UUID.test(id) || !token || token.length > 200) throw new errors.NotFoundError('Receipt not found');
    const service = getService('receipt', strapi);
    const event = await service.findEvent(id, token);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await service.build(event) };
  },
});

export default controller;
