import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { FILTER_KEYS, SORTABLE, type ConsentFilter, type ConsentQuery, type FilterKey, type SortField } from '../../../api/consents';

export const PAGE_SIZES = [10, 25, 50, 100];
const DEFAULT_PAGE_SIZE = 25;

/** Sorting a column the first time: newest first for dates, A→Z for the others. */
const firstOrder = (field: SortField): 'asc' | 'desc' => (field === 'recordedAt' || field === 'seq' ? 'desc' : 'asc');

/**
 * The log's paging, sorting and filters, kept in the URL so that a filtered log can be linked to
 * (`consents?agreement=3` from the agreement editor) and survives a reload or the back button.
 * Written with URLSearchParams, which encodes every value: a page URL with "&" or a phone with "+"
 * stays what was typed. Strapi's Pagination.Links reads the same URL and keeps the other values.
 */
export const useConsentQuery = () => {
  const [params, setParams] = useSearchParams();

  const query = useMemo(() => {
    const filter: ConsentFilter = {};
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v) filter[k] = v;
    }
    const sortParam = params.get('sort') as SortField | null;
    const sort: SortField = sortParam && (SORTABLE as readonly string[]).includes(sortParam) ? sortParam : 'recordedAt';
    const order = params.get('order') === 'asc' || params.get('order') === 'desc' ? (params.get('order') as 'asc' | 'desc') : firstOrder(sort);
    const page = Math.max(1, Number(params.get('page')) || 1);
    const pageSize = Math.min(100, Math.max(1, Number(params.get('pageSize')) || DEFAULT_PAGE_SIZE));
    return { filter, sort, order, page, pageSize } as const;
  }, [params]);

  /** Changes some values and goes back to the first page; an empty value removes the key. */
  const update = useCallback(
    (changes: Record<string, string | undefined>, replace = false) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v) next.set(k, v);
            else next.delete(k);
          }
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace }
      );
    },
    [setParams]
  );

  const setFilter = useCallback(
    (key: FilterKey, value: string | undefined, replace = false) =>
      // A version belongs to one agreement: changing the agreement drops it.
      update(key === 'agreement' ? { agreement: value, version: undefined } : { [key]: value }, replace),
    [update]
  );

  const clearFilters = useCallback(() => update(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined]))), [update]);

  const sortBy = useCallback(
    (field: SortField) => {
      const order = query.sort === field ? (query.order === 'asc' ? 'desc' : 'asc') : firstOrder(field);
      update({ sort: field, order });
    },
    [query.sort, query.order, update]
  );

  const setPageSize = useCallback((size: number) => update({ pageSize: String(size) }), [update]);

  const apiQuery: ConsentQuery = { ...query.filter, page: query.page, pageSize: query.pageSize, sort: query.sort, order: query.order };
  const hasFilter = Object.keys(query.filter).length > 0;

  return { ...query, apiQuery, hasFilter, key: params.toString(), setFilter, clearFilters, sortBy, setPageSize };
};

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as the value of a datetime-local input, in the viewer's time zone (to the minute). */
export const toLocalInput = (iso: string | undefined) => {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/**
 * A datetime-local value (local time) as an ISO instant for the server. The end of a range takes
 * the whole minute, so that "to 10:05" includes a consent given at 10:05:30.
 */
export const fromLocalInput = (value: string, end: boolean) => {
  if (!value) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return undefined;
  if (end) d.setSeconds(59, 999);
  return d.toISOString();
};
