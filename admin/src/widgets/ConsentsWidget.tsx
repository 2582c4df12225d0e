import { useIntl } from 'react-intl';
import { Box, Flex, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { browserTimeZone, useOverviewQuery } from '../api';
import { useT } from '../hooks/useT';

export const WIDGET_DAYS = 30;

const Figure = ({ label, value, testId }: { label: string; value: string; testId: string }) => (
  <Flex direction="column" alignItems="flex-start" gap={1} data-testid={testId}>
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
    <Typography variant="alpha" textColor="neutral800" data-testid={`${testId}-value`}>
      {value}
    </Typography>
  </Flex>
);

/**
 * «Согласия» on Strapi's own home page: consents given and withdrawn in the last 30 days and the latest
 * integrity check, for roles that read the consent log (the widget's permissions; the route checks the
 * same). The link to the plugin's home page is Strapi's (the widget's `link`).
 */
export const ConsentsWidget = () => {
  const t = useT();
  const { formatNumber, formatDate } = useIntl();
  const { data, isLoading, isError } = useOverviewQuery({ days: WIDGET_DAYS, tz: browserTimeZone() }, { refetchOnMountOrArgChange: true });
  if (isLoading) return <Widget.Loading />;
  if (isError || !data) return <Widget.Error />;
  const check = data.integrity;
  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid="consents-widget">
      <Flex gap={8}>
        <Figure testId="widget-given" label={t('widget.given', 'Given, {days} days', { days: WIDGET_DAYS })} value={formatNumber(data.totals.given)} />
        <Figure testId="widget-withdrawn" label={t('widget.withdrawn', 'Withdrawn, {days} days', { days: WIDGET_DAYS })} value={formatNumber(data.totals.withdrawn)} />
      </Flex>
      <Box>
        <Typography variant="pi" textColor={check && !check.intact ? 'danger600' : 'neutral600'} data-testid="widget-integrity">
          {!check
            ? t('widget.integrity.never', 'Integrity: never checked')
            : check.intact
              ? t('widget.integrity.intact', 'Integrity: chain intact, {count} records, {date}', {
                  count: formatNumber(check.checked),
                  date: formatDate(check.checkedAt, { dateStyle: 'medium' }),
                })
              : t('widget.integrity.broken', 'Integrity: chain broken at the latest check')}
        </Typography>
      </Box>
    </Flex>
  );
};

export default ConsentsWidget;
