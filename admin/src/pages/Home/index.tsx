import { useNavigate } from 'react-router-dom';
import { useIntl } from 'react-intl';
import { Box, Flex, Grid, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { browserTimeZone, useOverviewQuery, type ActionCounts } from '../../api';
import { useActionLabel } from '../../components/ActionBadge';
import { DataTable } from '../../components/list/DataTable';
import { Section } from '../../components/Section';
import { useAllowed } from '../../hooks/useAllowed';
import { useT } from '../../hooks/useT';
import { PLUGIN_ID } from '../../pluginId';
import { DayChart } from './components/DayChart';
import { CheckpointSection } from './components/CheckpointSection';
import { IntegrityCard } from './components/IntegrityCard';
import { StatCard } from './components/StatCard';

const DAYS = 90;
const LOG = `/plugins/${PLUGIN_ID}/consents`;
/** The columns of the per-form and per-agreement tables: what a decision became (erasures name neither). */
const TABLE_ACTIONS = ['given', 'refused', 'withdrawn', 'expired'] as const;

/**
 * The plugin's home page: consents per day over the last 90 days (days of the admin's own time zone),
 * the same per form and per agreement, the consents outdated or expired now and the latest check of
 * the hash chain. Counts only: it shows no person.
 */
export const HomePage = () => {
  const t = useT();
  const navigate = useNavigate();
  const { formatNumber } = useIntl();
  const label = useActionLabel();
  const allowed = useAllowed();
  const tz = browserTimeZone();
  const overview = useOverviewQuery({ days: DAYS, tz }, { refetchOnMountOrArgChange: true });
  const title = t('home.title', 'Overview');
  const data = overview.data;

  const countColumns = TABLE_ACTIONS.map((a) => ({
    key: a,
    label: label(a),
    cell: (row: { counts: ActionCounts }) => <Typography style={{ whiteSpace: 'nowrap' }}>{formatNumber(row.counts[a])}</Typography>,
  }));
  const nameCell = (name: string, code?: string) => (
    <Box style={{ width: '20rem' }}>
      <Typography ellipsis tag="div" textColor="neutral800" fontWeight="semiBold" title={name}>
        {name}
      </Typography>
      {code && (
        <Typography ellipsis tag="div" variant="pi" textColor="neutral600" style={{ fontFamily: 'monospace' }} title={code}>
          {code}
        </Typography>
      )}
    </Box>
  );

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header title={title} subtitle={t('home.subtitle', 'Consents recorded in the last {days} days, and the state of the log now.', { days: DAYS })} />
      <Layouts.Content>
        {overview.isLoading ? (
          <Page.Loading />
        ) : !data ? (
          <Page.Error />
        ) : (
          <Flex direction="column" alignItems="stretch" gap={6}>
            <Grid.Root gap={4}>
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                <StatCard testId="home-given" label={t('home.given', 'Given, {days} days', { days: DAYS })} value={formatNumber(data.totals.given)} />
              </Grid.Item>
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                <StatCard testId="home-withdrawn" label={t('home.withdrawn', 'Withdrawn, {days} days', { days: DAYS })} value={formatNumber(data.totals.withdrawn)} />
              </Grid.Item>
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                <StatCard
                  testId="home-stale"
                  label={t('home.stale', 'Outdated or expired now')}
                  value={formatNumber(data.states.outdated + data.states.expired)}
                  hint={
                    <>
                      <div data-testid="home-outdated">{t('home.outdated', 'Outdated (renewal asked): {count}', { count: formatNumber(data.states.outdated) })}</div>
                      <div data-testid="home-expired">{t('home.expired', 'Expired: {count}', { count: formatNumber(data.states.expired) })}</div>
                    </>
                  }
                  to={data.states.outdated || !data.states.expired ? `${LOG}?state=outdated` : `${LOG}?state=expired`}
                  linkLabel={t('home.stale.open', 'Show in the log')}
                />
              </Grid.Item>
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                <IntegrityCard summary={data.integrity} logPath={LOG} canVerify={allowed.consentsVerify} />
              </Grid.Item>
            </Grid.Root>

            {allowed.consentsVerify && <CheckpointSection />}

            <Section
              title={t('home.chart.title', 'Consents per day')}
              hint={
                <>
                  {t('home.chart.hint', 'Every event recorded, by the day it was recorded in your time zone:')}{' '}
                  <span style={{ fontFamily: 'monospace' }} data-testid="home-timezone">
                    {data.timeZone}
                  </span>
                </>
              }
            >
              <DayChart data={data} />
            </Section>

            <Section title={t('home.forms.title', 'By form, {days} days', { days: DAYS })}>
              {data.forms.length ? (
                <DataTable
                  rows={data.forms}
                  rowKey={(r) => r.key ?? ''}
                  onRowClick={(r) => r.key && navigate(`${LOG}?form=${encodeURIComponent(r.key)}`)}
                  rowProps={(r) => ({ 'data-testid': 'home-form-row', 'data-form': r.key ?? '' })}
                  columns={[
                    {
                      key: 'form',
                      label: t('home.col.form', 'Form'),
                      cell: (r) => (r.key ? nameCell(r.name ?? r.key, r.key) : nameCell(t('home.noForm', 'Without a form (API, import, erasures)'))),
                    },
                    ...countColumns,
                  ]}
                />
              ) : (
                <Typography textColor="neutral600">{t('home.empty', 'No consents in this period')}</Typography>
              )}
            </Section>

            <Section title={t('home.agreements.title', 'By agreement, {days} days', { days: DAYS })}>
              {data.agreements.length ? (
                <DataTable
                  rows={data.agreements}
                  onRowClick={(r) => navigate(`${LOG}?agreement=${r.id}`)}
                  rowProps={(r) => ({ 'data-testid': 'home-agreement-row', 'data-agreement': String(r.id) })}
                  columns={[
                    { key: 'agreement', label: t('home.col.agreement', 'Agreement'), cell: (r) => nameCell(r.name ?? t('home.agreementGone', 'Agreement {id}', { id: r.id })) },
                    ...countColumns,
                  ]}
                />
              ) : (
                <Typography textColor="neutral600">{t('home.empty', 'No consents in this period')}</Typography>
              )}
            </Section>
          </Flex>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};

export default HomePage;
