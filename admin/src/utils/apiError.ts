/** The error body of Strapi's admin API: `{ data: null, error: { status, name, message, details } }`. */
export interface ApiErrorBody {
  status?: number;
  name?: string;
  message?: string;
  details?: { errors?: { path?: (string | number)[]; message?: string }[] } & Record<string, unknown>;
}

/** The error body carried by useFetchClient's FetchError, or null for a network or other error. */
export const apiError = (error: unknown): ApiErrorBody | null => {
  const body = (error as { response?: { data?: { error?: ApiErrorBody } } } | null)?.response?.data?.error;
  return body && typeof body === 'object' ? body : null;
};

/** The server's own message when there is one (e.g. why a delete was refused). */
export const apiErrorMessage = (error: unknown): string | null => apiError(error)?.message || null;

/**
 * Field errors of a 400 ValidationError keyed by the joined path ("inn", "requisites.inn",
 * "thirdParties.0.name"). When details are missing we fall back to the message, whose parts read
 * "field: reason; other: reason".
 */
export const fieldErrors = (error: unknown): Record<string, string> => {
  const body = apiError(error);
  if (!body || body.name !== 'ValidationError') return {};
  const result: Record<string, string> = {};
  for (const e of body.details?.errors ?? []) {
    const key = (e.path ?? []).map(String).join('.');
    if (key && e.message && !result[key]) result[key] = e.message;
  }
  if (Object.keys(result).length === 0 && body.message) {
    for (const part of body.message.split('; ')) {
      const m = /^([A-Za-z][\w.]*): (.+)$/.exec(part);
      if (m && !result[m[1]]) result[m[1]] = m[2];
    }
  }
  return result;
};
