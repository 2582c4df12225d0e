import { NavLink } from 'react-router-dom';
import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { GIVEN_STATES } from '../../../../../shared/contracts/constants';
import { useConsentStatesQuery } from '../../../api';
import { useStateLabel } from '../../../components/StateBadge';
import { useT } from '../../../hooks/useT';
import { PLUGIN_ID } from '../../../pluginId';

/** How many consents to the agreement are current, outdated, expired, withdrawn or erased, each a link to the log filtered so. */
export const ConsentStates = ({ agreementId }: { agreementId: number }) => {
  const t = useT();
  const label = useStateLabel();
  const { data } = useConsentStatesQuery(agreementId);
  if (!data) return null;
  return (
    <Box background="neutral0" padding={4} marginBottom={4} hasRadius shadow="tableShadow" data-testid="consent-states">
      <Flex gap={6} wrap="wrap">
        <Typography variant="sigma">{t('agreements.states.title', 'Consents now')}</Typography>
        {GIVEN_STATES.map((state) => (
          <Link key={state} tag={NavLink} to={`/plugins/${PLUGIN_ID}/consents?agreement=${agreementId}&state=${state}`} data-testid={`consent-states-${state}`}>
            {label(state)}: {data[state]}
          </Link>
        ))}
      </Flex>
    </Box>
  );
};
