import { Typography } from '@strapi/design-system';
import { ActiveStatus } from '../../components/ActiveStatus';
import { CollectionListPage } from '../../components/list/PagedListPages';
import { useT } from '../../hooks/useT';

/** Consent collection points: the CRM forms of Bitrix24, each with its agreements. */
export const FormsPage = () => {
  const t = useT();

  return (
    <CollectionListPage
      of="forms"
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
