import { useCallback } from 'react';
import type { ErasureKind, ErasureReason, PersonalCategory } from '../../../shared/contracts/personal';
import { useT } from './useT';

export const REASON_LABELS: Record<ErasureReason, string> = {
  'subject-request': 'Request of the data subject',
  withdrawal: 'Consent withdrawn',
  retention: 'Retention period expired',
  other: 'Other reason',
};

export const KIND_LABELS: Record<ErasureKind, string> = {
  email: 'One person, by e-mail',
  phone: 'One person, by phone',
  receipt: 'One consent, by receipt',
  retention: 'Retention period (automatic)',
};

export const CATEGORY_LABELS: Record<PersonalCategory, string> = {
  email: 'E-mail',
  phone: 'Phone number',
  name: 'Name',
  externalId: 'External id',
  ip: 'IP address',
  userAgent: 'Browser (user agent)',
  pageQuery: 'Query string of the page address',
  formData: 'What was typed into the form',
  note: 'Operator’s note',
};

/** The names of erasure reasons, kinds and personal-data categories in the admin's language. */
export const useErasureLabels = () => {
  const t = useT();
  const reason = useCallback(
    (r: string) => (r in REASON_LABELS ? t(`erasure.reason.${r}`, REASON_LABELS[r as ErasureReason]) : r),
    [t]
  );
  const kind = useCallback((k: string) => (k in KIND_LABELS ? t(`erasure.kind.${k}`, KIND_LABELS[k as ErasureKind]) : k), [t]);
  const category = useCallback(
    (c: string) => (c in CATEGORY_LABELS ? t(`erasure.category.${c}`, CATEGORY_LABELS[c as PersonalCategory]) : c),
    [t]
  );
  return { reason, kind, category };
};
