import { Flex, Typography } from '@strapi/design-system';
import type { ErasureAct } from '../../../../shared/contracts/personal';
import { useErasuresQuery } from '../../api';
import { ActDownloadButton } from '../../components/ActDownloadButton';
import { DateTime } from '../../components/DateTime';
import { ArchiveListPage } from '../../components/list/PagedListPages';
import { useErasureLabels } from '../../hooks/useErasureLabels';
import { useT } from '../../hooks/useT';

/** A cell of wrapping text, kept between these widths so that the table fits the page. */
const Wrapped = ({ min, max, children, testId }: { min?: string; max: string; children: string | number; testId?: string }) => (
  <Typography tag="div" style={{ minWidth: min, maxWidth: max, whiteSpace: 'normal', overflowWrap: 'anywhere' }} data-testid={testId}>
    {children}
  </Typography>
);

/**
 * Acts of destruction («Акты об уничтожении персональных данных»): every erasure, by a person's
 * request, a withdrawal or the end of a retention period, with what was destroyed and who did it.
 * Each act downloads as a PDF. The acts name no person: the destroyed data is not in them.
 */
export const ErasuresPage = () => {
  const t = useT();
  const labels = useErasureLabels();

  const adminOf = (a: ErasureAct['admin']) =>
    a ? [a.name, a.email].filter(Boolean).join(' · ') || `#${a.id}` : t('erasures.admin.system', 'The plugin (automatic)');

  return (
    <ArchiveListPage
      of="erasures"
      query={useErasuresQuery}
      rowProps={(row) => ({ 'data-testid': 'erasure-row', 'data-erasure-id': String(row.id) })}
      columns={[
        // The act's number with its PDF beside it: one column less, so that the table fits 1280 px in Russian.
        {
          key: 'number',
          label: t('erasures.number', 'No.'),
          cell: (row) => (
            <Flex gap={2}>
              <Typography textColor="neutral800" fontWeight="semiBold">{row.id}</Typography>
              <ActDownloadButton actId={row.id} compact />
            </Flex>
          ),
        },
        { key: 'date', label: t('erasures.date', 'Date'), cell: (row) => <DateTime value={row.erasedAt} stacked /> },
        {
          key: 'reason',
          label: t('erasure.reason', 'Reason'),
          cell: (row) => (
            <Flex direction="column" alignItems="flex-start" gap={1} style={{ minWidth: '9rem', maxWidth: '12rem', whiteSpace: 'normal' }}>
              <Typography data-testid="erasure-reason">{labels.reason(row.reason)}</Typography>
              {row.note && (
                <Typography variant="pi" textColor="neutral600" style={{ overflowWrap: 'anywhere' }}>
                  {row.note}
                </Typography>
              )}
            </Flex>
          ),
        },
        {
          key: 'kind',
          label: t('erasures.kind', 'Scope'),
          cell: (row) => (
            <Wrapped min="7rem" max="9rem">
              {labels.kind(row.kind)}
            </Wrapped>
          ),
        },
        {
          // Events and persons in one column, so that the table fits a laptop screen with the act button.
          key: 'counts',
          label: t('erasures.counts', 'Events / persons'),
          cell: (row) => (
            <Typography>
              <span data-testid="erasure-events">{row.events}</span> / <span data-testid="erasure-subjects">{row.subjects}</span>
            </Typography>
          ),
        },
        {
          key: 'categories',
          label: t('erasures.categories', 'Categories'),
          cell: (row) => (
            <Wrapped min="9rem" max="11rem" testId="erasure-categories">
              {row.categories.length ? row.categories.map(labels.category).join(', ') : '—'}
            </Wrapped>
          ),
        },
        { key: 'admin', label: t('erasures.admin', 'Destroyed by'), cell: (row) => <Wrapped max="10rem">{adminOf(row.admin)}</Wrapped> },
      ]}
    />
  );
};

export default ErasuresPage;
