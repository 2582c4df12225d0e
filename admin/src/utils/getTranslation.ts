import { PLUGIN_ID } from '../pluginId';

/** Translation ids are prefixed with the plugin id, as Strapi's admin expects. */
export const getTranslation = (id: string) => `${PLUGIN_ID}.${id}`;
