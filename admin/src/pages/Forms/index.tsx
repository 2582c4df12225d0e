import { ActiveStatus } from '../../components/ActiveStatus';
import { Clipped } from '../../components/list/Clipped';
import { CollectionListPage } from '../../components/list/PagedListPages';
import { useT } from '../../hooks/useT';

/** Consent collection points: the CRM forms of Bitrix24, each with its agreements. */
export const FormsPage = () => {
  const t = useT();

  return (
    <CollectionListPage
      of="forms"
      columns={[
        // One line each, whole on hover: a long name does not push Active off the screen.
        { key: 'name', label: t('forms.name', 'Name'), cell: (row) => <Clipped text={row.name} width="24rem" fixed textColor="neutral800" fontWeight="semiBold" /> },
        { key: 'key', label: t('forms.key', 'Key'), cell: (row) => <Clipped text={row.key} width="14rem" style={{ fontFamily: 'monospace' }} /> },
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
