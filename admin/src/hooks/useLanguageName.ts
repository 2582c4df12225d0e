import { useCallback } from 'react';
import { useIntl } from 'react-intl';

/** A language code (ru, en) by its name in the admin's language: «русский», "Russian"; the code when the browser cannot name it. */
export const useLanguageName = () => {
  const { locale } = useIntl();
  return useCallback(
    (code: string | null | undefined) => {
      if (!code) return '—';
      try {
        return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
      } catch {
        return code;
      }
    },
    [locale]
  );
};
