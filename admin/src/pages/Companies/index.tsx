import { useCompaniesQuery } from '../../api';
import { ListFilter } from '../../components/list/ListFilter';
import { ListPage } from '../../components/list/ListPage';
import { useAllowed } from '../../hooks/useAllowed';
import { useListParams } from '../../hooks/useListParams';
import { useT } from '../../hooks/useT';
import { PLUGIN_ID } from '../../pluginId';
import { COUNTRIES, mainNumber } from '../../utils/requisites';

const FILTERS = ['country'] as const;

export const CompaniesPage = () => {
  const t = useT();
  const allowed = useAllowed();
  const { page, pageSize, q, filters, hasFilter } = useListParams(FILTERS);
  const list = useCompaniesQuery({ page, pageSize, q, country: filters.country });

  return (
    <ListPage
      title={t('companies.title', 'Companies')}
      subtitle={t('companies.subtitle', "Your company's requisites, used to fill standard agreements")}
      editPath={`/plugins/${PLUGIN_ID}/companies`}
      create={{ label: t('companies.create', 'Create company'), allowed: allowed.companiesManage }}
      search={t('companies.search', 'Search by name')}
      toolbar={
        <ListFilter
          name="country"
          label={t('companies.country', 'Country')}
          placeholder={t('companies.filter.country', 'All countries')}
          options={COUNTRIES.map((c) => [c, t(`country.${c}`, c)] as const)}
        />
      }
      result={list}
      filtered={hasFilter}
      empty={t('companies.empty', 'No companies yet')}
      pageSize={pageSize}
      columns={[
        { key: 'name', label: t('companies.name', 'Name'), cell: (row) => row.name, strong: true },
        { key: 'country', label: t('companies.country', 'Country'), cell: (row) => t(`country.${row.country}`, row.country) },
        { key: 'taxId', label: t('companies.taxId', 'Tax number'), cell: (row) => mainNumber(row) || '—' },
        { key: 'email', label: t('companies.email', 'E-mail'), cell: (row) => row.email || '—' },
      ]}
    />
  );
};

export default CompaniesPage;
