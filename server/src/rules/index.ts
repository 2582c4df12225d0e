/**
 * The domain rules: each is one function with one error (see errors.ts for the status each answers
 * with and why), called by the services before they write and by the guards (server/src/guards) on
 * every other path: the query engine, the document service and, for the rules a trigger can check,
 * the database itself. A rule answers the same whichever path it refused.
 */
import type { RuleCode } from '../../../shared/contracts/constants';
import { agreementHasConsents } from './agreement-deletable';
import { formHasConsents } from './form-deletable';
import { formKeyInUse } from './form-key-changeable';
import { consentImmutable, versionImmutable, IMMUTABLE } from './immutable';

export { confirmable, conflict, fieldRefusal, forbidden } from './errors';
export { assertAgreementDeletable, agreementHasConsents, AGREEMENT_HAS_CONSENTS } from './agreement-deletable';
export { assertAgreementDetached, agreementAttached, formsUsingAgreements } from './agreement-attached';
export { assertAgreementsAttachable, agreementNotAttachable, type AttachableAgreement } from './agreement-attachable';
export { assertCompanyDeletable, companyInUse } from './company-deletable';
export { assertNoDuplicateRegistration, duplicateRegistration } from './company-duplicate';
export { assertAdvertisingOptional, assertAdvertisingAttachments, advertisingNotOptional } from './advertising-optional';
export { assertFormDeletable, formHasConsents, FORM_HAS_CONSENTS } from './form-deletable';
export { assertFormKeyChangeable, formKeyInUse, FORM_KEY_IN_USE } from './form-key-changeable';
export { assertFormKeyFree, formKeyTaken } from './form-key-unique';
export { consentImmutable, versionImmutable, immutableRefusal, IMMUTABLE } from './immutable';

/**
 * The rules a database trigger checks, by the code its message carries
 * ("user-consent: refused: <code>: <message>"), so that a refusal only the trigger caught reaches
 * the client as the rule's own error.
 */
export const TRIGGER_RULES: Partial<Record<RuleCode, () => Error>> = {
  'agreement-has-consents': agreementHasConsents,
  'form-has-consents': formHasConsents,
  'form-key-in-use': formKeyInUse,
  'consent-immutable': consentImmutable,
  'version-immutable': versionImmutable,
};

/** The error of the rule a trigger's reason names (by code, or by the immutable records' messages). */
export const ruleOfTriggerReason = (reason: string): Error | undefined => {
  const coded = /^([a-z-]+):\s/.exec(reason);
  const byCode = coded ? TRIGGER_RULES[coded[1] as RuleCode] : undefined;
  if (byCode) return byCode();
  if (reason.startsWith(IMMUTABLE.consent.slice(0, 40))) return consentImmutable();
  if (reason.startsWith(IMMUTABLE['agreement-version'].slice(0, 40))) return versionImmutable();
  return undefined;
};
