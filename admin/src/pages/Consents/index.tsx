import { useState } from 'react';
import { NavLink } from 'react-router-dom';
import { Alert, Box, Button, Flex, LinkButton, Typography } from '@strapi/design-system';
import { Clock, ListSearch, Shield, Trash } from '@strapi/icons';
import { useAgreementVersionsQuery, useConsentsQuery, useFormsQuery, useLazyIntegrityQuery } from '../../api';
import type { ConsentList, ConsentRow } from '../../api/types';
import { ActionBadge, useActionLabel } from '../../components/ActionBadge';
import { StateBadge } from '../../components/StateBadge';
import { DateTime } from '../../components/DateTime';
import { ErasedBadge } from '../../components/ErasedBadge';
import { ListPage } from '../../components/list/ListPage';
import { useAgreementDirectory } from '../../hooks/useAgreementDirectory';
import { useAllowed } from '../../hooks/useAllowed';
import { useErrorMessage } from '../../hooks/useErrorMessage';
import { useT } from '../../hooks/useT';
import { PLUGIN_ID } from '../../pluginId';
import { apiError, apiErrorMessage } from '../../utils/apiError';
import { fieldMessage, issueText } from '../../utils/validationMessages';
import { ConsentFilters } from './components/ConsentFilters';
import { ExportButton } from './components/ExportButton';
import { IntegrityPanel } from './components/IntegrityPanel';
import { SortHeader } from './components/SortHeader';
import { PAGE_SIZES, useConsentQuery } from './hooks/useConsentQuery';
import { ReplicaNote } from '../../components/ReplicaNote';

const BASE = `/plugins/${PLUGIN_ID}/consents`;
const ALL = { pageSize: 100 };

const subjectText = (row: ConsentRow) => row.subject?.email || row.subject?.phone || row.subject?.name || '—';
const mono = { fontFamily: 'monospace' };

