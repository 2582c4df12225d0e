import { Badge } from '@strapi/design-system';
import type { ConsentAction } from '../api/consents';
import { useT } from '../hooks/useT';

const VARIANT = { given: 'success', refused: 'neutral', withdrawn: 'danger' } as const;
export const ACTION_LABELS: Record<ConsentAction, string> = { given: 'Given', refused: 'Refused', withdrawn: 'Withdrawn' };

/** given / refused / withdrawn as a coloured badge. */
export const ActionBadge = ({ action }: { action: ConsentAction | string }) => {
  const t = useT();
  const known = action in VARIANT ? (action as ConsentAction) : null;
  return (
    <Badge variant={known ? VARIANT[known] : 'neutral'} data-testid="consent-action">
      {known ? t(`consents.action.${known}`, ACTION_LABELS[known]) : action}
    </Badge>
  );
};
