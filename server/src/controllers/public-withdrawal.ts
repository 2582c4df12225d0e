import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { clientIp } from '../utils/client-ip';
import { getService } from '../utils';
import { parse } from '../validation/common';
import { CreateWithdrawal } from '../../../shared/contracts/public';

const controller = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Withdrawal with the receipt's token: as easy as consenting (GDPR art. 7(3); 152-FZ art. 9 p.2). */
  async create(ctx: Context) {
    const body = parse(CreateWithdrawal.body, ctx.request.body ?? {});
    const result = await getService('consent', strapi).withdrawByReceipt(body, {
      origin: null,
      ip: clientIp(ctx),
      userAgent: ctx.request.get('user-agent') || null,
    });
    ctx.status = result.data.alreadyWithdrawn ? 200 : 201;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = result;
  },
});

export default controller;
