import { Tooltip, Typography, type TypographyProps } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { useT } from '../hooks/useT';

interface Props extends Omit<TypographyProps, 'children'> {
  value: string | Date | null | undefined;
  /** In a table: the date, and the time under it, so that the column keeps a fixed narrow width. */
  stacked?: boolean;
}

/**
 * A moment in the viewer's local time, with the exact UTC time (what the server stored) in a
 * tooltip: a compliance officer compares it with letters and logs written in other time zones.
 */
export const DateTime = ({ value, stacked, ...rest }: Props) => {
  const t = useT();
  const { formatDate } = useIntl();
  if (!value) return <Typography {...rest}>—</Typography>;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <Typography {...rest}>{String(value)}</Typography>;
  const utc = date.toISOString();
  return (
    <Tooltip label={t('date.utc', 'UTC: {time}', { time: utc })}>
      <Typography {...rest} style={stacked ? { whiteSpace: 'nowrap', display: 'block' } : undefined}>
        {stacked ? (
          <time dateTime={utc}>
            {formatDate(date, { dateStyle: 'short' })}
            <br />
            {formatDate(date, { timeStyle: 'medium' })}
          </time>
        ) : (
          <time dateTime={utc}>{formatDate(date, { dateStyle: 'medium', timeStyle: 'medium' })}</time>
        )}
      </Typography>
    </Tooltip>
  );
};
