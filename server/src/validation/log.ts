import { errors } from '@strapi/utils';
import { ListConsents, ExportConsents, WithdrawConsent, PERSONAL_FILTERS, type LogFilter, type LogQuery } from '../../../shared/contracts/log';
import { parse, parseBody } from './common';

export type { LogFilter, LogQuery };

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

/** `GET /consents/export` (scripts): the filters that name nobody. */
export const validateExportQuery = (q: unknown): LogFilter => {
  refusePersonalInUrl(q, 'POST /user-consent/consents/export or POST /user-consent/consents/export-ticket');
  return parse(ExportConsents.filter, q ?? {});
};
/** `POST /consents/export` and `POST /consents/export-ticket`: every filter, in the body. */
export const validateExportBody = (body: unknown): LogFilter => parseBody(ExportConsents.filter, body ?? {});

export const validateAdminWithdrawal = (b: unknown) => parseBody(WithdrawConsent.body, b ?? {});
