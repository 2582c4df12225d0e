import { errors } from '@strapi/utils';
import { z } from '../../../shared/contracts/common';

// The schemas live in shared/contracts (one per endpoint); this module turns their failures into
// Strapi's errors. Re-exported for the modules that still build schemas here (log, subject).
export { z, optionalText, httpUrl, pagingSchema } from '../../../shared/contracts/common';
export { pageMeta } from '../../../shared/contracts/constants';

/**
 * Parses `data` with a zod schema and turns a failure into Strapi's ValidationError (400), whose
 * message names the first offending field so that an API client sees at once what to fix.
 */
export const parse = <T extends z.ZodType>(schema: T, data: unknown, prefix?: string): z.output<T> => {
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

/** A JSON body must be an object: an array, a string or nothing is a 400 like any other bad input. */
export const parseBody = <T extends z.ZodType>(schema: T, body: unknown): z.output<T> =>
  !body || typeof body !== 'object' || Array.isArray(body) ? parse(schema, {}, 'body must be a JSON object') : parse(schema, body);

/** Parses with the schema; any failure is `orElse` (e.g. a 404 for a malformed key or receipt id). */
export const parseOr = <T extends z.ZodType>(schema: T, data: unknown, orElse: () => Error): z.output<T> => {
  const result = schema.safeParse(data);
  if (!result.success) throw orElse();
  return result.data;
};

/** A positive integer id from a route parameter; anything else is a 400, never a 500. */
export const parseId = (raw: unknown, name = 'id'): number => {
  const s = String(raw ?? '');
  if (!/^[1-9]\d{0,15}$/.test(s)) throw new errors.ValidationError(`${name} must be a positive integer`);
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new errors.ValidationError(`${name} must be a positive integer`);
  return n;
};
