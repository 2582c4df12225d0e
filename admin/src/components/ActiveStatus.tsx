import { Flex, Status, Typography } from '@strapi/design-system';
import { useT } from '../hooks/useT';

/** "Active" / "Inactive" as a small status. The kind picks the word's gender in Russian. */
export const ActiveStatus = ({ active, of }: { active: boolean; of: 'agreements' | 'forms' }) => {
  const t = useT();
  return (
    <Status variant={active ? 'success' : 'neutral'} size="S">
      <Typography>{active ? t(`${of}.active.yes`, 'Active') : t(`${of}.active.no`, 'Inactive')}</Typography>
    </Status>
  );
};

/** An edit page's subtitle for a stored record: a line about it, and whether it is active. */
export const RecordSubtitle = ({ text, active, of }: { text: string; active: boolean; of: 'agreements' | 'forms' }) => (
  <Flex gap={2}>
    <Typography variant="epsilon" textColor="neutral600">
      {text}
    </Typography>
    <ActiveStatus active={active} of={of} />
  </Flex>
);
