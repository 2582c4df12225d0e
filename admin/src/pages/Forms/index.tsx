import { Typography } from '@strapi/design-system';
import { useFormsQuery } from '../../api';
import { ActiveStatus } from '../../components/ActiveStatus';
import { ListPage } from '../../components/list/ListPage';
import { useAllowed } from '../../hooks/useAllowed';
import { useListParams } from '../../hooks/useListParams';
import { useT } from '../../hooks/useT';
import { PLUGIN_ID } from '../../pluginId';

/** Consent collection points: the CRM forms of Bitrix24, each with its agreements. */
export const FormsPage = () => {
  const t = useT();
  const allowed = useAllowed();
  const { page, pageSize, q, hasFilter } = useListParams();
  const list = useFormsQuery({ page, pageSize, q });

  return (
    <ListPage
      title={t('forms.title', 'Forms')}
      subtitle={t('forms.subtitle', 'Where consents are collected: the fields of each form and the agreements it asks for')}
      editPath={`/plugins/${PLUGIN_ID}/forms`}
      create={{ label: t('forms.create', 'Create form'), allowed: allowed.formsManage }}
      search={t('forms.search', 'Search by name or key')}
      result={list}
      filtered={hasFilter}
      empty={t('forms.empty', 'No forms yet')}
      pageSize={pageSize}
      columns={[
        { key: 'name', label: t('forms.name', 'Name'), cell: (row) => row.name, strong: true },
        { key: 'key', label: t('forms.key', 'Key'), cell: (row) => <Typography style={{ fontFamily: 'monospace' }}>{row.key}</Typography> },
        { key: 'agreements', label: t('forms.agreementsCount', 'Agreements'), cell: (row) => row.agreements.length },
        {
          key: 'store',
          label: t('forms.storeSubmissions.short', 'Stores submissions'),
          cell: (row) => (row.storeSubmissions ? t('toggle.yes', 'Yes') : t('toggle.no', 'No')),
        },
        {
          key: 'active',
          label: t('forms.active', 'Active'),
          cell: (row) => <ActiveStatus active={row.active} of="forms" />,
        },
      ]}
    />
  );
};

export default FormsPage;
