import { Box, Typography } from '@strapi/design-system';
import { useTemplatesQuery } from '../../api';
import { ListFilter } from '../../components/list/ListFilter';
import { ActiveStatus } from '../../components/ActiveStatus';
import { Clipped } from '../../components/list/Clipped';
import { CollectionListPage } from '../../components/list/PagedListPages';
import { useT } from '../../hooks/useT';

const FILTERS = ['type', 'template', 'active'] as const;

export const AgreementsPage = () => {
  const t = useT();
  const { data: templates = [] } = useTemplatesQuery();
  const templateTitle = (id: string | null) => (id ? t(`templates.${id}`, templates.find((tpl) => tpl.id === id)?.title ?? id) : '—');
  const activeText = (on: boolean) => (on ? t('agreements.active.yes', 'Active') : t('agreements.active.no', 'Inactive'));

  return (
    <CollectionListPage
      of="agreements"
      filters={FILTERS}
      // `active` is sent only when it is true or false.
      args={({ type, template, active }) => ({ type, template, active: (['true', 'false'] as const).find((v) => v === active) })}
      toolbar={
        <>
          <ListFilter
            name="type"
            label={t('agreements.type', 'Type')}
            placeholder={t('agreements.filter.type', 'All types')}
            options={[
              ['standard', t('agreements.type.standard', 'Standard')],
              ['custom', t('agreements.type.custom', 'Custom')],
            ]}
          />
          <ListFilter
            name="template"
            label={t('agreements.template', 'Template')}
            placeholder={t('agreements.filter.template', 'All templates')}
            options={templates.map((tpl) => [tpl.id, t(`templates.${tpl.id}`, tpl.title)] as const)}
          />
          <ListFilter
            name="active"
            label={t('agreements.active', 'Active')}
            placeholder={t('agreements.filter.active', 'Active and inactive')}
            options={[
              ['true', activeText(true)],
              ['false', activeText(false)],
            ]}
          />
        </>
      }
      columns={[
        // Names and template titles are cut to one line (whole on hover and in the editor), so that
        // Version and Active stay on screen at 1280 px in Russian too.
        {
          key: 'name',
          label: t('agreements.name', 'Name'),
          cell: (row) => <Clipped text={row.name} width="24rem" fixed textColor="neutral800" fontWeight="semiBold" data-testid="agreement-name" />,
        },
        {
          key: 'type',
          label: t('agreements.type', 'Type'),
          cell: (row) => <Typography style={{ whiteSpace: 'nowrap' }}>{t(`agreements.type.${row.type}`, row.type)}</Typography>,
        },
        {
          key: 'template',
          label: t('agreements.template', 'Template'),
          cell: (row) => <Clipped text={row.type === 'standard' ? templateTitle(row.template) : '—'} width="20rem" fixed />,
        },
        {
          key: 'version',
          label: t('agreements.version', 'Version'),
          cell: (row) => (
            <Typography style={{ whiteSpace: 'nowrap' }}>
              {row.currentVersionNumber ? t('agreements.versionNumber', 'v{number}', { number: row.currentVersionNumber }) : '—'}
            </Typography>
          ),
        },
        {
          key: 'active',
          label: t('agreements.active', 'Active'),
          cell: (row) => (
            <Box style={{ whiteSpace: 'nowrap' }}>
              <ActiveStatus active={row.active} of="agreements" />
            </Box>
          ),
        },
      ]}
    />
  );
};

export default AgreementsPage;
