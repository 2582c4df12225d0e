import { Badge } from '@strapi/design-system';
import { useT } from '../hooks/useT';

/**
 * given / refused / withdrawn, the expiry job's events, the chain's erasure events (an erasure records
 * its act there), and double opt-in's requested and confirmed.
 */
const VARIANT = { given: 'success', refused: 'neutral', withdrawn: 'danger', erased: 'secondary', expired: 'warning', requested: 'warning', confirmed: 'success' } as const;

/** What a consent event records, in the admin's language (consents.action.*). */
export const useActionLabel = () => {
  const t = useT();
  return (action: string) => (action in VARIANT ? t(`consents.action.${action}`, action) : action);
};

/** A consent event's action as a coloured badge. */
export const ActionBadge = ({ action }: { action: string }) => {
  const label = useActionLabel();
  return (
    <Badge variant={action in VARIANT ? VARIANT[action as keyof typeof VARIANT] : 'neutral'} data-testid="consent-action">
      {/* Said as written (Дано, Действует), not in the badge's capitals, which read as a shout in Russian. */}
      <span style={{ textTransform: 'none' }}>{label(action)}</span>
    </Badge>
  );
};
