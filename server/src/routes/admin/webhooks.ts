import { requires } from '../../permissions';

// The outbox's deliveries and the webhooks that receive the consent events (webhooks/).
export default [
  { method: 'GET', path: '/deliveries', handler: 'webhooks.deliveries', config: { policies: requires('webhooksManage') } },
  { method: 'POST', path: '/deliveries/:id/retry', handler: 'webhooks.retry', config: { policies: requires('webhooksManage') } },
  { method: 'GET', path: '/webhooks', handler: 'webhooks.subscriptions', config: { policies: requires('webhooksManage') } },
  { method: 'PUT', path: '/webhooks/:id/events', handler: 'webhooks.subscribe', config: { policies: requires('webhooksManage') } },
];
