import type { ReactNode } from 'react';
import type { Company } from '../../../../shared/contracts/agreements';
import { useAgreementsQuery, useCompaniesQuery, useFormsQuery } from '../../api';
import type { QueryHook } from '../../api/client';
import type { Agreement, AgreementQuery, CompanyQuery, FormSettings, List, ListQuery } from '../../api/types';
import { useAllowed } from '../../hooks/useAllowed';
import { useListParams } from '../../hooks/useListParams';
import { useT } from '../../hooks/useT';
import { PLUGIN_ID } from '../../pluginId';
import { COLLECTIONS, type Archive, type Collection } from './listTexts';
import { ListPage, type ListViewProps } from './ListPage';

/**
 * A list page's texts under its prefix (listTexts.ts): the heading and the empty state every list has,
 * and `text` for the others. en.json and ru.json hold them all (tests/unit/admin-lists).
 */
const useListTexts = (of: Collection | Archive) => {
  const t = useT();
  const text = (key: string) => t(`${of}.${key}`, `${of}.${key}`);
  return { text, heading: { title: text('title'), subtitle: text('subtitle'), empty: text('empty') } };
};

type PageProps<T> = Omit<ListViewProps<T>, 'result' | 'empty' | 'filtered' | 'pageSize'> & { toolbar?: ReactNode };

/** Each collection's list query (admin/src/api), its rows and its arguments. */
const QUERIES = { agreements: useAgreementsQuery, companies: useCompaniesQuery, forms: useFormsQuery };
interface Rows {
  agreements: [Agreement, AgreementQuery];
  companies: [Company, CompanyQuery];
  forms: [FormSettings, ListQuery];
}

interface CollectionProps<O extends Collection, K extends string> extends PageProps<Rows[O][0]> {
  of: O;
  /** The filters kept in the URL (`?country=RU`) … */
  filters?: readonly K[];
  /** … and the query's arguments made of them (the filters as they are by default). */
  args?: (filters: Record<K, string | undefined>) => Omit<Rows[O][1], keyof ListQuery>;
}

/**
 * The list of an edited collection (agreements, companies, forms), all named by `of`: its query, search
 * and filters kept in the URL, rows opening `/<of>/:id`, and a create button for a role that manages
 * the collection. Its cache tags keep the list fresh after an edit.
 */
export const CollectionListPage = <O extends Collection, K extends string = never>(props: CollectionProps<O, K>) => {
  const { of, filters: keys = [], args, ...page } = props;
  // QUERIES[of] is the query of this very collection; TypeScript sees only the union of the three.
  const query = QUERIES[of] as unknown as QueryHook<Rows[O][1], List<Rows[O][0]>>;
  const { text, heading } = useListTexts(of);
  const allowed = useAllowed();
  const { page: n, pageSize, q, filters, hasFilter } = useListParams(keys);
  const result = query({ page: n, pageSize, q, ...(args ? args(filters) : filters) });
  return (
    <ListPage
      {...heading}
      editPath={`/plugins/${PLUGIN_ID}/${of}`}
      create={{ label: text('create'), allowed: allowed[COLLECTIONS[of]] }}
      search={text('search')}
      result={result}
      filtered={hasFilter}
      pageSize={pageSize}
      {...page}
    />
  );
};

interface ArchiveProps<T> extends PageProps<T> {
  of: Archive;
  query: QueryHook<ListQuery, List<T>>;
}

/**
 * A list under the consent log of what the server records by itself (exports, acts of destruction):
 * paged, no search, back to the log; asked again whenever the page opens, since it grows without an
 * edit made in this panel.
 */
export const ArchiveListPage = <T extends { id: number | string }>({ of, query, ...page }: ArchiveProps<T>) => {
  const { heading } = useListTexts(of);
  const { page: n, pageSize } = useListParams();
  const result = query({ page: n, pageSize }, { refetchOnMountOrArgChange: true });
  return (
    <ListPage
      {...heading}
      back={`/plugins/${PLUGIN_ID}/consents`}
      result={result}
      pageSize={pageSize}
      {...page}
    />
  );
};
