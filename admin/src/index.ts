import { PLUGIN_ID } from './pluginId';
import { SealCheck } from '@strapi/icons';
import { PluginIcon } from './components/PluginIcon';
import { MENU_PERMISSIONS, PERMISSIONS } from './permissions';
import { prefixTranslations } from './utils/prefixTranslations';

export default {
  register(app: any) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PluginIcon,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Consents' },
      Component: () => import('./pages/App'),
      permissions: MENU_PERMISSIONS,
    });
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
    // Strapi's home page widgets (where Strapi has them; 5.54 does): consents of the last 30 days and the latest
    // integrity check, for the roles that read the log.
    app.widgets?.register({
      id: 'consents',
      pluginId: PLUGIN_ID,
      // The icon itself (not the menu's wrapper): the home page sets its colour.
      icon: SealCheck,
      title: { id: `${PLUGIN_ID}.widget.title`, defaultMessage: 'Consents' },
      component: async () => (await import('./widgets/ConsentsWidget')).ConsentsWidget,
      link: { label: { id: `${PLUGIN_ID}.widget.link`, defaultMessage: 'Open the overview' }, href: `/plugins/${PLUGIN_ID}/overview` },
      permissions: PERMISSIONS.consentsRead,
    });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: prefixTranslations(data, PLUGIN_ID), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};
