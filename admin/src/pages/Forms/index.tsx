import { useNavigate } from 'react-router-dom';
import { Box, Button, EmptyStateLayout, Status, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page, SearchInput } from '@strapi/strapi/admin';
import { useConsentApi } from '../../api';
import { useAllowed } from '../../hooks/useAllowed';
import { useListParams } from '../../hooks/useListParams';
import { useLoad } from '../../hooks/useLoad';
import { useT } from '../../hooks/useT';
import { PLUGIN_ID } from '../../pluginId';
import { ListPagination } from '../../components/ListPagination';

const NO_FILTERS = [] as const;

/** Consent collection points: the CRM forms of Bitrix24, each with its agreements. */
export const FormsPage = () => {
  const t = useT();
  const api = useConsentApi();
  const navigate = useNavigate();
  const allowed = useAllowed();
  const { page, pageSize, q, key } = useListParams(NO_FILTERS);
  const list = useLoad(() => api.forms.list({ page, pageSize, q }), key);

  if (list.error) return <Page.Error />;
  const rows = list.data?.data;
  const pagination = list.data?.meta.pagination;
  const open = (id: number | string) => navigate(`/plugins/${PLUGIN_ID}/forms/${id}`);

  return (
    <Page.Main>
      <Page.Title>{t('forms.title', 'Forms')}</Page.Title>
      <Layouts.Header
        title={t('forms.title', 'Forms')}
        subtitle={t('forms.subtitle', 'Where consents are collected: the fields of each form and the agreements it asks for')}
        primaryAction={
          allowed.formsManage ? (
            <Button startIcon={<Plus />} onClick={() => open('new')}>
              {t('forms.create', 'Create form')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Action
        startActions={
          <SearchInput label={t('forms.search', 'Search by name or key')} placeholder={t('forms.search', 'Search by name or key')} />
        }
      />
      <Layouts.Content>
        {!rows ? (
          <Page.Loading />
        ) : rows.length === 0 ? (
          <EmptyStateLayout content={q ? t('list.noMatch', 'Nothing matches these filters') : t('forms.empty', 'No forms yet')} />
        ) : (
          <>
            <Box background="neutral0" shadow="tableShadow" hasRadius>
              <Table colCount={5} rowCount={rows.length + 1}>
                <Thead>
                  <Tr>
                    <Th><Typography variant="sigma">{t('forms.name', 'Name')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('forms.key', 'Key')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('forms.agreementsCount', 'Agreements')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('forms.storeSubmissions.short', 'Stores submissions')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('forms.active', 'Active')}</Typography></Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {rows.map((row) => (
                    <Tr key={row.id} onClick={() => open(row.id)} style={{ cursor: 'pointer' }}>
                      <Td><Typography textColor="neutral800" fontWeight="semiBold">{row.name}</Typography></Td>
                      <Td><Typography style={{ fontFamily: 'monospace' }}>{row.key}</Typography></Td>
                      <Td><Typography>{row.agreements.length}</Typography></Td>
                      <Td><Typography>{row.storeSubmissions ? t('toggle.yes', 'Yes') : t('toggle.no', 'No')}</Typography></Td>
                      <Td>
                        <Status variant={row.active ? 'success' : 'neutral'} size="S">
                          <Typography>{row.active ? t('forms.active.yes', 'Active') : t('forms.active.no', 'Inactive')}</Typography>
                        </Status>
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

export default FormsPage;
