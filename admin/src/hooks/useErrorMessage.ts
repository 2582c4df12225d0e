import { useCallback } from 'react';
import { RULE_CODES } from '../../../shared/contracts/constants';
import { apiError, fieldErrors } from '../utils/apiError';
import { fieldMessage, issueText } from '../utils/validationMessages';
import { useT } from './useT';

/** Refusals other than a domain rule's or a field's that the panel says in its own words (errors.<code>). */
const REFUSAL_CODES = ['not-given', 'not-found', 'invalid-id', 'personal-filter-forbidden', 'personal-filter-in-url', 'download-expired', 'rate-limited', 'immutable', 'no-signing-key'] as const;

/** The domain rule that refused the request (`details.code`), when it is one of RULE_CODES. */
const ruleCode = (details: Record<string, unknown> | undefined) => {
  const code = details?.code;
  return typeof code === 'string' && (RULE_CODES as readonly string[]).includes(code) ? code : undefined;
};

/**
 * What to tell the admin about a failed request. A domain rule's refusal carries its code in
 * `details.code` (shared/contracts RULE_CODES) with its values: it is told in the admin's language
 * (errors.<code>); a ValidationError whose first field error has a code the panel knows, with that
 * error in the admin's language; any other error with the server's message, or a general one.
 */
export const useErrorMessage = () => {
  const t = useT();
  return useCallback(
    (error: unknown) => {
      const body = apiError(error);
      const code = ruleCode(body?.details);
      if (body && code) {
        const { agreements, forms } = body.details as { agreements?: unknown; forms?: unknown };
        return t(`errors.${code}`, body.message ?? code, {
          agreements: typeof agreements === 'number' ? agreements : '',
          forms: Array.isArray(forms) ? forms.map((k) => `"${k}"`).join(', ') : '',
        });
      }
      const first = body?.name === 'ValidationError' ? body.details?.errors?.[0] : undefined;
      if (first && issueText(first)) return t('errors.validation', 'Not saved, check the form: {message}', { message: fieldMessage(first, t) });
      // Any other refusal with a code the panel has a text for (errors.<code>).
      const other = body?.details?.code;
      if (typeof other === 'string' && (REFUSAL_CODES as readonly string[]).includes(other)) return t(`errors.${other}`, body?.message ?? other);
      return body?.message || t('notification.error', 'Something went wrong');
    },
    [t]
  );
};

/**
 * The field errors of a failed save by joined path, in the admin's language: each by its machine code
 * (utils/validationMessages), the server's message only for a code the panel does not know.
 */
export const useFieldErrors = () => {
  const t = useT();
  return useCallback(
    (error: unknown) =>
      fieldErrors(error, (issue, body) => fieldMessage(issue, t, ruleCode(body.details))),
    [t]
  );
};
