import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { parse, parseBody, parseId } from '../validation/common';
import { ListDeliveries, RetryDelivery, SubscribeWebhook, WEBHOOK_EVENT_NAMES } from '../../../shared/contracts/webhooks';

const controller = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService('webhooks', strapi);
  return {
    async deliveries(ctx: Context) {
      ctx.body = await service().list(parse(ListDeliveries.query, ctx.query ?? {}));
    },

    async retry(ctx: Context) {
      const { id } = parse(RetryDelivery.params, ctx.params ?? {});
      ctx.body = { data: await service().retry(id) };
    },

    async subscriptions(ctx: Context) {
      ctx.body = { data: await service().subscriptions(), meta: { events: WEBHOOK_EVENT_NAMES } };
    },

    async subscribe(ctx: Context) {
      const { events } = parseBody(SubscribeWebhook.body, ctx.request.body);
      ctx.body = { data: await service().subscribe(parseId(ctx.params?.id), events) };
    },
  };
};

export default controller;
