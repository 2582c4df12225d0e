import { PLUGIN_ID } from '../pluginId';

/**
 * The plugin's part of the admin panel's own RTK Query API, as Strapi's i18n plugin does it: one
 * cache for the whole panel, so that a list read in several places is fetched once, and a save
 * invalidates (by tag) exactly what it changed. Tag names carry a prefix: the API is shared with
 * every other plugin.
 */
export const TAGS = ['UcCompany', 'UcAgreement', 'UcVersion', 'UcForm', 'UcConsent', 'UcExport', 'UcErasure', 'UcSubject', 'UcDelivery', 'UcWebhook'] as const;
export type Tag = (typeof TAGS)[number];

/**
 * The modules that inject endpoints (catalogue, log) do it on `adminApi.enhanceEndpoints({ addTagTypes:
 * TAGS })` and export only their hooks, under the types below: RTK's own types are not reachable from
 * this package, so nothing typed by them may be exported (the declaration build could not name it).
 */

/** The id under which a tag stands for a whole list (created or deleted rows change it). */
export const LIST = 'LIST';

export const BASE = `/${PLUGIN_ID}`;

/**
 * A query string with the empty values left out and every value encoded. The admin fetch client
 * joins a `params` object without encoding it (qs with `encode: false`), so a search for "R&D" would
 * reach the server as `q=R`; a string is appended as it is.
 */
export const queryString = (params: object = {}) => {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') out.set(k, String(v));
  }
  return out.toString();
};

/** Drops the empty values of a body, so that the server sees only the filters actually set. */
export const compact = <T extends object>(params: T): Partial<T> =>
  Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Partial<T>;

/** A GET of one of the plugin's admin routes, with its query encoded. */
export const get = (path: string, params?: object) => ({
  url: `${BASE}${path}`,
  method: 'GET' as const,
  config: params ? { params: queryString(params) } : undefined,
});

/** A request with a JSON body (personal data travels here, never in a URL). */
export const send = (method: 'POST' | 'PUT' | 'DELETE', path: string, data?: unknown) => ({ url: `${BASE}${path}`, method, data });

/** Strapi's answers are `{ data, meta? }`; most endpoints hand on `data` only. */
export const dataOf = <T>(res: unknown) => (res as { data: T }).data;

/** The tags a paged list provides: the list itself and each of its rows. */
export const listTags =
  <T extends Tag>(type: T) =>
  (res: { data: { id: number }[] } | undefined) => [{ type, id: LIST }, ...(res?.data ?? []).map((row) => ({ type, id: row.id }))];

/** A failed mutation changed nothing: it invalidates nothing. */
export const onSuccess =
  <R, A>(tags: (result: R, arg: A) => ({ type: Tag; id?: string | number } | Tag)[]) =>
  (result: R | undefined, error: unknown, arg: A) =>
    error || result === undefined ? [] : tags(result, arg);

type Sent<T> = { unwrap: () => Promise<T> };
export type Id = number | string;

/** An edited collection's hooks (one record, create, update, delete), for an edit page's useRecord. */
export interface RecordHooks<One, Input, Saved> {
  one: QueryHook<Id, One>;
  create: MutationHook<Input, Saved>;
  update: MutationHook<{ id: Id; body: Partial<Input> }, Saved>;
  remove: MutationHook<Id, unknown>;
}

/** What a query gives a page: the part of RTK Query's state the panel uses. */
export interface QueryState<Data> {
  /** The last answer, kept while the next one (for other arguments) loads. */
  data?: Data;
  /** The answer for the current arguments only. */
  currentData?: Data;
  error?: unknown;
  isLoading: boolean;
  isFetching: boolean;
  isError: boolean;
}
export interface QueryResult<Data> extends QueryState<Data> {
  refetch: () => unknown;
}
export interface QueryOptions {
  skip?: boolean;
  /** true: ask the server again whenever a page using it opens (data that changes by itself). */
  refetchOnMountOrArgChange?: boolean | number;
}
export type QueryHook<Arg, Data> = (arg: Arg, options?: QueryOptions) => QueryResult<Data>;
export type LazyQueryHook<Data> = () => readonly [() => unknown, QueryState<Data>, ...unknown[]];
export type MutationHook<Arg, Result> = () => readonly [(arg: Arg) => Sent<Result>, { isLoading: boolean }, ...unknown[]];
