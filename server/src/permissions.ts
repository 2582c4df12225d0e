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
  webhooksManage: 'webhooks.manage',
} as const;

export type ActionKey = keyof typeof ACTIONS;

/** Full action id as Strapi's permission engine knows it. */
export const actionId = (key: ActionKey) => `plugin::${PLUGIN_ID}.${ACTIONS[key]}`;

const DISPLAY: Record<ActionKey, { displayName: string; subCategory: string }> = {
  companiesRead: { displayName: 'Read companies', subCategory: 'companies' },
  companiesManage: { displayName: 'Manage companies', subCategory: 'companies' },
  agreementsRead: { displayName: 'Read agreements', subCategory: 'agreements' },
  agreementsManage: { displayName: 'Manage agreements', subCategory: 'agreements' },
  formsRead: { displayName: 'Read forms', subCategory: 'forms' },
  formsManage: { displayName: 'Manage forms', subCategory: 'forms' },
  consentsRead: { displayName: 'Read consents', subCategory: 'consents' },
  personalData: { displayName: 'Read personal data', subCategory: 'consents' },
  consentsExport: { displayName: 'Export consents', subCategory: 'consents' },
  consentsWithdraw: { displayName: 'Record withdrawals', subCategory: 'consents' },
  consentsVerify: { displayName: 'Verify integrity', subCategory: 'consents' },
  consentsErase: { displayName: 'Erase personal data', subCategory: 'consents' },
  webhooksManage: { displayName: 'Webhook deliveries and subscriptions', subCategory: 'webhooks' },
};

export const actionDefinitions = (Object.keys(ACTIONS) as ActionKey[]).map((key) => ({
  section: 'plugins' as const,
  displayName: DISPLAY[key].displayName,
  subCategory: DISPLAY[key].subCategory,
  uid: ACTIONS[key],
  pluginName: PLUGIN_ID,
}));

/** Route policy config: the route is allowed when the user holds every listed action. */
export const requires = (...keys: ActionKey[]) => [
  { name: 'admin::hasPermissions', config: { actions: keys.map(actionId) } },
];
