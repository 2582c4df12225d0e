import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * Paging, search and filters of a list page, kept in the URL like the Content Manager does, so that
 * a filtered list can be linked to and survives a reload or the back button. Strapi's SearchInput
 * writes `_q` (encoded) and its Pagination links write `page`; everything else is written here with
 * URLSearchParams, which encodes every value: "R&D", a page URL with "&" or a phone with "+" stays
 * what was typed. Personal data never goes here (see the consent log's own state).
 */
export const useListParams = <K extends string = never>(filterKeys: readonly K[] = [], defaultPageSize = 10) => {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(params.get('pageSize')) || defaultPageSize));
  const q = params.get('_q') || undefined;
  const filterKey = filterKeys.map((k) => `${k}=${params.get(k) ?? ''}`).join('&');
  const filters = useMemo(
    () => Object.fromEntries(filterKeys.map((k) => [k, params.get(k) || undefined])) as Record<K, string | undefined>,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [filterKey]
  );

  /** Changes some values (an empty one removes its key) and goes back to the first page. */
  const update = useCallback(
    (changes: Record<string, string | undefined>, replace = false) =>
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
      ),
    [setParams]
  );

  const setFilter = useCallback((key: K, value: string | undefined, replace = false) => update({ [key]: value }, replace), [update]);
  const hasFilter = !!q || Object.values(filters).some(Boolean);

  return { params, page, pageSize, q, filters, hasFilter, update, setFilter };
};
