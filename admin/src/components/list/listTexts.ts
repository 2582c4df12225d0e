/** The edited collections, each with the permission that lets a role create and change its records. */
export const COLLECTIONS = { agreements: 'agreementsManage', companies: 'companiesManage', forms: 'formsManage' } as const;
export type Collection = keyof typeof COLLECTIONS;

/** The records the server writes by itself under the consent log: its CSV exports and the acts of destruction. */
export type Archive = 'exports' | 'erasures';

/**
 * The texts of a list page under its translation prefix (`<of>.title`, …): every list has a title, a
 * subtitle and what it says when empty; a collection's also has its create button and its search box.
 */
export const LIST_TEXTS: Record<Collection | Archive, readonly string[]> = {
  agreements: ['title', 'subtitle', 'empty', 'create', 'search'],
  companies: ['title', 'subtitle', 'empty', 'create', 'search'],
  forms: ['title', 'subtitle', 'empty', 'create', 'search'],
  exports: ['title', 'subtitle', 'empty'],
  erasures: ['title', 'subtitle', 'empty'],
};
