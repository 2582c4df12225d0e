import { adminApi } from '@strapi/strapi/admin';
import type { Delivery, DeliveryState, WebhookEvent, WebhookSubscription } from '../../../shared/contracts/webhooks';
import { dataOf, get, LIST, onSuccess, send, TAGS, type MutationHook, type QueryHook } from './client';
import type { List, ListQuery } from './types';

export interface DeliveryQuery extends ListQuery {
  state?: DeliveryState;
}

export interface WebhookList {
  data: WebhookSubscription[];
  meta: { events: WebhookEvent[] };
}

/**
 * The outbox's deliveries (they change by themselves as the dispatcher works: asked again whenever
 * the page opens) and the webhooks that receive the consent events.
 */
const webhooksApi = adminApi.enhanceEndpoints({ addTagTypes: TAGS }).injectEndpoints({
  endpoints: (build) => ({
    ucDeliveries: build.query<List<Delivery>, DeliveryQuery>({
      query: (q) => get('/deliveries', q),
      providesTags: (res) => [{ type: 'UcDelivery', id: LIST }, ...(res?.data ?? []).map((d) => ({ type: 'UcDelivery' as const, id: d.id }))],
    }),
    ucRetryDelivery: build.mutation<Delivery, string>({
      query: (id) => send('POST', `/deliveries/${id}/retry`, {}),
      transformResponse: dataOf<Delivery>,
      invalidatesTags: onSuccess(() => [{ type: 'UcDelivery', id: LIST }]),
    }),
    ucWebhooks: build.query<WebhookList, void>({
      query: () => get('/webhooks'),
      providesTags: [{ type: 'UcWebhook', id: LIST }],
    }),
    ucSubscribeWebhook: build.mutation<WebhookSubscription, { id: string; events: WebhookEvent[] }>({
      query: ({ id, events }) => send('PUT', `/webhooks/${id}/events`, { events }),
      transformResponse: dataOf<WebhookSubscription>,
      invalidatesTags: onSuccess(() => [{ type: 'UcWebhook', id: LIST }]),
    }),
  }),
});

export const useDeliveriesQuery: QueryHook<DeliveryQuery, List<Delivery>> = webhooksApi.useUcDeliveriesQuery;
export const useRetryDeliveryMutation: MutationHook<string, Delivery> = webhooksApi.useUcRetryDeliveryMutation;
export const useWebhooksQuery: QueryHook<void, WebhookList> = webhooksApi.useUcWebhooksQuery;
export const useSubscribeWebhookMutation: MutationHook<{ id: string; events: WebhookEvent[] }, WebhookSubscription> = webhooksApi.useUcSubscribeWebhookMutation;
