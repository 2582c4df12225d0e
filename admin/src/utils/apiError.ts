import type { FieldIssue } from './validationMessages';

/** The error body of Strapi's admin API: `{ data: null, error: { status, name, message, details } }`. */
export interface ApiErrorBody {
  status?: number;
  name?: string;
  message?: string;
  details?: { errors?: FieldIssue[] } & Record<string, unknown>;
}

/**
 * The error body of a failed request, or null for a network or other error. A query or mutation of
 * the admin API hands it on as it is; the fetch client's FetchError carries it in `response.data`.
 */
export const apiError = (error: unknown): ApiErrorBody | null => {
  if (!error || typeof error !== 'object') return null;
  const fromFetch = (error as { response?: { data?: { error?: ApiErrorBody } } }).response?.data?.error;
  if (fromFetch && typeof fromFetch === 'object') return fromFetch;
  const body = error as ApiErrorBody;
  return typeof body.name === 'string' && body.name !== 'UnknownError' && body.name !== 'FetchError' && 'message' in body ? body : null;
};

/** The server's own message when there is one (e.g. why a delete was refused). */
export const apiErrorMessage = (error: unknown): string | null => apiError(error)?.message || null;

/** The HTTP status of a failed request, when there was an answer. */
export const apiStatus = (error: unknown): number | undefined => apiError(error)?.status ?? (error as { status?: number } | null)?.status;

/**
 * Field errors of a 400 ValidationError keyed by the joined path ("inn", "requisites.inn",
 * "thirdParties.0.name"), as Strapi's `details.errors[].path` names them, each told by `describe`
 * (the admin's language: useFieldErrors) or as the server wrote it. When details are missing we fall
 * back to the message, whose parts read "field: reason; other: reason".
 */
export const fieldErrors = (error: unknown, describe: (issue: FieldIssue, body: ApiErrorBody) => string = (e) => e.message ?? ''): Record<string, string> => {
  const body = apiError(error);
  if (!body || body.name !== 'ValidationError') return {};
  const result: Record<string, string> = {};
  for (const e of body.details?.errors ?? []) {
    const key = (e.path ?? []).map(String).join('.');
    if (key && e.message && !result[key]) result[key] = describe(e, body) || e.message;
  }
  if (Object.keys(result).length === 0 && body.message) {
    for (const part of body.message.split('; ')) {
      const m = /^([A-Za-z][\w.]*): (.+)$/.exec(part);
      if (m && !result[m[1]]) result[m[1]] = m[2];
    }
  }
  return result;
};
