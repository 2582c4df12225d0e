import { errors } from '@strapi/utils';
import { z, parse, pagingSchema } from './common';

export const SORTABLE = ['recordedAt', 'seq', 'action', 'ip', 'formKey', 'agreementId'] as const;

const isoDate = z
  .string()
  .max(40)
  .refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 date or date-time');

const id = z.coerce.number().int().positive();

/** The consent log's filters, shared by the list and the export. */
export const filterShape = {
  from: isoDate.optional(),
  to: isoDate.optional(),
  agreement: id.optional(),
  version: id.optional(),
  form: z.string().max(100).optional(),
  action: z.enum(['given', 'refused', 'withdrawn', 'erased']).optional(),
  /** Exact address, or a prefix ending in "." or ":" (e.g. "203.0.113.") or with a trailing "*". */
  ip: z.string().max(45).regex(/^[0-9a-fA-F.:*]+$/, 'must be an IP address or a prefix such as 203.0.113.*').optional(),
  pageUrl: z.string().max(500).optional(),
  /** An e-mail or a phone number of the subject (matched by its hash, exactly). */
  subject: z.string().max(320).optional(),
};

const listQuery = z.strictObject({
  ...pagingSchema,
  sort: z.enum(SORTABLE).default('recordedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  ...filterShape,
});

export type LogFilter = { [K in keyof typeof filterShape]?: z.infer<(typeof filterShape)[K]> };
export type LogQuery = z.infer<typeof listQuery>;

/** Filters that name a person: accepted only in a JSON body, never in a URL (URLs reach logs and histories). */
const PERSONAL_FILTERS = ['ip', 'subject'] as const;

const refusePersonalInUrl = (q: unknown, post: string) => {
  const given = PERSONAL_FILTERS.filter((k) => (q as Record<string, unknown> | null)?.[k] !== undefined);
  if (given.length) {
    throw new errors.ValidationError(`${given.join(' and ')} may not be sent in a URL: send the filter in the JSON body of ${post}`, {
      errors: given.map((k) => ({ path: [k], message: 'personal data may not be sent in a URL', name: 'ValidationError' })),
    });
  }
};

/** `GET /consents`: the filters that name nobody. */
export const validateLogQuery = (q: unknown) => {
  refusePersonalInUrl(q, 'POST /user-consent/consents/search');
  return parse(listQuery, q ?? {});
};
/** `POST /consents/search`: every filter, in the body. */
export const validateLogSearch = (body: unknown) => parse(listQuery, body ?? {});

/** `GET /consents/export` (scripts): the filters that name nobody. */
export const validateExportQuery = (q: unknown) => {
  refusePersonalInUrl(q, 'POST /user-consent/consents/export or POST /user-consent/consents/export-ticket');
  return parse(z.strictObject(filterShape), q ?? {}) as LogFilter;
};
/** `POST /consents/export` and `POST /consents/export-ticket`: every filter, in the body. */
export const validateExportBody = (body: unknown) => parse(z.strictObject(filterShape), body ?? {}) as LogFilter;
