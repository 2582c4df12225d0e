import { useState } from 'react';
import { NavLink } from 'react-router-dom';
import { Alert, Box, Button, Flex, LinkButton, Typography } from '@strapi/design-system';
import { Clock, ListSearch, Shield, Trash } from '@strapi/icons';
import { useAgreementVersionsQuery, useConsentsQuery, useFormsQuery, useLazyIntegrityQuery } from '../../api';
import type { ConsentRow } from '../../api/types';
import { ActionBadge } from '../../components/ActionBadge';
import { StateBadge } from '../../components/StateBadge';
import { DateTime } from '../../components/DateTime';
import { ErasedBadge } from '../../components/ErasedBadge';
import { ListPage } from '../../components/list/ListPage';
import { useAgreementDirectory } from '../../hooks/useAgreementDirectory';
import { useAllowed } from '../../hooks/useAllowed';
import { useT } from '../../hooks/useT';
import { PLUGIN_ID } from '../../pluginId';
import { apiError, apiErrorMessage } from '../../utils/apiError';
import { ConsentFilters } from './components/ConsentFilters';
import { ExportButton } from './components/ExportButton';
import { IntegrityPanel } from './components/IntegrityPanel';
import { SortHeader } from './components/SortHeader';
import { PAGE_SIZES, useConsentQuery } from './hooks/useConsentQuery';

const BASE = `/plugins/${PLUGIN_ID}/consents`;
const ALL = { pageSize: 100 };

const subjectText = (row: ConsentRow) => row.subject?.email || row.subject?.phone || row.subject?.name || '—';
const mono = { fontFamily: 'monospace' };

/**
 * The consent log, «Список принятых согласий»: every consent given, refused or withdrawn, with
 * server-side paging, sorting and filters (the IP and subject ones kept out of the URL), the CSV
 * export of the current filter and the verification of the hash chain. Nothing here can change a record.
 */
