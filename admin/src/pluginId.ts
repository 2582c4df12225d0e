export const PLUGIN_ID = 'user-consent';
