import { Typography } from '@strapi/design-system';
import type { ReplicaStatus } from '../api/types';
import { useT } from '../hooks/useT';

/**
 * Says that what is shown was read off the read replica (plugin config `readReplica`), and how far
 * behind the primary it was at that moment: records the replica has not replayed yet are not shown.
 */
export const ReplicaNote = ({ replica }: { replica?: ReplicaStatus | null }) => {
  const t = useT();
  if (!replica) return null;
  const text =
    replica.behind < 0
      ? t('replica.unknown', 'Read from the replica; how far behind the primary it is could not be checked.')
      : replica.behind === 0
        ? t('replica.current', 'Read from the replica, which holds every record.')
        : t('replica.behind', 'Read from the replica, which is {count, plural, one {# record} other {# records}} behind the primary (about {seconds} s): the newest records are not shown yet.', {
            count: replica.behind,
            seconds: Math.max(1, Math.round(replica.lagMs / 1000)),
          });
  return (
    <Typography variant="pi" textColor={replica.behind === 0 ? 'neutral600' : 'warning700'} tag="p" data-testid="replica-note">
      {text}
    </Typography>
  );
};
