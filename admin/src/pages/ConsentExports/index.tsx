import { Box, EmptyStateLayout, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { BackButton, Layouts, Page } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useConsentApi } from '../../api';
import { CONSENT_ACTIONS, type ConsentFilter, type ExportEntry } from '../../api/consents';
import { ACTION_LABELS } from '../../components/ActionBadge';
import { DateTime } from '../../components/DateTime';
import { useAllowed } from '../../hooks/useAllowed';
import { useListParams } from '../../hooks/useListParams';
import { useLoad } from '../../hooks/useLoad';
import { useT } from '../../hooks/useT';
import { PLUGIN_ID } from '../../pluginId';
import { ListPagination } from '../../components/ListPagination';

const NO_FILTERS = [] as const;
const LIST = `/plugins/${PLUGIN_ID}/consents`;

const FILTER_LABELS: Record<keyof ConsentFilter, string> = {
  from: 'From',
  to: 'To',
  agreement: 'Agreement',
  version: 'Version',
  form: 'Source (form)',
  action: 'Action',
  ip: 'IP address',
  pageUrl: 'Page URL contains',
  subject: 'Subject (e-mail or phone)',
};

/** Every export of the log: who took which records and when. Exports are recorded by the server. */
export const ConsentExportsPage = () => {
  const t = useT();
  const { formatDate } = useIntl();
  const api = useConsentApi();
  const allowed = useAllowed();
  const { page, pageSize, key } = useListParams(NO_FILTERS);
  const list = useLoad(() => api.consents.exports({ page, pageSize }), key);
  const agreements = useLoad(() => api.agreements.list({ pageSize: 100 }), 'agreements', allowed.agreementsRead);
  const names = new Map((agreements.data?.data ?? []).map((a) => [String(a.id), a.name]));

  if (list.error) return <Page.Error />;
  const rows = list.data?.data;
  const pagination = list.data?.meta.pagination;

  const filterText = (f: ExportEntry['filter']) => {
    const entries = Object.entries(f ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== '');
    if (!entries.length) return [t('exports.filter.none', 'Whole log')];
    return entries.map(([k, v]) => {
      const label = t(`consents.filter.${k}`, FILTER_LABELS[k as keyof ConsentFilter] ?? k);
      // The server returns the filter as typed; an IP or a subject in it is personal data.
      if ((k === 'ip' || k === 'subject') && !allowed.personalData) {
        return `${label}: ${t('exports.filter.hidden', 'hidden')}`;
      }
      let value = String(v);
      if (k === 'agreement') value = names.get(value) ?? `#${value}`;
      if (k === 'action' && (CONSENT_ACTIONS as string[]).includes(value)) value = t(`consents.action.${value}`, ACTION_LABELS[value as 'given']);
      if (k === 'from' || k === 'to') value = formatDate(value, { dateStyle: 'medium', timeStyle: 'short' });
      return `${label}: ${value}`;
    });
  };

  return (
    <Page.Main>
      <Page.Title>{t('exports.title', 'Exports')}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback={LIST} />}
        title={t('exports.title', 'Exports')}
        subtitle={t('exports.subtitle', 'Every CSV export of the consent log: who made it, when, with which filter and how many records')}
      />
      <Layouts.Content>
        {!rows ? (
          <Page.Loading />
        ) : rows.length === 0 ? (
          <EmptyStateLayout content={t('exports.empty', 'No exports yet')} />
        ) : (
          <>
            <Box background="neutral0" shadow="tableShadow" hasRadius>
              <Table colCount={5} rowCount={rows.length + 1}>
                <Thead>
                  <Tr>
                    <Th><Typography variant="sigma">{t('exports.when', 'When')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('exports.who', 'Who')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('exports.filter', 'Filter')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('exports.personal', 'Personal data')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('exports.rows', 'Records')}</Typography></Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {rows.map((row) => (
                    <Tr key={row.id} data-testid="export-row">
                      <Td><DateTime value={row.createdAt} /></Td>
                      <Td><Typography>{row.adminEmail ?? '—'}</Typography></Td>
                      <Td>
                        <Flex direction="column" alignItems="flex-start" gap={1} data-testid="export-filter">
                          {filterText(row.filter).map((s) => (
                            <Typography key={s} variant="pi" style={{ overflowWrap: 'anywhere' }}>
                              {s}
                            </Typography>
                          ))}
                        </Flex>
                      </Td>
                      <Td><Typography>{row.withPersonalData ? t('toggle.yes', 'Yes') : t('toggle.no', 'No')}</Typography></Td>
                      <Td>
                        <Typography data-testid="export-rows">
                          {row.finishedAt && row.rows !== null ? row.rows : t('exports.unfinished', 'Not finished')}
                        </Typography>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            </Box>
            <ListPagination pagination={pagination} pageSize={pageSize} />
          </>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};

export default ConsentExportsPage;
