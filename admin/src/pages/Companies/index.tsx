import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Box, Table, Thead, Tbody, Tr, Th, Td, Typography, EmptyStateLayout } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../../pluginId';
import { getTranslation } from '../../utils/getTranslation';

interface CompanyRow {
  id: number;
  name: string;
  country: string;
  inn?: string | null;
  unp?: string | null;
  bin?: string | null;
}

export const CompaniesPage = () => {
  const { formatMessage } = useIntl();
  const { get } = useFetchClient();
  const [rows, setRows] = useState<CompanyRow[] | null>(null);
  const [error, setError] = useState(false);

  useEffect(() => {
    get<{ data: CompanyRow[] }>(`/${PLUGIN_ID}/companies`)
      .then(({ data }) => setRows(data.data))
      .catch(() => setError(true));
  }, [get]);

  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTranslation(id), defaultMessage });

  if (error) return <Page.Error />;
  if (!rows) return <Page.Loading />;

  return (
    <Page.Main>
      <Page.Title>{t('companies.title', 'Companies')}</Page.Title>
      <Layouts.Header
        title={t('companies.title', 'Companies')}
        subtitle={t('companies.subtitle', "Your company's requisites, used to fill standard agreements")}
      />
      <Layouts.Content>
        {rows.length === 0 ? (
          <EmptyStateLayout content={t('companies.empty', 'No companies yet')} />
        ) : (
          <Box background="neutral0" shadow="tableShadow" hasRadius>
            <Table colCount={3} rowCount={rows.length + 1}>
              <Thead>
                <Tr>
                  <Th><Typography variant="sigma">{t('companies.name', 'Name')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('companies.country', 'Country')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('companies.taxId', 'Tax number')}</Typography></Th>
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((row) => (
                  <Tr key={row.id}>
                    <Td><Typography textColor="neutral800">{row.name}</Typography></Td>
                    <Td><Typography>{row.country}</Typography></Td>
                    <Td><Typography>{row.inn || row.unp || row.bin || '—'}</Typography></Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </Box>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};
