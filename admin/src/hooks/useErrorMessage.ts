import { useCallback } from 'react';
import { RULE_CODES } from '../../../shared/contracts/constants';
import { apiError } from '../utils/apiError';
import { useT } from './useT';

/**
 * What to tell the admin about a failed request. A domain rule's refusal carries its code in
 * `details.code` (shared/contracts RULE_CODES) with its values: it is told in the admin's language
 * (errors.<code>); any other error with the server's message, or a general one.
 */
export const useErrorMessage = () => {
  const t = useT();
  return useCallback(
    (error: unknown) => {
      const body = apiError(error);
      const code = body?.details?.code;
      if (body && typeof code === 'string' && (RULE_CODES as readonly string[]).includes(code)) {
        const { agreements, forms } = body.details as { agreements?: unknown; forms?: unknown };
        return t(`errors.${code}`, body.message ?? code, {
          agreements: typeof agreements === 'number' ? agreements : '',
          forms: Array.isArray(forms) ? forms.map((k) => `"${k}"`).join(', ') : '',
        });
      }
      return body?.message || t('notification.error', 'Something went wrong');
    },
    [t]
  );
};
