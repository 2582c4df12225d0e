import { clientIp } from '../utils/client-ip';
import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { validateWithdrawalBody } from '../validation/consent';

const controller = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Withdrawal with the receipt's token: as easy as consenting (GDPR art. 7(3); 152-FZ art. 9 p.2). */
  async create(ctx: any) {
    const { receipt, token } = validateWithdrawalBody(ctx.request.body);
    const event = await getService('receipt', strapi).findEvent(receipt, token);
    const result = await getService('consent', strapi).withdraw(event, {
      channel: 'web',
      ip: clientIp(ctx),
      userAgent: ctx.request.get('user-agent') || null,
    });
    ctx.status = result.alreadyWithdrawn ? 200 : 201;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {
      data: result,
      meta: { message: result.alreadyWithdrawn ? 'This consent was already withdrawn.' : 'The consent is withdrawn.' },
    };
  },
});

export default controller;
