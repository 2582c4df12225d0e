import { useNavigate } from 'react-router-dom';
import {
  Box,
  Button,
  EmptyStateLayout,
  SingleSelect,
  SingleSelectOption,
  Status,
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
import { ListPagination } from '../../components/ListPagination';

const FILTERS = ['type', 'template', 'active'] as const;

export const AgreementsPage = () => {
  const t = useT();
  const api = useConsentApi();
  const navigate = useNavigate();
  const allowed = useAllowed();
  const { page, pageSize, q, filters, setFilter, key } = useListParams(FILTERS);
  const active = filters.active === 'true' || filters.active === 'false' ? filters.active : undefined;
  const list = useLoad(
    () => api.agreements.list({ page, pageSize, q, type: filters.type, template: filters.template, active }),
    key
  );
  const templates = useLoad(() => api.templates(), 'templates');

  if (list.error) return <Page.Error />;
  const rows = list.data?.data;
  const pagination = list.data?.meta.pagination;
  const open = (id: number | string) => navigate(`/plugins/${PLUGIN_ID}/agreements/${id}`);
  const templateTitle = (id: string | null) =>
    id ? t(`templates.${id}`, templates.data?.find((tpl) => tpl.id === id)?.title ?? id) : '—';

  const filter = (name: (typeof FILTERS)[number], label: string, placeholder: string, options: [string, string][]) => (
    <SingleSelect
      aria-label={label}
      placeholder={placeholder}
      value={filters[name] ?? ''}
      onChange={(v) => setFilter(name, String(v))}
      onClear={filters[name] ? () => setFilter(name, undefined) : undefined}
      clearLabel={t('filters.clear', 'Clear')}
      size="S"
    >
      {options.map(([value, text]) => (
        <SingleSelectOption key={value} value={value}>
          {text}
        </SingleSelectOption>
      ))}
    </SingleSelect>
  );

  return (
    <Page.Main>
      <Page.Title>{t('agreements.title', 'Agreements')}</Page.Title>
      <Layouts.Header
        title={t('agreements.title', 'Agreements')}
        subtitle={t('agreements.subtitle', 'Texts people agree to; every visible change makes a new version')}
        primaryAction={
          allowed.agreementsManage ? (
            <Button startIcon={<Plus />} onClick={() => open('new')}>
              {t('agreements.create', 'Create agreement')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Action
        startActions={
          <>
            <SearchInput label={t('agreements.search', 'Search by name')} placeholder={t('agreements.search', 'Search by name')} />
            {filter('type', t('agreements.type', 'Type'), t('agreements.filter.type', 'All types'), [
              ['standard', t('agreements.type.standard', 'Standard')],
              ['custom', t('agreements.type.custom', 'Custom')],
            ])}
            {filter(
              'template',
              t('agreements.template', 'Template'),
              t('agreements.filter.template', 'All templates'),
              (templates.data ?? []).map((tpl) => [tpl.id, t(`templates.${tpl.id}`, tpl.title)])
            )}
            {filter('active', t('agreements.active', 'Active'), t('agreements.filter.active', 'Active and inactive'), [
              ['true', t('agreements.active.yes', 'Active')],
              ['false', t('agreements.active.no', 'Inactive')],
            ])}
          </>
        }
      />
      <Layouts.Content>
        {!rows ? (
          <Page.Loading />
        ) : rows.length === 0 ? (
          <EmptyStateLayout
            content={
              q || filters.type || filters.template || active
                ? t('list.noMatch', 'Nothing matches these filters')
                : t('agreements.empty', 'No agreements yet')
            }
          />
        ) : (
          <>
            <Box background="neutral0" shadow="tableShadow" hasRadius>
              <Table colCount={5} rowCount={rows.length + 1}>
                <Thead>
                  <Tr>
                    <Th><Typography variant="sigma">{t('agreements.name', 'Name')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('agreements.type', 'Type')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('agreements.template', 'Template')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('agreements.version', 'Version')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('agreements.active', 'Active')}</Typography></Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {rows.map((row) => (
                    <Tr key={row.id} onClick={() => open(row.id)} style={{ cursor: 'pointer' }}>
                      <Td><Typography textColor="neutral800" fontWeight="semiBold">{row.name}</Typography></Td>
                      <Td><Typography>{t(`agreements.type.${row.type}`, row.type)}</Typography></Td>
                      <Td><Typography>{row.type === 'standard' ? templateTitle(row.template) : '—'}</Typography></Td>
                      <Td><Typography>{row.currentVersionNumber ? t('agreements.versionNumber', 'v{number}', { number: row.currentVersionNumber }) : '—'}</Typography></Td>
                      <Td>
                        <Status variant={row.active ? 'success' : 'neutral'} size="S">
                          <Typography>{row.active ? t('agreements.active.yes', 'Active') : t('agreements.active.no', 'Inactive')}</Typography>
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

export default AgreementsPage;
