import { adminApi } from '@strapi/strapi/admin';
import type { Overview } from '../../../shared/contracts/overview';
import { dataOf, get, LIST, TAGS, type QueryHook } from './client';

export type { Overview, ActionCounts, IntegritySummary } from '../../../shared/contracts/overview';

/** What the home page and the widget ask for: the last `days` days, counted in the admin's own time zone. */
export interface OverviewQuery {
  days: number;
  tz: string;
}

/**
 * The home page's and the widget's counts. Consents arrive while the panel is open elsewhere, so a page
 * asks again each time it opens (`refetchOnMountOrArgChange`); a withdrawal, erasure or import made in
 * the panel marks it stale through the log's tag.
 */
const overviewApi = adminApi.enhanceEndpoints({ addTagTypes: TAGS }).injectEndpoints({
  endpoints: (build) => ({
    ucOverview: build.query<Overview, OverviewQuery>({
      query: (q) => get('/overview', q),
      transformResponse: dataOf<Overview>,
      providesTags: [{ type: 'UcConsent', id: LIST }],
    }),
  }),
});

export const useOverviewQuery: QueryHook<OverviewQuery, Overview> = overviewApi.useUcOverviewQuery;

/** The browser's time zone (what the admin's clock shows); UTC when the browser does not say. */
export const browserTimeZone = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
};
