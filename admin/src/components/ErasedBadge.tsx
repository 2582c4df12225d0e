import { Badge } from '@strapi/design-system';
import { useT } from '../hooks/useT';

/** Shown where an event's IP or subject was: its personal data has been destroyed (the event itself stays). */
export const ErasedBadge = () => {
  const t = useT();
  return (
    <Badge variant="neutral" data-testid="personal-erased">
      {t('erasure.erased', 'Erased')}
    </Badge>
  );
};