export const ConsentsPage = () => {
  const t = useT();
  const allowed = useAllowed();
  const q = useConsentQuery();
  // Sites add consents while the page is closed: the log is asked again each time it opens.
  const list = useConsentsQuery(q.body, { refetchOnMountOrArgChange: true });
  const agreements = useAgreementDirectory();
  const versionFilter = allowed.agreementsRead && !!q.filter.agreement && /^\d+$/.test(q.filter.agreement);
  const versions = useAgreementVersionsQuery(q.filter.agreement ?? '', { skip: !versionFilter });
  const forms = useFormsQuery(ALL, { skip: !allowed.formsRead });

  const [verify, integrity] = useLazyIntegrityQuery();
  const [verified, setVerified] = useState(false);

  const personal = list.data?.meta.personalData ?? allowed.personalData;
  const filteredAgreement = q.filter.agreement && agreements.byId.get(Number(q.filter.agreement))?.name;
  const sortable = (field: Parameters<typeof q.sortBy>[0], label: string) => ({
    key: field,
    label,
    header: <SortHeader field={field} label={label} sort={q.sort} order={q.order} onSort={q.sortBy} />,
  });

  return (
    <ListPage
      title={t('consents.title', 'Consent log')}
      subtitle={
        filteredAgreement
          ? t('consents.subtitle.agreement', 'Consents to “{name}”', { name: filteredAgreement })
          : t('consents.subtitle', 'Every consent given, refused or withdrawn. Records are never changed or deleted.')
      }
      editPath={BASE}
      primaryAction={
        <Flex gap={2}>
          {allowed.consentsVerify && (
            <Button
              variant="tertiary"
              startIcon={<Shield />}
              onClick={() => {
                setVerified(true);
                verify();
              }}
              loading={integrity.isFetching}
            >
              {t('integrity.verify', 'Verify chain')}
            </Button>
          )}
          {allowed.consentsExport && <ExportButton filter={q.filter} personalData={personal} />}
        </Flex>
      }
      toolbar={
        <>
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
        </>
      }
      above={
        <>
          <IntegrityPanel
            report={verified && !integrity.isFetching ? (integrity.data ?? null) : null}
            error={
              verified && !integrity.isFetching && integrity.isError
                ? (apiErrorMessage(integrity.error) ?? t('notification.error', 'Something went wrong'))
                : null
            }
            onClose={() => setVerified(false)}
          />
          <ConsentFilters
            filter={q.filter}
            setFilter={q.setFilter}
            clear={q.clearFilters}
            agreements={agreements.rows.map((a) => [String(a.id), a.name] as const)}
            versions={(versionFilter ? (versions.data ?? []) : []).map(
              (v) => [String(v.id), t('agreements.versionNumber', 'v{number}', { number: v.number })] as const
            )}
            forms={(forms.data?.data ?? []).map((f) => [f.key, `${f.name} (${f.key})`] as const)}
            personalData={allowed.personalData}
          />
        </>
      }
      result={list}
      filtered={q.hasFilter}
      empty={t('consents.empty', 'No consents yet')}
      pageSize={q.pageSize}
      sizes={PAGE_SIZES}
      // A refused filter (400) or a filter on personal data without the permission (403) is explained; anything else is an error page.
      problem={(error) =>
        apiError(error) ? (
          <Alert variant="danger" closeLabel={t('actions.close', 'Close')} title={t('consents.filter.refused', 'The filter was refused')}>
            {apiError(error)?.message}
          </Alert>
        ) : null
      }
      summary={(l) => (
        <Box paddingBottom={2}>
          <Typography variant="pi" textColor="neutral600" tag="p" data-testid="consent-total">
            {t('consents.total', '{count, plural, one {# record} other {# records}}', { count: l.meta.pagination.total })}
          </Typography>
        </Box>
      )}
      rowProps={(row) => ({
        'data-testid': 'consent-row',
        'data-consent-id': String(row.id),
        'data-receipt-id': row.receiptId ?? undefined,
        'data-erased': row.erased ? 'true' : undefined,
      })}
      columns={[
        {
          ...sortable('recordedAt', t('consents.col.date', 'Date')),
          // A consent collected elsewhere: when it was given, under when it was imported.
          cell: (row) =>
            row.collectedAt ? (
              <Flex direction="column" alignItems="flex-start">
                <DateTime value={row.recordedAt} textColor="neutral800" />
                <Flex gap={1} data-testid="consent-collected-at">
                  <Typography variant="pi" textColor="neutral600">
                    {t('consents.collectedAt', 'given:')}
                  </Typography>
                  <DateTime value={row.collectedAt} variant="pi" textColor="neutral600" />
                </Flex>
              </Flex>
            ) : (
              <DateTime value={row.recordedAt} textColor="neutral800" />
            ),
        },
        {
          key: 'agreement',
          label: t('consents.col.agreement', 'Agreement'),
          cell: (row) => (
            // Agreement names are long: they wrap, so that the subject column stays in view.
            <Box style={{ minWidth: '16rem', maxWidth: '24rem', whiteSpace: 'normal' }}>
              <Typography textColor="neutral800" fontWeight="semiBold">
                {row.agreementName ?? (row.agreementId != null ? agreements.nameOf(row.agreementId) : '—')}
              </Typography>{' '}
              <Typography textColor="neutral600" style={{ whiteSpace: 'nowrap' }}>
                {row.versionNumber ? t('agreements.versionNumber', 'v{number}', { number: row.versionNumber }) : ''}
              </Typography>
            </Box>
          ),
        },
        {
          ...sortable('action', t('consents.col.action', 'Action')),
          // The state only where it says more than the action (a given consent since withdrawn, outdated, ...).
          cell: (row) => (
            <Flex gap={1} wrap="wrap">
              <ActionBadge action={row.action} />
              {row.state && row.state !== row.action && <StateBadge state={row.state} />}
            </Flex>
          ),
        },
        personal && {
          ...sortable('ip', t('consents.col.ip', 'IP')),
          cell: (row) => (row.erased ? <ErasedBadge /> : <Typography style={mono}>{row.ip ?? '—'}</Typography>),
        },
        {
          ...sortable('formKey', t('consents.col.source', 'Source')),
          cell: (row) => <Typography style={mono}>{row.formKey ?? t(`consents.channel.${row.channel ?? 'api'}`, row.channel ?? '—')}</Typography>,
        },
        {
          key: 'pageUrl',
          label: t('consents.col.pageUrl', 'Page URL'),
          // Ellipsis needs a width on the text itself: a table cell grows to fit.
          cell: (row) => (
            <Typography ellipsis title={row.pageUrl ?? undefined} tag="div" style={{ maxWidth: '14rem' }} data-testid="consent-page-url">
              {row.pageUrl ?? '—'}
            </Typography>
          ),
        },
        personal && {
          key: 'subject',
          label: t('consents.col.subject', 'Subject'),
          cell: (row) =>
            row.erased ? (
              <ErasedBadge />
            ) : (
              <Typography ellipsis tag="div" style={{ maxWidth: '16rem' }} title={[row.subject?.name, subjectText(row)].filter(Boolean).join(' · ')}>
                {subjectText(row)}
              </Typography>
            ),
        },
      ]}
    />
  );
};

export default ConsentsPage;