/** An agreement's name on one line, cut to the column with the whole name on hover; its version beside it. */
const AgreementCell = ({ name, version }: { name: string; version: string }) => (
  <Flex gap={1} style={{ width: '19rem' }}>
    <Typography ellipsis tag="div" textColor="neutral800" fontWeight="semiBold" title={name} data-testid="consent-agreement">
      {name}
    </Typography>
    {version && (
      <Typography textColor="neutral600" style={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
        {version}
      </Typography>
    )}
  </Flex>
);

/**
 * The consent log, «Список принятых согласий»: every consent given, refused or withdrawn, with
 * server-side paging, sorting and filters (the IP and subject ones kept out of the URL), the CSV
 * export of the current filter and the verification of the hash chain. Nothing here can change a record.
 */
export const ConsentsPage = () => {
  const t = useT();
  const actionLabel = useActionLabel();
  const errorMessage = useErrorMessage();
  // A refused filter: what is wrong with it, in the admin's language.
  const refusal = (error: unknown) => {
    const first = apiError(error)?.details?.errors?.[0];
    return first && issueText(first) ? fieldMessage(first, t) : errorMessage(error);
  };
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
  const formName = new Map((forms.data?.data ?? []).map((f) => [f.key, f.name] as const));
  const filteredForm = q.filter.form && (formName.get(q.filter.form) ?? q.filter.form);
  // The Bitrix path (form → Agreements → pencil → «Список принятых согласий») lands on the given consents of one agreement.
  const accepted = !!q.filter.agreement && q.filter.action === 'given';
  const subtitle = filteredAgreement
    ? filteredForm
      ? t('consents.subtitle.agreementForm', 'Consents to “{name}” through the form “{form}”', { name: filteredAgreement, form: filteredForm })
      : t('consents.subtitle.agreement', 'Consents to “{name}”', { name: filteredAgreement })
    : t('consents.subtitle', 'Every consent given, refused or withdrawn. Records are never changed or deleted.');
  const sortable = (field: Parameters<typeof q.sortBy>[0], label: string) => ({
    key: field,
    label,
    header: <SortHeader field={field} label={label} sort={q.sort} order={q.order} onSort={q.sortBy} />,
  });

  return (
    <ListPage
      title={accepted ? t('agreements.consents', 'List of accepted consents') : t('consents.title', 'Consent log')}
      subtitle={subtitle}
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
            {refusal(error)}
          </Alert>
        ) : null
      }
      summary={(l) => (
        <Box paddingBottom={2}>
          <Typography variant="pi" textColor="neutral600" tag="p" data-testid="consent-total">
            {t('consents.total', '{count, plural, one {# record} other {# records}}', { count: l.meta.pagination.total })}
          </Typography>
          <ReplicaNote replica={(l.meta as ConsentList['meta']).replica} />
        </Box>
      )}
      rowProps={(row) => ({
        'data-testid': 'consent-row',
        'data-consent-id': String(row.id),
        'data-action': row.action,
        'data-receipt-id': row.receiptId ?? undefined,
        'data-erased': row.erased ? 'true' : undefined,
      })}
      // Five columns of fixed widths that fit 1280 px in both languages: the page address goes under
      // its source and the IP under the subject; every cut value is whole on hover and on the record.
      columns={[
        {
          ...sortable('recordedAt', t('consents.col.date', 'Date')),
          // A consent collected elsewhere: when it was given, under when it was imported.
          cell: (row) =>
            row.collectedAt ? (
              <Flex direction="column" alignItems="flex-start">
                <DateTime value={row.recordedAt} textColor="neutral800" stacked />
                <Flex gap={1} data-testid="consent-collected-at">
                  <Typography variant="pi" textColor="neutral600">
                    {t('consents.collectedAt', 'given:')}
                  </Typography>
                  <DateTime value={row.collectedAt} variant="pi" textColor="neutral600" />
                </Flex>
              </Flex>
            ) : (
              <DateTime value={row.recordedAt} textColor="neutral800" stacked />
            ),
        },
        {
          key: 'agreement',
          label: t('consents.col.agreement', 'Agreement'),
          cell: (row) => (
            <AgreementCell
              name={row.agreementName ?? (row.agreementId != null ? agreements.nameOf(row.agreementId) : '—')}
              version={row.versionNumber ? t('agreements.versionNumber', 'v{number}', { number: row.versionNumber }) : ''}
            />
          ),
        },
        {
          // Sorted by what it shows (the server orders by the state rule, CONSENT_STATES' order).
          ...sortable('state', t('consents.col.state', 'State')),
          // The consent's state now as its badge (a consent given, since withdrawn, reads "withdrawn"),
          // the event this row records under it.
          cell: (row) => (
            <Flex direction="column" alignItems="flex-start" gap={1} style={{ width: '15rem' }}>
              {row.state ? <StateBadge state={row.state} /> : <ActionBadge action={row.action} />}
              {row.state && (
                <Typography variant="pi" textColor="neutral600" data-testid="consent-event">
                  {t(`consents.event.${row.action}`, actionLabel(row.action))}
                </Typography>
              )}
            </Flex>
          ),
        },
        {
          ...sortable('formKey', t('consents.col.source', 'Source')),
          // The form by its name (its key on hover), or the channel of a consent recorded without one; the page under it.
          cell: (row) => {
            const source = row.formKey ? (formName.get(row.formKey) ?? row.formKey) : t(`consents.channel.${row.channel ?? 'api'}`, row.channel ?? '—');
            return (
              <Box style={{ width: '14rem' }}>
                <Typography ellipsis tag="div" title={row.formKey ?? source} data-testid="consent-source">
                  {source}
                </Typography>
                <Typography ellipsis tag="div" variant="pi" textColor="neutral600" title={row.pageUrl ?? undefined} data-testid="consent-page-url">
                  {row.pageUrl ?? '—'}
                </Typography>
              </Box>
            );
          },
        },
        personal && {
          key: 'subject',
          label: t('consents.col.subject', 'Subject'),
          // The IP address under the subject.
          cell: (row) =>
            row.erased ? (
              <ErasedBadge />
            ) : (
              <Box style={{ width: '14rem' }}>
                <Typography ellipsis tag="div" title={[row.subject?.name, subjectText(row)].filter(Boolean).join(' · ')} data-testid="consent-subject">
                  {subjectText(row)}
                </Typography>
                <Typography ellipsis tag="div" variant="pi" textColor="neutral600" style={mono} title={row.ip ?? undefined} data-testid="consent-ip">
                  {row.ip ?? '—'}
                </Typography>
              </Box>
            ),
        },
      ]}
    />
  );
};

export default ConsentsPage;
