import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Box, Button, Flex, Grid, Typography } from '@strapi/design-system';
import { CrossCircle } from '@strapi/icons';
import { BackButton, Layouts, Page } from '@strapi/strapi/admin';
import { useConsentQuery } from '../../api';
import { isErased } from '../../api/types';
import { ActionBadge } from '../../components/ActionBadge';
import { StateBadge } from '../../components/StateBadge';
import { DateTime } from '../../components/DateTime';
import { ProofDownloadButton } from '../../components/ProofDownloadButton';
import { useAllowed } from '../../hooks/useAllowed';
import { useT } from '../../hooks/useT';
import { PLUGIN_ID } from '../../pluginId';
import { apiError } from '../../utils/apiError';
import { ChainSection } from './components/ChainSection';
import { ErasedNotice } from './components/ErasedNotice';
import { ExpressedSection } from './components/ExpressedSection';
import { ReceiptSection } from './components/ReceiptSection';
import { RecordSection } from './components/RecordSection';
import { SubmissionSection } from './components/SubmissionSection';
import { VersionSection } from './components/VersionSection';
import { WithdrawalSection } from './components/WithdrawalSection';
import { WithdrawModal } from './components/WithdrawModal';

const LIST = `/plugins/${PLUGIN_ID}/consents`;

/**
 * One consent event in full: the record, the version as the person saw it, how it was expressed,
 * the receipt, its withdrawal, its place in the chain and what the client entered.
 */
export const ConsentDetailPage = () => {
  const { id } = useParams<{ id: string }>();
  const t = useT();
  const allowed = useAllowed();
  // A withdrawal or an erasure elsewhere changes the record: it is asked again each time it opens.
  const loaded = useConsentQuery(id!, { refetchOnMountOrArgChange: true });
  const [withdrawing, setWithdrawing] = useState(false);

  if (loaded.error) {
    if (apiError(loaded.error)?.status === 404) {
      return (
        <Page.Main>
          <Layouts.Header navigationAction={<BackButton fallback={LIST} />} title={t('consent.notFound', 'Consent record not found')} />
        </Page.Main>
      );
    }
    return <Page.Error />;
  }
  const d = loaded.data;
  if (!d) return <Page.Loading />;
  const r = d.record;
  const canWithdraw = allowed.consentsWithdraw && (r.action === 'given' || r.action === 'requested') && d.withdrawals.length === 0;
  const title = t('consent.title', 'Consent record {seq}', { seq: r.seq });

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback={LIST} />}
        title={title}
        subtitle={
          <Flex gap={3} wrap="wrap">
            {/* Each badge says what it is: the event this record is, and (for a consent given) its state now. */}
            <Flex gap={1} data-testid="consent-header-event">
              <Typography variant="epsilon" textColor="neutral600">
                {t('consent.header.event', 'Event:')}
              </Typography>
              <ActionBadge action={r.action} />
            </Flex>
            {r.state && r.action !== 'refused' && (
              <Flex gap={1} data-testid="consent-header-state">
                <Typography variant="epsilon" textColor="neutral600">
                  {t('consent.header.state', 'State now:')}
                </Typography>
                <StateBadge state={r.state} />
              </Flex>
            )}
            <DateTime value={r.recordedAt} variant="epsilon" textColor="neutral600" />
            <Typography variant="epsilon" textColor="neutral600">
              {r.agreementId != null && <>· {d.agreement?.name ?? t('forms.agreement.numbered', 'Agreement #{id}', { id: r.agreementId })}</>}
              {r.versionNumber ? ` · ${t('agreements.versionNumber', 'v{number}', { number: r.versionNumber })}` : ''}
            </Typography>
          </Flex>
        }
        primaryAction={
          <Flex gap={2}>
            <ProofDownloadButton consentId={r.id} seq={r.seq} />
            {canWithdraw && (
              <Button variant="danger-light" startIcon={<CrossCircle />} onClick={() => setWithdrawing(true)}>
                {t('consent.withdraw.submit', 'Record withdrawal')}
              </Button>
            )}
          </Flex>
        }
      />
      <Layouts.Content>
        {isErased(r) && (
          <Box paddingBottom={4}>
            <ErasedNotice personal={r.personal} />
          </Box>
        )}
        <Grid.Root gap={4}>
          <Grid.Item col={7} s={12} direction="column" alignItems="stretch" gap={4}>
            <VersionSection detail={d} />
            <RecordSection detail={d} />
            <ReceiptSection
              receipt={d.receipt}
              personalData={d.personalData}
              collection={{ channel: r.channel, formKey: r.formKey, behaviour: r.behaviour, prechecked: r.prechecked, fullTextOpened: r.fullTextOpened }}
            />
          </Grid.Item>
          <Grid.Item col={5} s={12} direction="column" alignItems="stretch" gap={4}>
            <ExpressedSection detail={d} />
            <SubmissionSection detail={d} />
            <WithdrawalSection detail={d} />
            <ChainSection detail={d} />
          </Grid.Item>
        </Grid.Root>
      </Layouts.Content>
      {withdrawing && <WithdrawModal consentId={r.id} onClose={() => setWithdrawing(false)} onDone={() => setWithdrawing(false)} />}
    </Page.Main>
  );
};

export default ConsentDetailPage;
