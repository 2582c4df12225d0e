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

export const validateLogQuery = (q: unknown) => parse(listQuery, q ?? {});
export const validateExportQuery = (q: unknown) => parse(z.strictObject(filterShape), q ?? {}) as LogFilter;
