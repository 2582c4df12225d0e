import { useIntl } from 'react-intl';
import { Flex, Typography } from '@strapi/design-system';
import { useExportsQuery } from '../../api';
import { PERSONAL_FILTERS, type ExportEntry } from '../../api/types';
import { useActionLabel } from '../../components/ActionBadge';
import { DateTime } from '../../components/DateTime';
import { ArchiveListPage } from '../../components/list/PagedListPages';
import { useAgreementDirectory } from '../../hooks/useAgreementDirectory';
import { useAllowed } from '../../hooks/useAllowed';
import { useT } from '../../hooks/useT';

/** An export's filter as lines to read ("Agreement: Terms"); an IP or a subject hidden from a role without personal data. */
const useFilterText = () => {
  const t = useT();
  const { formatDate } = useIntl();
  const allowed = useAllowed();
  const action = useActionLabel();
  const agreements = useAgreementDirectory();
  return (f: ExportEntry['filter']) => {
    const entries = Object.entries(f ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== '');
    if (!entries.length) return [t('exports.filter.none', 'Whole log')];
    return entries.map(([k, v]) => {
      const label = t(`consents.filter.${k}`, k);
      // The server returns the filter as typed; an IP or a subject in it is personal data.
      if ((PERSONAL_FILTERS as readonly string[]).includes(k) && !allowed.personalData) return `${label}: ${t('exports.filter.hidden', 'hidden')}`;
      // An erasure replaced the person's value in the export log with this mark.
      if (v === '[erased]') return `${label}: ${t('exports.filter.erased', 'erased')}`;
      const value = String(v);
      const shown =
        k === 'agreement'
          ? (agreements.byId.get(Number(value))?.name ?? `#${value}`)
          : k === 'action'
            ? action(value)
            : k === 'from' || k === 'to'
              ? formatDate(value, { dateStyle: 'medium', timeStyle: 'short' })
              : value;
      return `${label}: ${shown}`;
    });
  };
};

/** Every export of the log: who took which records, when, in which format. Exports are recorded by the server. */
export const ConsentExportsPage = () => {
  const t = useT();
  const filterText = useFilterText();
  return (
    <ArchiveListPage
      of="exports"
      query={useExportsQuery}
      rowProps={() => ({ 'data-testid': 'export-row' })}
      columns={[
        { key: 'when', label: t('exports.when', 'When'), cell: (row) => <DateTime value={row.createdAt} stacked /> },
        {
          key: 'who',
          label: t('exports.who', 'Who'),
          cell: (row) => (
            <Typography ellipsis tag="div" title={row.adminEmail ?? undefined} style={{ maxWidth: '12rem' }}>
              {row.adminEmail ?? '—'}
            </Typography>
          ),
        },
        {
          key: 'filter',
          label: t('exports.filter', 'Filter'),
          cell: (row) => (
            <Flex direction="column" alignItems="flex-start" gap={1} style={{ maxWidth: '16rem' }} data-testid="export-filter">
              {filterText(row.filter).map((s) => (
                <Typography key={s} variant="pi" style={{ overflowWrap: 'anywhere' }}>
                  {s}
                </Typography>
              ))}
            </Flex>
          ),
        },
        {
          key: 'format',
          label: t('exports.format', 'Format'),
          cell: (row) => <Typography data-testid="export-format">{row.format === 'xlsx' ? t('consents.export.format.xlsx', 'Excel (XLSX)') : t('consents.export.format.csv', 'CSV')}</Typography>,
        },
        {
          key: 'personal',
          label: t('exports.personal', 'Personal data'),
          cell: (row) => (row.withPersonalData ? t('toggle.yes', 'Yes') : t('toggle.no', 'No')),
        },
        {
          key: 'rows',
          label: t('exports.rows', 'Records'),
          cell: (row) => (
            <Typography data-testid="export-rows">{row.finishedAt && row.rows !== null ? row.rows : t('exports.unfinished', 'Not finished')}</Typography>
          ),
        },
      ]}
    />
  );
};

export default ConsentExportsPage;
