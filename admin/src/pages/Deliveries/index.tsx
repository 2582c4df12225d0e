import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import { DELIVERY_STATES, type Delivery, type DeliveryState, type DeliveryTarget } from '../../../../shared/contracts/webhooks';
import { useDeliveriesQuery, useRetryDeliveryMutation, useWebhooksQuery } from '../../api';
import { Clipped } from '../../components/list/Clipped';
import { DateTime } from '../../components/DateTime';
import { FilterSelect } from '../../components/list/FilterSelect';
import { ListPage } from '../../components/list/ListPage';
import { useListParams } from '../../hooks/useListParams';
import { useT } from '../../hooks/useT';
import { Subscriptions } from './components/Subscriptions';
import { useNotified } from './hooks/useNotified';

const VARIANT: Record<DeliveryState, 'secondary' | 'success' | 'danger'> = { pending: 'secondary', delivered: 'success', failed: 'danger' };

const useStateLabel = () => {
  const t = useT();
  return (state: DeliveryState) =>
    ({
      pending: t('deliveries.state.pending', 'Pending'),
      delivered: t('deliveries.state.delivered', 'Delivered'),
      failed: t('deliveries.state.failed', 'Failed'),
    })[state] ?? state;
};

/** One webhook's attempts at a row: state, attempts, what the last one got, when the next is due. */
const Target = ({ target, gone }: { target: DeliveryTarget; gone: boolean }) => {
  const t = useT();
  const label = useStateLabel();
  const last = target.lastStatus != null ? `HTTP ${target.lastStatus}` : target.lastError;
  return (
    <Flex direction="column" alignItems="flex-start" gap={0} data-testid="delivery-target">
      <Typography variant="omega">
        <strong>{target.name ?? `#${target.webhook}`}</strong>
        {gone ? ` (${t('deliveries.webhook.deleted', 'deleted')})` : ''}: {label(target.state)} · {t('deliveries.attempts.count', '{n} attempt(s)', { n: target.attempts })}
        {last ? ` · ${last}` : ''}
      </Typography>
      {target.nextAttemptAt && (
        <Flex gap={1}>
          <Typography variant="pi" textColor="neutral600">
            {t('deliveries.next', 'Next attempt')}:
          </Typography>
          <DateTime value={target.nextAttemptAt} variant="pi" textColor="neutral600" />
        </Flex>
      )}
    </Flex>
  );
};

/**
 * Deliveries of the consent events to webhooks («Доставка событий»): each event of the log goes to the
 * webhooks subscribed to it through the outbox, retried until every one answers 2xx. A delivery that
 * exhausted its attempts can be sent again from here.
 */
export const DeliveriesPage = () => {
  const t = useT();
  const label = useStateLabel();
  const notified = useNotified();
  const { page, pageSize, filters, setFilter, hasFilter } = useListParams(['state'] as const);
  const state = DELIVERY_STATES.find((s) => s === filters.state);
  const list = useDeliveriesQuery({ page, pageSize, state }, { refetchOnMountOrArgChange: true });
  const [retry, { isLoading }] = useRetryDeliveryMutation();
  // A delivery names the webhooks it was meant for; one deleted since in Settings → Webhooks is said so.
  const hooks = useWebhooksQuery();
  const exists = new Set((hooks.data?.data ?? []).map((h) => String(h.id)));

  const onRetry = (row: Delivery) => notified(() => retry(row.id).unwrap(), t('deliveries.retried', 'Delivery {id} will be sent again', { id: row.id }));

  return (
    <ListPage
      title={t('deliveries.title', 'Event deliveries')}
      subtitle={t('deliveries.subtitle', 'Consent events sent to webhooks: each is retried until every subscribed webhook accepts it.')}
      above={
        <Box paddingBottom={6}>
          <Subscriptions />
        </Box>
      }
      toolbar={
        <FilterSelect
          label={t('deliveries.state', 'State')}
          placeholder={t('deliveries.state.all', 'All states')}
          options={DELIVERY_STATES.map((s) => [s, label(s)] as const)}
          value={state}
          onChange={(v) => setFilter('state', v)}
        />
      }
      result={list}
      filtered={hasFilter}
      empty={t('deliveries.empty', 'No consent events yet')}
      pageSize={pageSize}
      rowProps={(row) => ({ 'data-testid': 'delivery-row', 'data-delivery-id': row.id, 'data-state': row.state })}
      columns={[
        // Fixed, narrow columns so that Actions stays on screen at 1280 px: the receipt is cut (whole on
        // hover), the attempts go under the state, the event's code under its name.
        { key: 'id', label: t('deliveries.id', 'No.'), cell: (row) => row.id, strong: true },
        {
          key: 'event',
          label: t('deliveries.event', 'Event'),
          cell: (row) => (
            <Flex direction="column" alignItems="flex-start" gap={1} style={{ maxWidth: '11rem' }}>
              <Clipped text={t(`deliveries.event.${row.event.split('.')[1]}`, row.event)} width="11rem" fontWeight="semiBold" />
              <Clipped text={row.event} width="11rem" variant="pi" textColor="neutral600" style={{ fontFamily: 'monospace' }} />
            </Flex>
          ),
        },
        {
          key: 'receipt',
          label: t('deliveries.receipt', 'Receipt'),
          cell: (row) => <Clipped text={row.receiptId ?? '—'} width="7rem" variant="pi" style={{ fontFamily: 'monospace' }} data-testid="delivery-receipt" />,
        },
        { key: 'created', label: t('deliveries.created', 'Recorded'), cell: (row) => <DateTime value={row.createdAt} stacked /> },
        {
          key: 'state',
          label: t('deliveries.state', 'State'),
          cell: (row) => (
            <Flex direction="column" alignItems="flex-start" gap={1}>
              <Badge variant={VARIANT[row.state]} data-testid="delivery-state">
                {label(row.state)}
              </Badge>
              <Typography variant="pi" textColor="neutral600" style={{ whiteSpace: 'nowrap' }}>
                {t('deliveries.attempts.count', '{n} attempt(s)', { n: row.attempts })}
              </Typography>
            </Flex>
          ),
        },
        {
          key: 'targets',
          label: t('deliveries.targets', 'Webhooks'),
          cell: (row) =>
            row.targets.length ? (
              <Flex direction="column" alignItems="flex-start" gap={1} style={{ minWidth: '10rem', maxWidth: '14rem', whiteSpace: 'normal' }}>
                {row.targets.map((target) => (
                  <Target key={target.webhook} target={target} gone={!!hooks.data && !exists.has(String(target.webhook))} />
                ))}
              </Flex>
            ) : (
              <Typography textColor="neutral600">{row.state === 'pending' ? '…' : t('deliveries.noTargets', 'No webhook subscribed')}</Typography>
            ),
        },
        {
          key: 'retry',
          label: t('deliveries.actions', 'Actions'),
          cell: (row) =>
            row.state === 'failed' ? (
              <Button size="S" variant="secondary" loading={isLoading} onClick={() => void onRetry(row)} data-testid="delivery-retry">
                {t('deliveries.retry', 'Retry')}
              </Button>
            ) : null,
        },
      ]}
    />
  );
};

export default DeliveriesPage;
