import { Tooltip, Typography, type TypographyProps } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { useT } from '../hooks/useT';

interface Props extends Omit<TypographyProps, 'children'> {
  value: string | Date | null | undefined;
}

/**
 * A moment in the viewer's local time, with the exact UTC time (what the server stored) in a
 * tooltip: a compliance officer compares it with letters and logs written in other time zones.
 */
export const DateTime = ({ value, ...rest }: Props) => {
  const t = useT();
  const { formatDate } = useIntl();
  if (!value) return <Typography {...rest}>—</Typography>;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <Typography {...rest}>{String(value)}</Typography>;
  const utc = date.toISOString();
  return (
    <Tooltip label={t('date.utc', 'UTC: {time}', { time: utc })}>
      <Typography {...rest}>
        <time dateTime={utc}>{formatDate(date, { dateStyle: 'medium', timeStyle: 'medium' })}</time>
      </Typography>
    </Tooltip>
  );
};
