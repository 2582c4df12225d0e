import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import type { IntegrityReport } from '../../../shared/contracts/log';
import type { IntegritySummary } from '../../../shared/contracts/overview';

/**
 * The latest check of the chain, kept in Strapi's plugin store (one row of strapi_core_store_settings)
 * for the home page: whoever ran it (the admin panel, the API, `npm run verify-consents`) and however
 * long ago. Counts and a code only; a failed check that threw stores nothing.
 */
const KEY = 'integrity-last-check';
const store = (strapi: Core.Strapi) => strapi.store({ type: 'plugin', name: PLUGIN_ID });

export const summaryOf = (report: IntegrityReport): IntegritySummary => ({
  intact: report.intact,
  checked: report.checked,
  checkedAt: report.checkedAt,
  headSeq: report.head?.seq ?? null,
  code: report.firstBroken?.code ?? null,
  triggersMissing: report.triggersMissing.length,
});

/** Keeps the report's summary; a store that cannot be written costs the home page its line, not the check. */
export const saveIntegritySummary = async (strapi: Core.Strapi, report: IntegrityReport) => {
  try {
    await store(strapi).set({ key: KEY, value: summaryOf(report) });
  } catch (e) {
    strapi.log.warn(`[${PLUGIN_ID}] could not keep the integrity check's summary: ${(e as Error).message}`);
  }
};

export const lastIntegritySummary = async (strapi: Core.Strapi): Promise<IntegritySummary | null> => {
  const value = (await store(strapi).get({ key: KEY })) as IntegritySummary | null;
  return value && typeof value === 'object' && typeof value.checkedAt === 'string' ? value : null;
};
