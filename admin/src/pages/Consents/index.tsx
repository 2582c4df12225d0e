import { useState } from 'react';
import { useIntl } from 'react-intl';
import { NavLink, useNavigate } from 'react-router-dom';
import {
  Alert,
  Box,
  Button,
  EmptyStateLayout,
  Flex,
  LinkButton,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { ListSearch, Shield, Clock, Trash } from '@strapi/icons';
import { Layouts, Page, Pagination } from '@strapi/strapi/admin';
import { useConsentApi } from '../../api';
import type { ConsentRow, IntegrityReport } from '../../api/consents';
import { ActionBadge } from '../../components/ActionBadge';
import { DateTime } from '../../components/DateTime';
import { ErasedBadge } from '../../components/ErasedBadge';
import { useAllowed } from '../../hooks/useAllowed';
import { useLoad } from '../../hooks/useLoad';
import { useT } from '../../hooks/useT';
import { PLUGIN_ID } from '../../pluginId';
import { apiError, apiErrorMessage } from '../../utils/apiError';
import { ConsentFilters, type Option } from './components/ConsentFilters';
import { ExportButton } from './components/ExportButton';
import { IntegrityPanel } from './components/IntegrityPanel';
import { PlainHeader, SortHeader } from './components/SortHeader';
import { PAGE_SIZES, useConsentQuery } from './hooks/useConsentQuery';

const BASE = `/plugins/${PLUGIN_ID}/consents`;

const subjectText = (row: ConsentRow) => row.subject?.email || row.subject?.phone || row.subject?.name || '—';

/**
 * The consent log, «Список принятых согласий»: every consent given, refused or withdrawn, with
 * server-side paging, sorting and filters kept in the URL, the CSV export of the current filter and
 * the verification of the hash chain. Nothing here can change a record.
 */
export const ConsentsPage = () => {
  const t = useT();
  const { formatMessage } = useIntl();
  const api = useConsentApi();
  const navigate = useNavigate();
  const allowed = useAllowed();
  const q = useConsentQuery();

  const list = useLoad(() => api.consents.list(q.apiQuery), q.key);
  const agreements = useLoad(() => api.agreements.list({ pageSize: 100 }), 'agreements', allowed.agreementsRead);
  const versions = useLoad(
    () => api.agreements.versions(q.filter.agreement!),
    `versions:${q.filter.agreement}`,
    allowed.agreementsRead && !!q.filter.agreement && /^\d+$/.test(q.filter.agreement)
  );
  const forms = useLoad(() => api.forms.list({ pageSize: 100 }), 'forms', allowed.formsRead);

  const [integrity, setIntegrity] = useState<IntegrityReport | null>(null);
  const [integrityError, setIntegrityError] = useState<string | null>(null);
  const [verifying, setVerifying] = useState(false);
  const verify = async () => {
    setVerifying(true);
    setIntegrity(null);
    setIntegrityError(null);
    try {
      setIntegrity(await api.consents.verify());
    } catch (e) {
      setIntegrityError(apiErrorMessage(e) ?? t('notification.error', 'Something went wrong'));
    } finally {
      setVerifying(false);
    }
  };

  // A refused filter (400) or a filter on personal data without the permission (403) is explained
  // above the table; anything else is an error page.
  const listProblem = list.error ? apiError(list.error) : null;
  if (list.error && !listProblem) return <Page.Error />;

  const rows = list.data?.data;
  const pagination = list.data?.meta.pagination;
  const personal = list.data?.meta.personalData ?? allowed.personalData;

  const agreementOptions: Option[] = (agreements.data?.data ?? []).map((a) => ({ value: String(a.id), label: a.name }));
  const versionOptions: Option[] = (versions.data ?? []).map((v) => ({
    value: String(v.id),
    label: t('agreements.versionNumber', 'v{number}', { number: v.number }),
  }));
  const formOptions: Option[] = (forms.data?.data ?? []).map((f) => ({ value: f.key, label: `${f.name} (${f.key})` }));
  const filteredAgreement = q.filter.agreement ? agreementOptions.find((o) => o.value === q.filter.agreement)?.label : undefined;

  const open = (id: number) => navigate(`${BASE}/${id}`);
  const sortProps = { sort: q.sort, order: q.order, onSort: q.sortBy };
  const colCount = 5 + (personal ? 2 : 0);

  return (
    <Page.Main>
      <Page.Title>{t('consents.title', 'Consent log')}</Page.Title>
      <Layouts.Header
        title={t('consents.title', 'Consent log')}
        subtitle={
          filteredAgreement
            ? t('consents.subtitle.agreement', 'Consents to “{name}”', { name: filteredAgreement })
            : t('consents.subtitle', 'Every consent given, refused or withdrawn. Records are never changed or deleted.')
        }
        primaryAction={
          <Flex gap={2}>
            {allowed.consentsVerify && (
              <Button variant="tertiary" startIcon={<Shield />} onClick={verify} loading={verifying}>
                {t('integrity.verify', 'Verify chain')}
              </Button>
            )}
            {allowed.consentsExport && <ExportButton filter={q.filter} />}
          </Flex>
        }
      />
      <Layouts.Action
        startActions={
          <Flex gap={2}>
            {allowed.personalData && (
              <LinkButton tag={NavLink} to={`${BASE}/subject`} variant="tertiary" size="S" startIcon={<ListSearch />}>
                {t('subject.title', 'Data subject')}
              </LinkButton>
            )}
            <LinkButton tag={NavLink} to={`${BASE}/exports`} variant="tertiary" size="S" startIcon={<Clock />}>
              {t('exports.title', 'Exports')}
            </LinkButton>
            <LinkButton tag={NavLink} to={`${BASE}/erasures`} variant="tertiary" size="S" startIcon={<Trash />}>
              {t('erasures.title', 'Acts of destruction')}
            </LinkButton>
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <IntegrityPanel
            report={integrity}
            error={integrityError}
            onClose={() => {
              setIntegrity(null);
              setIntegrityError(null);
            }}
          />
          <ConsentFilters
            filter={q.filter}
            setFilter={q.setFilter}
            clear={q.clearFilters}
            agreements={agreementOptions}
            versions={versionOptions}
            forms={formOptions}
            personalData={allowed.personalData}
          />
          {listProblem ? (
            <Alert variant="danger" closeLabel={t('actions.close', 'Close')} title={t('consents.filter.refused', 'The filter was refused')}>
              {listProblem.message}
            </Alert>
          ) : !rows ? (
            <Page.Loading />
          ) : rows.length === 0 ? (
            <EmptyStateLayout content={q.hasFilter ? t('list.noMatch', 'Nothing matches these filters') : t('consents.empty', 'No consents yet')} />
          ) : (
            <Box>
              <Typography variant="pi" textColor="neutral600" tag="p" data-testid="consent-total">
                {t('consents.total', '{count, plural, one {# record} other {# records}}', { count: pagination?.total ?? rows.length })}
              </Typography>
              <Box background="neutral0" shadow="tableShadow" hasRadius marginTop={2} aria-busy={list.isLoading}>
                <Table colCount={colCount} rowCount={rows.length + 1}>
                  <Thead>
                    <Tr>
                      <SortHeader field="recordedAt" label={t('consents.col.date', 'Date')} {...sortProps} />
                      <PlainHeader label={t('consents.col.agreement', 'Agreement')} />
                      <SortHeader field="action" label={t('consents.col.action', 'Action')} {...sortProps} />
                      {personal && <SortHeader field="ip" label={t('consents.col.ip', 'IP')} {...sortProps} />}
                      <SortHeader field="formKey" label={t('consents.col.source', 'Source')} {...sortProps} />
                      <PlainHeader label={t('consents.col.pageUrl', 'Page URL')} />
                      {personal && <PlainHeader label={t('consents.col.subject', 'Subject')} />}
                    </Tr>
                  </Thead>
                  <Tbody>
                    {rows.map((row) => (
                      <Tr
                        key={row.id}
                        onClick={() => open(row.id)}
                        style={{ cursor: 'pointer' }}
                        data-testid="consent-row"
                        data-consent-id={row.id}
                        data-receipt-id={row.receiptId ?? undefined}
                        data-erased={row.erased ? 'true' : undefined}
                      >
                        <Td>
                          <DateTime value={row.recordedAt} textColor="neutral800" />
                        </Td>
                        <Td>
                          {/* Agreement names are long: they wrap, so that the subject column stays in view. */}
                          <Box style={{ minWidth: '16rem', maxWidth: '24rem', whiteSpace: 'normal' }}>
                            <Typography textColor="neutral800" fontWeight="semiBold">
                              {row.agreementName ??
                                (row.agreementId != null ? t('forms.agreement.numbered', 'Agreement #{id}', { id: row.agreementId }) : '—')}
                            </Typography>{' '}
                            <Typography textColor="neutral600" style={{ whiteSpace: 'nowrap' }}>
                              {row.versionNumber ? t('agreements.versionNumber', 'v{number}', { number: row.versionNumber }) : ''}
                            </Typography>
                          </Box>
                        </Td>
                        <Td>
                          <ActionBadge action={row.action} />
                        </Td>
                        {personal && (
                          <Td>
                            {row.erased ? <ErasedBadge /> : <Typography style={{ fontFamily: 'monospace' }}>{row.ip ?? '—'}</Typography>}
                          </Td>
                        )}
                        <Td>
                          <Typography style={{ fontFamily: 'monospace' }}>{row.formKey ?? t(`consents.channel.${row.channel ?? 'api'}`, row.channel ?? '—')}</Typography>
                        </Td>
                        <Td>
                          {/* Ellipsis needs a width on the text itself: a table cell grows to fit. */}
                          <Typography ellipsis title={row.pageUrl ?? undefined} tag="div" style={{ maxWidth: '14rem' }} data-testid="consent-page-url">
                            {row.pageUrl ?? '—'}
                          </Typography>
                        </Td>
                        {personal && (
                          <Td>
                            {row.erased ? (
                              <ErasedBadge />
                            ) : (
                              <Typography ellipsis tag="div" style={{ maxWidth: '16rem' }} title={[row.subject?.name, subjectText(row)].filter(Boolean).join(' · ')}>
                                {subjectText(row)}
                              </Typography>
                            )}
                          </Td>
                        )}
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              </Box>
              {pagination && (
                <Pagination.Root pageCount={pagination.pageCount} total={pagination.total} defaultPageSize={q.pageSize}>
                  <Flex gap={2}>
                    <SingleSelect
                      size="S"
                      aria-label={formatMessage({ id: 'components.PageFooter.select', defaultMessage: 'Entries per page' })}
                      value={String(q.pageSize)}
                      onChange={(v) => q.setPageSize(Number(v))}
                    >
                      {PAGE_SIZES.map((n) => (
                        <SingleSelectOption key={n} value={String(n)}>
                          {n}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                    <Typography textColor="neutral600" tag="span">
                      {formatMessage({ id: 'components.PageFooter.select', defaultMessage: 'Entries per page' })}
                    </Typography>
                  </Flex>
                  <Pagination.Links />
                </Pagination.Root>
              )}
            </Box>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default ConsentsPage;
