import { useMemo } from 'react';
import type { Agreement } from '../../../../../shared/contracts/agreements';
import { useConsentApi } from '../../../api';
import { useAllowed } from '../../../hooks/useAllowed';
import { useLoad } from '../../../hooks/useLoad';

/**
 * The agreements a form can refer to. Active ones are offered for attaching; inactive ones are
 * loaded only when the form still holds one (deactivated after it was attached), to show its name.
 * Without agreements.read neither list can be read: `canRead` is false and rows show numbers only.
 */
export const useAgreementCatalogue = (attachedIds: number[]) => {
  const api = useConsentApi();
  const { agreementsRead } = useAllowed();
  const active = useLoad(() => api.agreements.list({ active: 'true', pageSize: 100 }), 'agreements:active', agreementsRead);
  const activeRows = active.data?.data;
  const hasUnknown = !!activeRows && attachedIds.some((id) => !activeRows.some((a) => a.id === id));
  const inactive = useLoad(
    () => api.agreements.list({ active: 'false', pageSize: 100 }),
    'agreements:inactive',
    agreementsRead && hasUnknown
  );

  const byId = useMemo(() => {
    const map = new Map<number, Agreement>();
    for (const a of [...(inactive.data?.data ?? []), ...(activeRows ?? [])]) map.set(a.id, a);
    return map;
  }, [activeRows, inactive.data]);

  return {
    canRead: agreementsRead,
    /** Active agreements, by name, for the picker. */
    active: activeRows ?? [],
    byId,
    isLoading: agreementsRead && active.isLoading,
    /** Every attached agreement that still exists has been looked up (so a missing one was deleted). */
    complete: agreementsRead && !!activeRows && (!hasUnknown || !!inactive.data),
    error: active.error,
  };
};

export type AgreementCatalogue = ReturnType<typeof useAgreementCatalogue>;
