import { errors } from '@strapi/utils';
import { z } from '../../../shared/contracts/common';
import { issueCode } from '../../../shared/contracts/issues';

// The schemas live in shared/contracts (one per endpoint); this module turns their failures into
// Strapi's errors. Re-exported for the modules that still build schemas here (log, subject).
export { z, optionalText, httpUrl, pagingSchema } from '../../../shared/contracts/common';
export { pageMeta } from '../../../shared/contracts/constants';
export { issueCode };

/**
 * Parses `data` with a zod schema and turns a failure into Strapi's ValidationError (400), whose
 * message names the first offending field so that an API client sees at once what to fix. Each item
 * of `details.errors` keeps zod's (or the contract's) English message and adds its machine `code` and
 * `params` (see issueCode), which the admin panel says in the user's language.
 */
export const parse = <T extends z.ZodType>(schema: T, data: unknown, prefix?: string): z.output<T> => {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String),
    message: issue.message,
    name: 'ValidationError',
    ...issueCode(issue, data),
  }));
  const first = issues[0];
  const where = first.path.length ? `${first.path.join('.')}: ` : '';
  // The first issue's code is also the refusal's own (`details.code`), as every other refusal has one.
  throw new errors.ValidationError(`${prefix ? `${prefix}: ` : ''}${where}${first.message}`, { code: first.code, params: first.params, errors: issues });
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
  const refuse = () => new errors.ValidationError(`${name} must be a positive integer`, { code: 'invalid-id', params: { name } });
  if (!/^[1-9]\d{0,15}$/.test(s)) throw refuse();
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw refuse();
  return n;
};
