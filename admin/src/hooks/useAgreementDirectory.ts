import { useCallback, useMemo } from 'react';
import type { Agreement } from '../../../shared/contracts/agreements';
import { useAgreementsQuery } from '../api';
import { useAllowed } from './useAllowed';
import { useT } from './useT';

/** The server's largest page: the directory holds up to this many agreements. */
const ALL = { pageSize: 100 };

/**
 * Every agreement, active or not, read once and shared by every page that names or offers them:
 * the consent log's filter, the export log, the data subject page and the form editor. Without
 * agreements.read nothing is read and agreements are named by number.
 */
export const useAgreementDirectory = () => {
  const t = useT();
  const { agreementsRead } = useAllowed();
  const query = useAgreementsQuery(ALL, { skip: !agreementsRead });
  const rows = query.data?.data;
  const byId = useMemo(() => new Map<number, Agreement>((rows ?? []).map((a) => [a.id, a])), [rows]);
  const nameOf = useCallback(
    (id: number | string | null) => (id === null ? '—' : byId.get(Number(id))?.name ?? t('forms.agreement.numbered', 'Agreement #{id}', { id })),
    [byId, t]
  );
  return {
    canRead: agreementsRead,
    rows: rows ?? [],
    byId,
    nameOf,
    isLoading: agreementsRead && query.isLoading,
    /** Every agreement is in the directory, so one that is not was deleted. */
    complete: !!query.data && query.data.meta.pagination.total <= query.data.data.length,
  };
};

export type AgreementDirectory = ReturnType<typeof useAgreementDirectory>;
