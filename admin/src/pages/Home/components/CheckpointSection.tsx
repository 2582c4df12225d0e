import { Button, Flex, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useCheckpointStatusQuery, useSignCheckpointMutation } from '../../../api';
import { DateTime } from '../../../components/DateTime';
import { Section } from '../../../components/Section';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useT } from '../../../hooks/useT';

const mono = { fontFamily: 'monospace', overflowWrap: 'anywhere' as const };

/**
 * The latest signed checkpoint of the chain (position, hash, when, which key) beside the integrity
 * check, and "Sign a checkpoint now". Checkpoints are public: kept elsewhere, they show later that the
 * history up to them was not rewritten (README, "Signed checkpoints").
 */
export const CheckpointSection = () => {
  const t = useT();
  const errorMessage = useErrorMessage();
  const { toggleNotification } = useNotification();
  const status = useCheckpointStatusQuery(undefined, { refetchOnMountOrArgChange: true });
  const [sign, { isLoading: signing }] = useSignCheckpointMutation();
  const latest = status.data?.latest ?? null;

  const signNow = async () => {
    try {
      const res = await sign().unwrap();
      toggleNotification({
        type: res.meta.created ? 'success' : 'info',
        message: res.meta.created
          ? t('checkpoints.signed', 'Checkpoint No. {number} signed', { number: res.data.number })
          : t('checkpoints.unchanged', 'The chain has not moved since checkpoint No. {number}: nothing new to sign', { number: res.data.number }),
      });
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    }
  };

  return (
    <Section
      title={t('checkpoints.title', 'Signed checkpoints')}
      hint={
        <>
          {t('checkpoints.hint', 'The chain head signed with the plugin key and published for anyone to keep. Copies kept elsewhere prove later that the history up to them was not rewritten.')}{' '}
          <span style={mono}>GET /api/user-consent/checkpoints</span>
        </>
      }
    >
      <Flex direction="column" alignItems="stretch" gap={2} data-testid="home-checkpoint">
        {status.isLoading ? null : latest ? (
          <>
            <Typography fontWeight="semiBold" data-testid="home-checkpoint-latest">
              {t('checkpoints.latest', 'Checkpoint No. {number}: record {seq}', { number: latest.number, seq: latest.seq })}
            </Typography>
            <Typography variant="pi" textColor="neutral600" tag="p" style={mono}>
              {t('checkpoints.hash', 'Hash {hash}', { hash: latest.hash })}
            </Typography>
            <Typography variant="pi" textColor="neutral600" tag="p">
              {t('checkpoints.signedAt', 'Signed')} <DateTime value={latest.signedAt} variant="pi" textColor="neutral600" />{' '}
              {t('checkpoints.key', 'with key {kid}', { kid: latest.kid })} · {t(`checkpoints.reason.${latest.reason}`, latest.reason)}
            </Typography>
          </>
        ) : (
          <Typography textColor="neutral600">{t('checkpoints.none', 'No checkpoint signed yet')}</Typography>
        )}
        {status.data && !status.data.signing && (
          <Typography textColor="danger600">{t('checkpoints.noKey', 'No signing key is configured: checkpoints cannot be signed.')}</Typography>
        )}
        <Flex>
          <Button variant="secondary" onClick={signNow} loading={signing} disabled={!status.data?.signing} data-testid="home-checkpoint-sign">
            {t('checkpoints.sign', 'Sign a checkpoint now')}
          </Button>
        </Flex>
      </Flex>
    </Section>
  );
};
