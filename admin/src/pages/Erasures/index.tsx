import { Box, EmptyStateLayout, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { BackButton, Layouts, Page } from '@strapi/strapi/admin';
import type { ErasureAct } from '../../../../shared/contracts/personal';
import { useConsentApi } from '../../api';
import { ActDownloadButton } from '../../components/ActDownloadButton';
import { DateTime } from '../../components/DateTime';
import { ListPagination } from '../../components/ListPagination';
import { useErasureLabels } from '../../hooks/useErasureLabels';
import { useListParams } from '../../hooks/useListParams';
import { useLoad } from '../../hooks/useLoad';
import { useT } from '../../hooks/useT';
import { PLUGIN_ID } from '../../pluginId';

const NO_FILTERS = [] as const;
const LIST = `/plugins/${PLUGIN_ID}/consents`;

/**
 * Acts of destruction («Акты об уничтожении персональных данных»): every erasure, by a person's
 * request, a withdrawal or the end of a retention period, with what was destroyed and who did it.
 * Each act downloads as a PDF. The acts name no person: the destroyed data is not in them.
 */
export const ErasuresPage = () => {
  const t = useT();
  const api = useConsentApi();
  const labels = useErasureLabels();
  const { page, pageSize, key } = useListParams(NO_FILTERS);
  const list = useLoad(() => api.erasures.list({ page, pageSize }), key);

  if (list.error) return <Page.Error />;
  const rows = list.data?.data;
  const pagination = list.data?.meta.pagination;

  const adminOf = (a: ErasureAct['admin']) =>
    a ? [a.name, a.email].filter(Boolean).join(' · ') || `#${a.id}` : t('erasures.admin.system', 'The plugin (automatic)');

  return (
    <Page.Main>
      <Page.Title>{t('erasures.title', 'Acts of destruction')}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback={LIST} />}
        title={t('erasures.title', 'Acts of destruction')}
        subtitle={t(
          'erasures.subtitle',
          'Every destruction of personal data: when, why, how much and by whom. The consent events stay in the log as proof.'
        )}
      />
      <Layouts.Content>
        {!rows ? (
          <Page.Loading />
        ) : rows.length === 0 ? (
          <EmptyStateLayout content={t('erasures.empty', 'No personal data has been destroyed yet')} />
        ) : (
          <>
            <Box background="neutral0" shadow="tableShadow" hasRadius>
              <Table colCount={9} rowCount={rows.length + 1}>
                <Thead>
                  <Tr>
                    <Th><Typography variant="sigma">{t('erasures.number', 'No.')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('erasures.date', 'Date')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('erasure.reason', 'Reason')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('erasures.kind', 'Scope')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('erasures.events', 'Events')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('erasures.subjects', 'Persons')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('erasures.categories', 'Categories')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('erasures.admin', 'Destroyed by')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('erasures.act', 'Act')}</Typography></Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {rows.map((row) => (
                    <Tr key={row.id} data-testid="erasure-row" data-erasure-id={row.id}>
                      <Td><Typography fontWeight="semiBold">{row.id}</Typography></Td>
                      <Td><DateTime value={row.erasedAt} /></Td>
                      <Td>
                        <Flex direction="column" alignItems="flex-start" gap={1} style={{ minWidth: '9rem', maxWidth: '14rem', whiteSpace: 'normal' }}>
                          <Typography data-testid="erasure-reason">{labels.reason(row.reason)}</Typography>
                          {row.note && (
                            <Typography variant="pi" textColor="neutral600" style={{ overflowWrap: 'anywhere' }}>
                              {row.note}
                            </Typography>
                          )}
                        </Flex>
                      </Td>
                      <Td>
                        <Typography tag="div" style={{ minWidth: '8rem', maxWidth: '11rem', whiteSpace: 'normal' }}>
                          {labels.kind(row.kind)}
                        </Typography>
                      </Td>
                      <Td><Typography data-testid="erasure-events">{row.events}</Typography></Td>
                      <Td><Typography data-testid="erasure-subjects">{row.subjects}</Typography></Td>
                      <Td>
                        <Typography variant="pi" style={{ display: 'block', minWidth: '10rem', maxWidth: '16rem', whiteSpace: 'normal' }} data-testid="erasure-categories">
                          {row.categories.length ? row.categories.map(labels.category).join(', ') : '—'}
                        </Typography>
                      </Td>
                      <Td>
                        <Typography tag="div" style={{ maxWidth: '12rem', whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
                          {adminOf(row.admin)}
                        </Typography>
                      </Td>
                      <Td>
                        <ActDownloadButton actId={row.id} compact />
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

export default ErasuresPage;
