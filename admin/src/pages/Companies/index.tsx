import { ListFilter } from '../../components/list/ListFilter';
import { Clipped } from '../../components/list/Clipped';
import { CollectionListPage } from '../../components/list/PagedListPages';
import { useT } from '../../hooks/useT';
import { COUNTRIES, mainNumber } from '../../utils/requisites';

const FILTERS = ['country'] as const;

export const CompaniesPage = () => {
  const t = useT();

  return (
    <CollectionListPage
      of="companies"
      filters={FILTERS}
      toolbar={
        <ListFilter
          name="country"
          label={t('companies.country', 'Country')}
          placeholder={t('companies.filter.country', 'All countries')}
          options={COUNTRIES.map((c) => [c, t(`country.${c}`, c)] as const)}
        />
      }
      columns={[
        { key: 'name', label: t('companies.name', 'Name'), cell: (row) => <Clipped text={row.name} width="28rem" fixed textColor="neutral800" fontWeight="semiBold" /> },
        { key: 'country', label: t('companies.country', 'Country'), cell: (row) => t(`country.${row.country}`, row.country) },
        { key: 'taxId', label: t('companies.taxId', 'Tax number'), cell: (row) => mainNumber(row) || '—' },
        { key: 'email', label: t('companies.email', 'E-mail'), cell: (row) => <Clipped text={row.email || '—'} width="20rem" /> },
      ]}
    />
  );
};

export default CompaniesPage;
