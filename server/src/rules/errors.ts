import { errors } from '@strapi/utils';
import type { RuleCode } from '../../../shared/contracts/constants';

/**
 * The errors a domain rule answers with. Strapi has no 409 Conflict class, so:
 *
 * - a refused change of something in use (an agreement with consents, a company agreements use) is an
 *   ApplicationError, 400: what Strapi's own plugins answer for the same kind of refusal (i18n refuses
 *   to delete the default locale with one), and its message reaches the client and the admin's
 *   notification as written. It is not a permission matter, so not a 403.
 * - a rule about one field's new value (a form's key) is a ValidationError, 400, naming the field in
 *   `details.errors`, so that the admin shows it next to the field as it does any validation error.
 * - records that may never change (consent events, agreement versions) answer PolicyError, 403:
 *   no state of the data makes the change acceptable.
 *
 * Every one carries the rule's machine code in `details.code` (shared/contracts RULE_CODES), whichever
 * path refused: a service, the query engine, the document service or a database trigger.
 */
export const conflict = (code: RuleCode, message: string, extra: Record<string, unknown> = {}) =>
  new errors.ApplicationError(message, { code, ...extra });

export const fieldRefusal = (code: RuleCode, path: string[], message: string, extra: Record<string, unknown> = {}) =>
  new errors.ValidationError(`${path.join('.')}: ${message}`, {
    code,
    errors: [{ path, message, name: 'ValidationError' }],
    ...extra,
  });

export const forbidden = (code: RuleCode, message: string) => new errors.PolicyError(message, { code, reason: 'immutable' });

/**
 * A warning the client may override by confirming (a duplicate registration number): 409 Conflict in
 * Strapi's error shape. Strapi maps its own error classes to 400 but answers any http-errors error
 * with its status, so the error is made one (the abstract HttpError class cannot be constructed).
 */
export const confirmable = (code: RuleCode, message: string, params: Record<string, unknown>) => {
  const error = new Error(message) as Error & { status: number; statusCode: number; expose: boolean; details: Record<string, unknown> };
  Object.setPrototypeOf(error, errors.HttpError.prototype);
  error.name = 'ConflictError';
  error.status = 409;
  error.statusCode = 409;
  error.expose = true;
  error.details = { code, params };
  return error;
};
