import { useNavigate } from 'react-router-dom';
import {
  Box,
  Button,
  EmptyStateLayout,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page, SearchInput } from '@strapi/strapi/admin';
import { useConsentApi } from '../../api';
import { useAllowed } from '../../hooks/useAllowed';
import { useListParams } from '../../hooks/useListParams';
import { useLoad } from '../../hooks/useLoad';
import { useT } from '../../hooks/useT';
import { PLUGIN_ID } from '../../pluginId';
import { COUNTRIES, mainNumber } from '../../utils/requisites';
import { ListPagination } from '../../components/ListPagination';

const FILTERS = ['country'] as const;

export const CompaniesPage = () => {
  const t = useT();
  const api = useConsentApi();
  const navigate = useNavigate();
  const allowed = useAllowed();
  const { page, pageSize, q, filters, setFilter, key } = useListParams(FILTERS);
  const list = useLoad(() => api.companies.list({ page, pageSize, q, country: filters.country }), key);

  if (list.error) return <Page.Error />;
  const rows = list.data?.data;
  const pagination = list.data?.meta.pagination;
  const open = (id: number | string) => navigate(`/plugins/${PLUGIN_ID}/companies/${id}`);

  return (
    <Page.Main>
      <Page.Title>{t('companies.title', 'Companies')}</Page.Title>
      <Layouts.Header
        title={t('companies.title', 'Companies')}
        subtitle={t('companies.subtitle', "Your company's requisites, used to fill standard agreements")}
        primaryAction={
          allowed.companiesManage ? (
            <Button startIcon={<Plus />} onClick={() => open('new')}>
              {t('companies.create', 'Create company')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Action
        startActions={
          <>
            <SearchInput label={t('companies.search', 'Search by name')} placeholder={t('companies.search', 'Search by name')} />
            <SingleSelect
              aria-label={t('companies.country', 'Country')}
              placeholder={t('companies.filter.country', 'All countries')}
              value={filters.country ?? ''}
              onChange={(v) => setFilter('country', String(v))}
              onClear={filters.country ? () => setFilter('country', undefined) : undefined}
              clearLabel={t('filters.clear', 'Clear')}
              size="S"
            >
              {COUNTRIES.map((c) => (
                <SingleSelectOption key={c} value={c}>
                  {t(`country.${c}`, c)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </>
        }
      />
      <Layouts.Content>
        {!rows ? (
          <Page.Loading />
        ) : rows.length === 0 ? (
          <EmptyStateLayout content={q || filters.country ? t('list.noMatch', 'Nothing matches these filters') : t('companies.empty', 'No companies yet')} />
        ) : (
          <>
            <Box background="neutral0" shadow="tableShadow" hasRadius>
              <Table colCount={4} rowCount={rows.length + 1}>
                <Thead>
                  <Tr>
                    <Th><Typography variant="sigma">{t('companies.name', 'Name')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('companies.country', 'Country')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('companies.taxId', 'Tax number')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('companies.email', 'E-mail')}</Typography></Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {rows.map((row) => (
                    <Tr key={row.id} onClick={() => open(row.id)} style={{ cursor: 'pointer' }}>
                      <Td><Typography textColor="neutral800" fontWeight="semiBold">{row.name}</Typography></Td>
                      <Td><Typography>{t(`country.${row.country}`, row.country)}</Typography></Td>
                      <Td><Typography>{mainNumber(row) || '—'}</Typography></Td>
                      <Td><Typography>{row.email || '—'}</Typography></Td>
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

export default CompaniesPage;
