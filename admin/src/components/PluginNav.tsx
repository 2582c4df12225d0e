import { useIntl } from 'react-intl';
import { SubNav } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../pluginId';
import { useAllowed } from '../hooks/useAllowed';
import { getTranslation } from '../utils/getTranslation';

/** The plugin's own navigation: the overview, then the order a Bitrix user knows: Agreements, Forms, Consents, Companies. */
export const PluginNav = () => {
  const { formatMessage } = useIntl();
  const allowed = useAllowed();
  const base = `/plugins/${PLUGIN_ID}`;

  const links = [
    allowed.consentsRead && { to: `${base}/overview`, id: 'nav.overview', label: 'Overview' },
    allowed.agreementsRead && { to: `${base}/agreements`, id: 'nav.agreements', label: 'Agreements' },
    allowed.formsRead && { to: `${base}/forms`, id: 'nav.forms', label: 'Forms' },
    allowed.consentsRead && { to: `${base}/consents`, id: 'nav.consents', label: 'Consents' },
    allowed.consentsImport && { to: `${base}/import`, id: 'nav.import', label: 'Import' },
    allowed.companiesRead && { to: `${base}/companies`, id: 'nav.companies', label: 'Companies' },
    allowed.webhooksManage && { to: `${base}/deliveries`, id: 'nav.deliveries', label: 'Event deliveries' },
  ].filter(Boolean) as { to: string; id: string; label: string }[];

  return (
    <SubNav.Main aria-label={formatMessage({ id: getTranslation('plugin.name'), defaultMessage: 'Consents' })}>
      <SubNav.Header label={formatMessage({ id: getTranslation('plugin.name'), defaultMessage: 'Consents' })} />
      <SubNav.Sections>
        {[
          <SubNav.Section key="main" label={formatMessage({ id: getTranslation('nav.section'), defaultMessage: 'Consent management' })}>
            {links.map((l) => (
              <SubNav.Link key={l.to} to={l.to} label={formatMessage({ id: getTranslation(l.id), defaultMessage: l.label })} />
            ))}
          </SubNav.Section>,
        ]}
      </SubNav.Sections>
    </SubNav.Main>
  );
};
