import { Badge } from '@strapi/design-system';
import type { ConsentAction } from '../api/consents';
import { useT } from '../hooks/useT';

const VARIANT = { given: 'success', refused: 'neutral', withdrawn: 'danger', erased: 'secondary' } as const;
export const ACTION_LABELS: Record<ConsentAction, string> = { given: 'Given', refused: 'Refused', withdrawn: 'Withdrawn' };
/** Events of the chain that are not a decision about a consent: an erasure records its act there. */
const OTHER_LABELS: Record<string, string> = { erased: 'Erasure' };

/** given / refused / withdrawn (and the chain's erasure events) as a coloured badge. */
export const ActionBadge = ({ action }: { action: ConsentAction | string }) => {
  const t = useT();
  const known = action in VARIANT ? (action as keyof typeof VARIANT) : null;
  const label = !known ? action : known in ACTION_LABELS ? ACTION_LABELS[known as ConsentAction] : OTHER_LABELS[known];
  return (
    <Badge variant={known ? VARIANT[known] : 'neutral'} data-testid="consent-action">
      {known ? t(`consents.action.${known}`, label) : action}
    </Badge>
  );
};
