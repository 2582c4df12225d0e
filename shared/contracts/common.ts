/**
 * Building blocks of the request schemas, and the envelopes every response comes in.
 *
 * zod is imported from `zod/v4`, the very module `z` of @strapi/utils is (Strapi 5.54 pins zod 4.4.3
 * and re-exports `zod/v4`), so one zod instance serves the server, the admin bundle and front ends.
 */
import * as z from 'zod/v4';
import { FORM_KEY_PATTERN, LIMITS, PHONE_PATTERN } from './constants';

export { z };

/** Optional trimmed string: '' and null become null. */
export const optionalText = (max: number) =>
  z
    .union([z.string().max(max, `must be at most ${max} characters`), z.null()])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === null ? null : v.trim() === '' ? null : v.trim()));

const isHttpUrl = (v: string) => {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
};

/** An absolute http(s) URL. */
export const httpUrl = (max: number = LIMITS.urlLength) =>
  z.string().max(max, `must be at most ${max} characters`).refine(isHttpUrl, { message: 'must be an absolute http(s) URL', params: { code: 'http-url' } });

/** An optional http(s) URL: '' and null become null. */
export const optionalHttpUrl = (max: number = LIMITS.urlLength) =>
  z
    .union([httpUrl(max), z.literal(''), z.null()])
    .optional()
    .transform((v) => (v === '' ? null : v));

/**
 * A site's address as people type it: "shop.example" or "www.shop.example/about" gets `https://`
 * in front (what a browser would open); anything with a scheme, or that does not look like a host
 * name, is left for the URL check to judge.
 */
export const withScheme = (v: string) => {
  const s = v.trim();
  return s && !/^[a-z][a-z0-9+.-]*:/i.test(s) && /^[^\s/]+\.[^\s/]+(\/\S*)?$/.test(s) ? `https://${s}` : s;
};

/** An optional website: fixed up by withScheme, then an http(s) URL; '' and null become null. */
export const optionalWebsite = (max: number = LIMITS.urlLength) =>
  z
    .union([z.literal(''), z.null(), z.string().transform(withScheme).pipe(httpUrl(max))])
    .optional()
    .transform((v) => (v === '' ? null : v));

export const requiredText = (max: number) => z.string().trim().min(1, 'is required').max(max);

export const email = z.string().trim().max(LIMITS.emailLength).email('must be an e-mail address');

/** A subject's phone number. */
export const phone = z.string().trim().max(LIMITS.phoneLength).regex(PHONE_PATTERN, 'must be a phone number');

export const receiptId = z.string().uuid('must be a receipt id');

/** The token that goes with a receipt (only its hash is stored). */
export const receiptToken = z.string().min(1).max(LIMITS.receiptTokenLength);

/**
 * A page's language as a page names it (`<html lang>`, `?language=`): a BCP 47 tag such as "en" or
 * "en-US", read as its primary language in lowercase ("en").
 */
export const languageTag = z
  .string()
  .trim()
  .max(35)
  .regex(/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/, 'must be a language tag, e.g. "en" or "en-US"')
  .transform((v) => v.split(/[-_]/)[0].toLowerCase());

export const formKey = z.string().regex(FORM_KEY_PATTERN, 'must be a slug: lowercase letters, digits and dashes');

/** A positive integer id in a route parameter ("12"); anything else is refused. */
export const idParam = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .refine((s) => /^[1-9]\d{0,15}$/.test(s) && Number.isSafeInteger(Number(s)), { message: 'must be a positive integer', params: { code: 'invalid-id' } })
  .transform(Number);

/** `/:id` route parameters. */
export const idParams = z.object({ id: idParam });

/** Paging query shared by the admin lists. */
export const pagingSchema = {
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSize.max).default(LIMITS.pageSize.default),
};

/** A list's free-text search. */
export const searchQuery = z.string().max(LIMITS.searchLength).optional();

/** An admin list's query: paging, the free-text search `q`, and the list's own filters. */
export const listQuery = <F extends z.core.$ZodLooseShape>(filters: F) => z.object({ ...pagingSchema, q: searchQuery, ...filters });

/** The parts of a request an endpoint's schemas validate. */
type RequestPart = 'params' | 'query' | 'body';

/**
 * An endpoint's request as a client sends it: for each part the endpoint has a schema for (`params`,
 * `query`, `body`), what that schema accepts. E.g. `RequestOf<typeof CaptureConsents>`.
 */
export type RequestOf<Endpoint> = {
  [P in keyof Endpoint & RequestPart]: Endpoint[P] extends z.ZodType ? z.input<Endpoint[P]> : never;
};

/** The compiler checks that what an editor may send (U) is acceptable to the schema's input (T). */
export type Fits<T, U extends T> = U;

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

export interface ListMeta {
  pagination: Pagination;
}

/** Strapi's error body: `{ data: null, error }`. `details.code` names the domain rule (constants RULE_CODES). */
export interface ApiError {
  status: number;
  name: string;
  message: string;
  details: {
    code?: string;
    errors?: { path: string[]; message: string; name: string }[];
    [key: string]: unknown;
  };
}

export interface ErrorResponse {
  data: null;
  error: ApiError;
}

/** A successful answer: `{ data }`, `meta` when the endpoint has some. On failure: ErrorResponse. */
export interface DataResponse<T> {
  data: T;
  error?: never;
}

/** A successful answer with the endpoint's own `meta`. */
export type MetaResponse<T, M> = DataResponse<T> & { meta: M };

export interface ListResponse<T> {
  data: T[];
  meta: ListMeta;
  error?: never;
}
