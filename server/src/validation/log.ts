import { errors } from '@strapi/utils';
import { ListConsents, ExportConsents, WithdrawConsent, PERSONAL_FILTERS, exportOptionShape, type LogFilter, type LogQuery } from '../../../shared/contracts/log';
import { parse, parseBody } from './common';

export type { LogFilter, LogQuery };
export type ExportRequestOptions = ExportConsents.Options;
export interface ExportRequest {
  filter: LogFilter;
  options: ExportRequestOptions;
}

const OPTION_KEYS = Object.keys(exportOptionShape);
/** One parsed request split into the filter (recorded with the export) and how the file is written. */
const split = (all: Record<string, unknown>): ExportRequest => {
  const filter: Record<string, unknown> = {};
  const options: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) if (v !== undefined) (OPTION_KEYS.includes(k) ? options : filter)[k] = v;
  return { filter: filter as LogFilter, options: options as ExportRequestOptions };
};

/** A filter that names a person in a URL is refused: URLs reach logs, histories and referrers. */
const refusePersonalInUrl = (q: unknown, post: string) => {
  const given = PERSONAL_FILTERS.filter((k) => (q as Record<string, unknown> | null)?.[k] !== undefined);
  if (given.length) {
    throw new errors.ValidationError(`${given.join(' and ')} may not be sent in a URL: send the filter in the JSON body of ${post}`, {
      code: 'personal-filter-in-url',
      params: { filters: given },
      errors: given.map((k) => ({ path: [k], message: 'personal data may not be sent in a URL', name: 'ValidationError', code: 'personal-filter-in-url', params: {} })),
    });
  }
};

/** `GET /consents`: the filters that name nobody. */
export const validateLogQuery = (q: unknown): LogQuery => {
  refusePersonalInUrl(q, 'POST /user-consent/consents/search');
  return parse(ListConsents.query, q ?? {});
};
/** `POST /consents/search`: every filter, in the body. */
export const validateLogSearch = (body: unknown): LogQuery => parseBody(ListConsents.query, body ?? {});

/** `GET /consents/export` (scripts): the filters that name nobody, and the options. */
export const validateExportQuery = (q: unknown): ExportRequest => {
  refusePersonalInUrl(q, 'POST /user-consent/consents/export or POST /user-consent/consents/export-ticket');
  return split(parse(ExportConsents.request, q ?? {}));
};
/** `POST /consents/export` and `POST /consents/export-ticket`: every filter and the options, in the body. */
export const validateExportBody = (body: unknown): ExportRequest => split(parseBody(ExportConsents.request, body ?? {}));

export const validateAdminWithdrawal = (b: unknown) => parseBody(WithdrawConsent.body, b ?? {});
