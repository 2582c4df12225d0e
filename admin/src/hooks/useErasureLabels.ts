import { useMemo } from 'react';
import { useT } from './useT';

/**
 * The names of erasure reasons, kinds and personal-data categories in the admin's language, from
 * the translation files (erasure.reason.*, erasure.kind.*, erasure.category.*); an unknown code
 * shows as it is.
 */
export const useErasureLabels = () => {
  const t = useT();
  return useMemo(() => {
    const label = (group: 'reason' | 'kind' | 'category') => (code: string) => t(`erasure.${group}.${code}`, code);
    return { reason: label('reason'), kind: label('kind'), category: label('category') };
  }, [t]);
};
