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
