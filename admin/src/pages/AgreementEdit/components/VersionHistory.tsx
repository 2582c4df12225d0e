import { useState } from 'react';
import { Badge, Button, EmptyStateLayout, Loader, Typography } from '@strapi/design-system';
import { Eye } from '@strapi/icons';
import { useAgreementVersionsQuery } from '../../../api';
import { DateTime } from '../../../components/DateTime';
import { DataTable } from '../../../components/list/DataTable';
import { useT } from '../../../hooks/useT';
import { apiErrorMessage } from '../../../utils/apiError';
import { VersionModal } from './VersionModal';

interface Props {
  agreementId: number;
  currentVersionId: number | null;
}

/** Every version the agreement has had, newest first; none is ever changed or removed. A save reloads it. */
export const VersionHistory = ({ agreementId, currentVersionId }: Props) => {
  const t = useT();
  const versions = useAgreementVersionsQuery(agreementId);
  const [open, setOpen] = useState<number | null>(null);

  if (versions.error) {
    return <Typography textColor="danger600">{apiErrorMessage(versions.error) ?? t('notification.error', 'Something went wrong')}</Typography>;
  }
  if (!versions.data) return <Loader>{t('versions.loadingList', 'Loading versions…')}</Loader>;
  if (versions.data.length === 0) return <EmptyStateLayout content={t('versions.empty', 'No versions yet: save the agreement first')} />;

  return (
    <>
      <DataTable
        rows={versions.data}
        rowProps={(v) => ({ 'data-testid': `version-row-${v.number}` })}
        columns={[
          {
            key: 'number',
            label: t('agreements.version', 'Version'),
            cell: (v) => (
              <>
                <Typography fontWeight="semiBold">{t('agreements.versionNumber', 'v{number}', { number: v.number })}</Typography>{' '}
                {v.id === currentVersionId && <Badge active>{t('versions.current', 'current')}</Badge>}
              </>
            ),
          },
          { key: 'created', label: t('versions.createdAt', 'Created'), cell: (v) => <DateTime value={v.createdAt} /> },
          {
            key: 'hash',
            label: t('versions.hashShort', 'Hash'),
            cell: (v) => (
              <Typography title={v.hash} style={{ fontFamily: 'monospace' }}>
                {v.hash.slice(0, 12)}…
              </Typography>
            ),
          },
          {
            key: 'actions',
            label: t('versions.actions', 'Actions'),
            cell: (v) => (
              <Button variant="tertiary" size="S" startIcon={<Eye />} onClick={() => setOpen(v.id)}>
                {t('versions.view', 'View version {number}', { number: v.number })}
              </Button>
            ),
          },
        ]}
      />
      {open !== null && <VersionModal versionId={open} onClose={() => setOpen(null)} />}
    </>
  );
};
