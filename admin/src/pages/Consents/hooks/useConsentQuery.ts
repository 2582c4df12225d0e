import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import {
  FILTER_KEYS,
  PERSONAL_FILTERS,
  SORTABLE,
  type ConsentFilter,
  type ConsentQuery,
  type FilterKey,
  type PersonalFilterKey,
  type SortField,
} from '../../../api/types';

export const PAGE_SIZES = [10, 25, 50, 100];
const DEFAULT_PAGE_SIZE = 25;

/** The filters that may stand in the URL: none of them names a person. */
const URL_FILTERS = FILTER_KEYS.filter((k) => !(PERSONAL_FILTERS as readonly string[]).includes(k));
const isPersonal = (k: FilterKey): k is PersonalFilterKey => (PERSONAL_FILTERS as readonly string[]).includes(k);

/** Where a history entry of the log keeps its IP and subject filters. */
const STATE_KEY = 'consentLogPersonalFilter';
type Personal = Partial<Record<PersonalFilterKey, string>>;

const personalOf = (state: unknown): Personal | null => {
  const held = (state as Record<string, unknown> | null)?.[STATE_KEY];
  if (!held || typeof held !== 'object') return null;
  const out: Personal = {};
  for (const k of PERSONAL_FILTERS) {
    const v = (held as Record<string, unknown>)[k];
    if (typeof v === 'string' && v) out[k] = v;
  }
  return out;
};
const same = (a: Personal, b: Personal) => PERSONAL_FILTERS.every((k) => (a[k] ?? '') === (b[k] ?? ''));

/** Sorting a column the first time: newest first for dates, A→Z for the others. */
const firstOrder = (field: SortField): 'asc' | 'desc' => (field === 'recordedAt' || field === 'seq' ? 'desc' : 'asc');

/**
 * The log's paging, sorting and filters. Those that name no one stay in the URL, so that a filtered
 * log can be linked to (`consents?agreement=3` from the agreement editor) and survives a reload or
 * the back button; the IP and the subject are personal data and never go into a URL: they live in
 * this page's state and in its history entry's state (which a reload and the back button keep too).
 * Everything reaches the server in the body of `POST /consents/search`.
 */
export const useConsentQuery = () => {
  const location = useLocation();
  const navigate = useNavigate();
  const [personal, setPersonal] = useState<Personal>(() => personalOf(location.state) ?? {});

  // An entry made by a link of the page (paging) has no person filter yet: it gets the current one.
  // Coming back to an entry (back, forward, reload) brings the filter it was left with.
  useEffect(() => {
    const held = personalOf(location.state);
    if (held) setPersonal((prev) => (same(prev, held) ? prev : held));
    else if (Object.keys(personal).length)
      navigate(
        { pathname: location.pathname, search: location.search },
        { replace: true, state: { ...(location.state as object | null), [STATE_KEY]: personal } }
      );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.key]);

  const query = useMemo(() => {
    const params = new URLSearchParams(location.search);
    const filter: ConsentFilter = { ...personal };
    for (const k of URL_FILTERS) {
      const v = params.get(k);
      if (v) filter[k] = v;
    }
    const sortParam = params.get('sort') as SortField | null;
    const sort: SortField = sortParam && (SORTABLE as readonly string[]).includes(sortParam) ? sortParam : 'recordedAt';
    const orderParam = params.get('order');
    const order = orderParam === 'asc' || orderParam === 'desc' ? orderParam : firstOrder(sort);
    const page = Math.max(1, Number(params.get('page')) || 1);
    const pageSize = Math.min(100, Math.max(1, Number(params.get('pageSize')) || DEFAULT_PAGE_SIZE));
    return { filter, sort, order, page, pageSize } as const;
  }, [location.search, personal]);

  /** Changes some values of the URL and the person filter, and goes back to the first page. */
  const go = useCallback(
    (changes: Record<string, string | undefined>, nextPersonal: Personal, replace = false) => {
      const params = new URLSearchParams(location.search);
      for (const [k, v] of Object.entries(changes)) {
        if (v) params.set(k, v);
        else params.delete(k);
      }
      if (!('page' in changes)) params.delete('page');
      setPersonal(nextPersonal);
      navigate(
        { pathname: location.pathname, search: params.toString() },
        { replace, state: { ...(location.state as object | null), [STATE_KEY]: nextPersonal } }
      );
    },
    [location, navigate]
  );

  const setFilter = useCallback(
    (key: FilterKey, value: string | undefined, replace = false) => {
      if (isPersonal(key)) go({}, { ...personal, [key]: value || undefined }, replace);
      // A version belongs to one agreement: changing the agreement drops it.
      else go(key === 'agreement' ? { agreement: value, version: undefined } : { [key]: value }, personal, replace);
    },
    [go, personal]
  );

  const clearFilters = useCallback(() => go(Object.fromEntries(URL_FILTERS.map((k) => [k, undefined])), {}), [go]);

  const sortBy = useCallback(
    (field: SortField) => go({ sort: field, order: query.sort === field ? (query.order === 'asc' ? 'desc' : 'asc') : firstOrder(field) }, personal),
    [go, personal, query.sort, query.order]
  );

  const body: ConsentQuery = { ...query.filter, page: query.page, pageSize: query.pageSize, sort: query.sort, order: query.order };
  const hasFilter = Object.keys(query.filter).length > 0;

  return { ...query, body, hasFilter, setFilter, clearFilters, sortBy };
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
