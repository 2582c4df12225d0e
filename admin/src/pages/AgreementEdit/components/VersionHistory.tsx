import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Badge, Box, Button, EmptyStateLayout, Loader, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Eye } from '@strapi/icons';
import { useConsentApi } from '../../../api';
import { useLoad } from '../../../hooks/useLoad';
import { useT } from '../../../hooks/useT';
import { apiErrorMessage } from '../../../utils/apiError';
import { VersionModal } from './VersionModal';

interface Props {
  agreementId: number;
  currentVersionId: number | null;
  /** Changes after every save so the list reloads. */
  reloadKey: string;
}

/** Every version the agreement has had, newest first; none is ever changed or removed. */
export const VersionHistory = ({ agreementId, currentVersionId, reloadKey }: Props) => {
  const t = useT();
  const { formatDate } = useIntl();
  const api = useConsentApi();
  const versions = useLoad(() => api.agreements.versions(agreementId), `versions:${agreementId}:${reloadKey}`);
  const [open, setOpen] = useState<number | null>(null);

  if (versions.error) {
    return <Typography textColor="danger600">{apiErrorMessage(versions.error) ?? t('notification.error', 'Something went wrong')}</Typography>;
  }
  if (!versions.data) return <Loader>{t('versions.loadingList', 'Loading versions…')}</Loader>;
  if (versions.data.length === 0) return <EmptyStateLayout content={t('versions.empty', 'No versions yet: save the agreement first')} />;

  return (
    <Box background="neutral0" shadow="tableShadow" hasRadius>
      <Table colCount={4} rowCount={versions.data.length + 1}>
        <Thead>
          <Tr>
            <Th><Typography variant="sigma">{t('agreements.version', 'Version')}</Typography></Th>
            <Th><Typography variant="sigma">{t('versions.createdAt', 'Created')}</Typography></Th>
            <Th><Typography variant="sigma">{t('versions.hashShort', 'Hash')}</Typography></Th>
            <Th><Typography variant="sigma">{t('versions.actions', 'Actions')}</Typography></Th>
          </Tr>
        </Thead>
        <Tbody>
          {versions.data.map((v) => (
            <Tr key={v.id} data-testid={`version-row-${v.number}`}>
              <Td>
                <Typography fontWeight="semiBold">{t('agreements.versionNumber', 'v{number}', { number: v.number })}</Typography>{' '}
                {v.id === currentVersionId && <Badge active>{t('versions.current', 'current')}</Badge>}
              </Td>
              <Td><Typography>{formatDate(v.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</Typography></Td>
              <Td>
                <Typography title={v.hash} style={{ fontFamily: 'monospace' }}>
                  {v.hash.slice(0, 12)}…
                </Typography>
              </Td>
              <Td>
                <Button variant="tertiary" size="S" startIcon={<Eye />} onClick={() => setOpen(v.id)}>
                  {t('versions.view', 'View version {number}', { number: v.number })}
                </Button>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      {open !== null && <VersionModal versionId={open} onClose={() => setOpen(null)} />}
    </Box>
  );
};
