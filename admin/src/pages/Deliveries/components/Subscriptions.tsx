import { Badge, Checkbox, Flex, Typography } from '@strapi/design-system';
import type { WebhookEvent, WebhookSubscription } from '../../../../../shared/contracts/webhooks';
import { useSubscribeWebhookMutation, useWebhooksQuery } from '../../../api';
import { DataTable } from '../../../components/list/DataTable';
import { Section } from '../../../components/Section';
import { useT } from '../../../hooks/useT';
import { useNotified } from '../hooks/useNotified';

/**
 * Which of Strapi's webhooks receive which consent events. Settings → Webhooks lists only Strapi's own
 * events (its table is fixed in Strapi 5), so the consent events are chosen here; the choice is stored
 * on the webhook itself, and editing the webhook in Settings keeps it.
 */
export const Subscriptions = () => {
  const t = useT();
  const notified = useNotified();
  const list = useWebhooksQuery(undefined, { refetchOnMountOrArgChange: true });
  const [subscribe, { isLoading }] = useSubscribeWebhookMutation();
  const events = list.data?.meta.events ?? [];

  const toggle = (hook: WebhookSubscription, event: WebhookEvent, on: boolean) => {
    const next = on ? [...hook.events, event] : hook.events.filter((e) => e !== event);
    return notified(() => subscribe({ id: hook.id, events: next }).unwrap(), t('deliveries.subscriptions.saved', 'Saved: {name}', { name: hook.name }));
  };

  return (
    <Section
      title={t('deliveries.subscriptions.title', 'Webhooks that receive consent events')}
      hint={t(
        'deliveries.subscriptions.hint',
        'Create a webhook in Settings → Webhooks (its URL and headers), then choose its consent events here: Settings lists only Strapi’s own events.'
      )}
    >
      {list.data && list.data.data.length === 0 ? (
        <Typography textColor="neutral600" data-testid="no-webhooks">
          {t('deliveries.subscriptions.none', 'No webhooks yet.')}
        </Typography>
      ) : (
        <DataTable
          bare
          rows={list.data?.data ?? []}
          busy={list.isFetching}
          rowProps={(row) => ({ 'data-testid': 'webhook-row', 'data-webhook-id': row.id })}
          columns={[
            {
              key: 'name',
              label: t('deliveries.webhook', 'Webhook'),
              cell: (row) => (
                <Flex direction="column" alignItems="flex-start" gap={1}>
                  <Flex gap={2}>
                    <Typography fontWeight="semiBold">{row.name}</Typography>
                    {!row.enabled && <Badge>{t('deliveries.webhook.disabled', 'Disabled')}</Badge>}
                  </Flex>
                  <Typography variant="pi" textColor="neutral600" style={{ overflowWrap: 'anywhere', maxWidth: '16rem' }}>
                    {row.url}
                  </Typography>
                </Flex>
              ),
            },
            {
              // One cell of boxes that wrap, not a column per event: the events grow (double opt-in added
              // two) and the table must stay on screen at 1280 px in both languages.
              key: 'events',
              label: t('deliveries.subscriptions.events', 'Consent events it receives'),
              cell: (row: WebhookSubscription) => (
                <Flex gap={4} wrap="wrap" data-testid="webhook-events">
                  {events.map((event) => (
                    <Checkbox
                      key={event}
                      aria-label={`${row.name}: ${event}`}
                      checked={row.events.includes(event)}
                      disabled={isLoading}
                      onCheckedChange={(v) => void toggle(row, event, v === true)}
                    >
                      {t(`deliveries.column.${event.split('.')[1]}`, event.split('.')[1])}
                    </Checkbox>
                  ))}
                </Flex>
              ),
            },
          ]}
        />
      )}
    </Section>
  );
};
