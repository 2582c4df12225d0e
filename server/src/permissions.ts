import { PLUGIN_ID } from './pluginId';

/**
 * RBAC actions of the plugin. Each admin route names the action it needs; the admin panel hides
 * what a role may not use, but these are the boundary.
 */
export const ACTIONS = {
  companiesRead: 'companies.read',
  companiesManage: 'companies.manage',
  agreementsRead: 'agreements.read',
  agreementsManage: 'agreements.manage',
  formsRead: 'forms.read',
  formsManage: 'forms.manage',
  consentsRead: 'consents.read',
  personalData: 'consents.personal-data',
  consentsExport: 'consents.export',
  consentsWithdraw: 'consents.withdraw',
  consentsVerify: 'consents.verify',
  consentsErase: 'consents.erase',
  consentsImport: 'consents.import',
  webhooksManage: 'webhooks.manage',
} as const;

export type ActionKey = keyof typeof ACTIONS;

/** Full action id as Strapi's permission engine knows it. */
export const actionId = (key: ActionKey) => `plugin::${PLUGIN_ID}.${ACTIONS[key]}`;

/** The name Settings → Roles shows for each action; it groups them by the uid's first part ("companies"). */
const DISPLAY_NAMES: Record<ActionKey, string> = {
  companiesRead: 'Read companies',
  companiesManage: 'Manage companies',
  agreementsRead: 'Read agreements',
  agreementsManage: 'Manage agreements',
  formsRead: 'Read forms',
  formsManage: 'Manage forms',
  consentsRead: 'Read consents',
  personalData: 'Read personal data',
  consentsExport: 'Export consents',
  consentsWithdraw: 'Record withdrawals',
  consentsVerify: 'Verify integrity',
  consentsErase: 'Erase personal data',
  consentsImport: 'Import consents collected elsewhere',
  webhooksManage: 'Webhook deliveries and subscriptions',
};

export const actionDefinitions = (Object.keys(ACTIONS) as ActionKey[]).map((key) => ({
  section: 'plugins' as const,
  displayName: DISPLAY_NAMES[key],
  subCategory: ACTIONS[key].split('.')[0],
  uid: ACTIONS[key],
  pluginName: PLUGIN_ID,
}));

/** Route policy config: the route is allowed when the user holds every listed action. */
export const requires = (...keys: ActionKey[]) => [
  { name: 'admin::hasPermissions', config: { actions: keys.map(actionId) } },
];
