/**
 * `strapi-plugin-user-consent/contracts`: the public API's request schemas (zod 4) and response types,
 * for the front ends that call /api/user-consent/... without the widget.
 *
 *   import { CaptureConsents } from 'strapi-plugin-user-consent/contracts';
 *   const body = CaptureConsents.body.parse(input);  // the same schema the server validates with
 *
 * zod is a dependency of the plugin (the version Strapi itself uses); nothing else is bundled.
 */
export * from './public';
export * from './status';
export type { FormField } from './forms';
export type { ApiError, DataResponse, ErrorResponse } from './common';
export {
  AGREEMENT_LANGUAGES,
  type AgreementLanguage,
  BEHAVIOURS,
  CONSENT_ACTIONS,
  CONSENT_STATES,
  FIELD_TYPES,
  FORM_KEY_PATTERN,
  LIMITS,
  RULE_CODES,
  behaviourFlags,
  type Behaviour,
  type ConsentAction,
  type ConsentState,
  type FieldType,
  type RuleCode,
} from './constants';
export * from './self-service';
export * from './checkpoints';
