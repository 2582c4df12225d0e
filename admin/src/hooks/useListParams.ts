import { useQueryParams } from '@strapi/strapi/admin';

type Query = Record<string, string | undefined>;

/**
 * Paging, search and filters of a list page, kept in the URL like the Content Manager does:
 * `page` and `pageSize` are written by Strapi's Pagination, `_q` by its SearchInput.
 */
export const useListParams = <K extends string>(filterKeys: readonly K[]) => {
  const [{ query }, setQuery] = useQueryParams<Query>();
  const page = Math.max(1, Number(query.page) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(query.pageSize) || 10));
  const q = typeof query._q === 'string' && query._q ? query._q : undefined;
  const filters = Object.fromEntries(
    filterKeys.map((k) => [k, typeof query[k] === 'string' && query[k] ? query[k] : undefined])
  ) as Record<K, string | undefined>;

  /** Sets (or, with an empty value, removes) one filter and goes back to the first page. */
  const setFilter = (key: K, value: string | undefined) => {
    if (value) setQuery({ [key]: value, page: '1' });
    else setQuery({ [key]: undefined, page: '1' });
  };

  return { page, pageSize, q, filters, setFilter, key: JSON.stringify({ page, pageSize, q, filters }) };
};
