import { PLUGIN_ID } from './pluginId';

const a = (uid: string) => [{ action: `plugin::${PLUGIN_ID}.${uid}`, subject: null }];

/** Mirrors server/src/permissions.ts; the server enforces, the panel only hides. */
export const PERMISSIONS = {
  companiesRead: a('companies.read'),
  companiesManage: a('companies.manage'),
  agreementsRead: a('agreements.read'),
  agreementsManage: a('agreements.manage'),
  formsRead: a('forms.read'),
  formsManage: a('forms.manage'),
  consentsRead: a('consents.read'),
  personalData: a('consents.personal-data'),
  consentsExport: a('consents.export'),
  consentsWithdraw: a('consents.withdraw'),
  consentsVerify: a('consents.verify'),
  consentsErase: a('consents.erase'),
  consentsImport: a('consents.import'),
  webhooksManage: a('webhooks.manage'),
};

/** The menu entry shows when the user may read any section of the plugin. */
export const MENU_PERMISSIONS = [
  ...PERMISSIONS.agreementsRead,
  ...PERMISSIONS.formsRead,
  ...PERMISSIONS.consentsRead,
  ...PERMISSIONS.companiesRead,
  ...PERMISSIONS.webhooksManage,
  ...PERMISSIONS.consentsImport,
];

