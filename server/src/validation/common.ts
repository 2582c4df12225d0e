import { z, errors } from '@strapi/utils';

export { z };

/**
 * Parses `data` with a zod schema and turns a failure into Strapi's ValidationError (400), whose
 * message names the first offending field so that an API client sees at once what to fix.
 */
export const parse = <T extends z.ZodType>(schema: T, data: unknown, prefix?: string): z.infer<T> => {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String),
    message: issue.message,
    name: 'ValidationError',
  }));
  const first = issues[0];
  const where = first.path.length ? `${first.path.join('.')}: ` : '';
  throw new errors.ValidationError(`${prefix ? `${prefix}: ` : ''}${where}${first.message}`, { errors: issues });
};

/** A positive integer id from a route parameter; anything else is a 400, never a 500. */
export const parseId = (raw: unknown, name = 'id'): number => {
  const s = String(raw ?? '');
  if (!/^[1-9]\d{0,15}$/.test(s)) throw new errors.ValidationError(`${name} must be a positive integer`);
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new errors.ValidationError(`${name} must be a positive integer`);
  return n;
};

/** Optional trimmed string: '' and null become null. */
export const optionalText = (max: number) =>
  z
    .union([z.string().max(max, `must be at most ${max} characters`), z.null()])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === null ? null : v.trim() === '' ? null : v.trim()));

export const httpUrl = (max = 2000) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'http:' || u.protocol === 'https:';
      } catch {
        return false;
      }
    }, 'must be an absolute http(s) URL');

/** Paging query shared by the admin lists. */
export const pagingSchema = {
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
};

export const pageMeta = (page: number, pageSize: number, total: number) => ({
  pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total },
});
