import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { Box, Flex, Link, Typography } from '@strapi/design-system';

/** One number with what it counts, and where to see the records behind it. */
interface Props {
  label: string;
  value: ReactNode;
  /** A verdict to notice: in the danger colour. */
  alarm?: boolean;
  /** The value is words (a verdict), not a number: set smaller, so that it fits the card. */
  words?: boolean;
  hint?: ReactNode;
  to?: string;
  linkLabel?: string;
  testId: string;
}

export const StatCard = ({ label, value, alarm, words, hint, to, linkLabel, testId }: Props) => (
  <Box background="neutral0" padding={5} shadow="filterShadow" hasRadius height="100%" data-testid={testId}>
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Typography variant="sigma" textColor="neutral600" tag="h2">
        {label}
      </Typography>
      <Typography variant={words ? 'beta' : 'alpha'} tag="p" textColor={alarm ? 'danger600' : 'neutral800'} data-testid={`${testId}-value`}>
        {value}
      </Typography>
      {hint && (
        <Typography variant="pi" textColor="neutral600" tag="div">
          {hint}
        </Typography>
      )}
      {to && linkLabel && (
        <Link tag={RouterLink} to={to}>
          {linkLabel}
        </Link>
      )}
    </Flex>
  </Box>
);
