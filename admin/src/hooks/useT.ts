import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { getTranslation } from '../utils/getTranslation';

type Values = Record<string, string | number>;

/** formatMessage bound to the plugin's prefix: t('companies.title', 'Companies'). */
export const useT = () => {
  const { formatMessage } = useIntl();
  return useCallback(
    (id: string, defaultMessage: string, values?: Values) =>
      formatMessage({ id: getTranslation(id), defaultMessage }, values),
    [formatMessage]
  );
};

/** The UI language used to pick preset titles: Russian for ru*, English otherwise. */
export const useUiLanguage = (): 'en' | 'ru' => {
  const { locale } = useIntl();
  return locale.toLowerCase().startsWith('ru') ? 'ru' : 'en';
};
