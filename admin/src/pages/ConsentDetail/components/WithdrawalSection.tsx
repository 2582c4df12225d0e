import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import type { ConsentDetail } from '../../../api/types';
import { DateTime } from '../../../components/DateTime';
import { Section } from '../../../components/Section';
import { Mono, Terms } from '../../../components/Term';
import { useT } from '../../../hooks/useT';
import { PLUGIN_ID } from '../../../pluginId';
import { CHANNEL_LABELS } from './ExpressedSection';

const recordUrl = (id: number) => `/plugins/${PLUGIN_ID}/consents/${id}`;

/** The withdrawal of this consent, or the consent this withdrawal refers to. */
export const WithdrawalSection = ({ detail }: { detail: ConsentDetail }) => {
  const t = useT();
  const { record, withdrawals, withdraws } = detail;

  if (record.action === 'withdrawn') {
    return (
      <Section title={t('consent.withdrawal.title', 'Withdrawal')}>
        {withdraws ? (
          <Typography>
            {t('consent.withdrawal.of', 'This event withdraws the consent recorded on')} <DateTime value={withdraws.recordedAt} />
            {' — '}
            <Link tag={NavLink} to={recordUrl(withdraws.id)}>
              {t('consent.recordLink', 'Record #{id}', { id: withdraws.id })}
            </Link>
          </Typography>
        ) : (
          <Typography>—</Typography>
        )}
      </Section>
    );
  }
  // A requested consent (double opt-in) can be withdrawn too.
  if (record.action !== 'given' && record.action !== 'requested') return null;

  return (
    <Section title={t('consent.withdrawal.title', 'Withdrawal')}>
      {withdrawals.length === 0 ? (
        <Typography data-testid="consent-not-withdrawn">{t('consent.withdrawal.none', 'Not withdrawn: the consent is in force.')}</Typography>
      ) : (
        <Flex direction="column" alignItems="stretch" gap={3} data-testid="consent-withdrawals">
          {withdrawals.map((w) => (
            <Box key={w.id} padding={3} hasRadius borderColor="danger200" background="danger100">
              <Terms
                items={[
                  { key: `w-date-${w.id}`, label: t('consent.withdrawal.date', 'Withdrawn at'), value: <DateTime value={w.recordedAt} /> },
                  {
                    key: `w-channel-${w.id}`,
                    label: t('consent.expressed.channel', 'Channel'),
                    value: t(`consents.channel.${w.channel ?? 'web'}`, CHANNEL_LABELS[w.channel ?? 'web'] ?? String(w.channel)),
                  },
                  w.recordedBy !== null && {
                    key: `w-by-${w.id}`,
                    label: t('consent.field.recordedBy', 'Recorded by (admin id)'),
                    value: String(w.recordedBy),
                  },
                  {
                    key: `w-note-${w.id}`,
                    label: t('consent.field.note', 'Note'),
                    value: detail.personalData ? (w.note ?? '—') : t('consent.hidden', 'Hidden: needs the permission to read personal data'),
                    wide: true,
                  },
                  {
                    key: `w-receipt-${w.id}`,
                    label: t('consent.field.receiptId', 'Receipt id'),
                    value: <Mono>{w.receiptId ?? '—'}</Mono>,
                    wide: true,
                  },
                ]}
              />
              <Box paddingTop={2}>
                <Link tag={NavLink} to={recordUrl(w.id)}>
                  {t('consent.withdrawal.open', 'Open the withdrawal record')}
                </Link>
              </Box>
            </Box>
          ))}
        </Flex>
      )}
    </Section>
  );
};
