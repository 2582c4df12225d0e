import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { NavLink } from 'react-router-dom';
import type { PersonalState } from '../../../api/types';
import { useT } from '../../../hooks/useT';
import { PLUGIN_ID } from '../../../pluginId';

/**
 * "Personal data erased on … (act No. …)": the event is still the proof of the consent, but who
 * gave it, from which IP and browser, and what they typed were destroyed by that act.
 */
export const ErasedNotice = ({ personal }: { personal?: PersonalState | null }) => {
  const t = useT();
  const { formatDate } = useIntl();
  const date = personal?.erasedAt ? formatDate(personal.erasedAt, { dateStyle: 'long', timeStyle: 'short' }) : null;
  const title =
    date && personal?.erasureId
      ? t('consent.erased.act', 'Personal data erased on {date} (act No. {id})', { date, id: personal.erasureId })
      : date
        ? t('consent.erased.date', 'Personal data erased on {date}', { date })
        : t('consent.erased', 'Personal data erased');
  return (
    <Box background="neutral100" borderColor="neutral200" padding={5} hasRadius shadow="filterShadow" data-testid="consent-erased">
      <Flex direction="column" alignItems="flex-start" gap={2}>
        <Typography fontWeight="bold" tag="p" data-testid="consent-erased-title">
          {title}
        </Typography>
        <Typography tag="p" textColor="neutral700">
          {t(
            'consent.erased.hint',
            'The event still proves the consent (agreement, version, time, form, page, how it was expressed) and the chain still verifies; the person’s identity, IP, browser and what they typed are gone.'
          )}
        </Typography>
        <Link tag={NavLink} to={`/plugins/${PLUGIN_ID}/consents/erasures`}>
          {t('erasures.title', 'Acts of destruction')}
        </Link>
      </Flex>
    </Box>
  );
};
