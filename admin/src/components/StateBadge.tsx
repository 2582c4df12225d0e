import { Badge } from '@strapi/design-system';
import { useT } from '../hooks/useT';

/** The derived states of a decision (shared/contracts CONSENT_STATES), coloured by what they allow. */
const VARIANT = { given: 'success', outdated: 'warning', expired: 'secondary', withdrawn: 'danger', erased: 'secondary', refused: 'neutral', pending: 'warning' } as const;

/** A consent's state in the admin's language (consents.state.*). */
export const useStateLabel = () => {
  const t = useT();
  return (state: string) => (state in VARIANT ? t(`consents.state.${state}`, state) : state);
};

/** A decision's state as a badge; nothing for events that have none. */
export const StateBadge = ({ state }: { state: string | null | undefined }) => {
  const label = useStateLabel();
  if (!state) return null;
  return (
    <Badge variant={state in VARIANT ? VARIANT[state as keyof typeof VARIANT] : 'neutral'} data-testid="consent-state">
      {/* Said as written (Дано, Действует), not in the badge's capitals, which read as a shout in Russian. */}
      <span style={{ textTransform: 'none' }}>{label(state)}</span>
    </Badge>
  );
};
