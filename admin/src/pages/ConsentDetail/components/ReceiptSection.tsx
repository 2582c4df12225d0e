import { Accordion, Box, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { ConsentReceipt } from '../../../api/types';
import { Section } from '../../../components/Section';
import { Mono, Terms } from '../../../components/Term';
import { useT } from '../../../hooks/useT';
import { useStateLabel } from '../../../components/StateBadge';

/**
 * The receipt the person got (Kantara Consent Receipt 1.1 with the ISO/IEC TS 27560 record fields):
 * its main fields readable, the whole of it as JSON below, as a regulator or the person would get it.
 */
export const ReceiptSection = ({ receipt, personalData }: { receipt: ConsentReceipt | null; personalData: boolean }) => {
  const t = useT();
  const stateLabel = useStateLabel();
  const { formatDate } = useIntl();
  if (!receipt) {
    return (
      <Section title={t('consent.receipt.title', 'Receipt')}>
        <Typography textColor="neutral600">
          {t('consent.receipt.none', 'A withdrawal has no receipt of its own: the receipt of the consent it withdraws shows it.')}
        </Typography>
      </Section>
    );
  }
  const controller = receipt.piiControllers?.[0];
  const purposes = receipt.services?.flatMap((s) => s.purposes.map((p) => p.purpose)) ?? [];
  const state = stateLabel(receipt.state);
  return (
    <Section
      title={t('consent.receipt.title', 'Receipt')}
      hint={t('consent.receipt.hint', 'Kantara Consent Receipt 1.1 with the fields of an ISO/IEC TS 27560 consent record')}
    >
      <Terms
        items={[
          { key: 'receiptID', label: t('consent.receipt.id', 'Receipt id'), value: <Mono>{receipt.consentReceiptID}</Mono>, wide: true },
          {
            key: 'receiptState',
            label: t('consent.receipt.state', 'Current state'),
            value: <Typography data-testid="receipt-state">{state}</Typography>,
          },
          { key: 'jurisdiction', label: t('consent.receipt.jurisdiction', 'Jurisdiction'), value: receipt.jurisdiction ?? '—' },
          {
            key: 'timestamp',
            label: t('consent.receipt.timestamp', 'Consent time'),
            value: formatDate(receipt.consentTimestamp * 1000, { dateStyle: 'medium', timeStyle: 'medium' }),
          },
          { key: 'language', label: t('consent.version.language', 'Language'), value: receipt.language },
          { key: 'collectionMethod', label: t('consent.receipt.method', 'Collection method'), value: receipt.collectionMethod, wide: true },
          {
            key: 'principal',
            label: t('consent.receipt.principal', 'Data subject'),
            value: personalData ? (receipt.piiPrincipalId ?? '—') : t('consent.hidden', 'Hidden: needs the permission to read personal data'),
          },
          { key: 'controller', label: t('consent.receipt.controller', 'Controller (operator)'), value: controller?.piiController ?? '—' },
          {
            key: 'purposes',
            label: t('consent.receipt.purposes', 'Purposes'),
            value: purposes.length ? purposes.join('; ') : '—',
            wide: true,
          },
          { key: 'retention', label: t('consent.receipt.retention', 'Valid'), value: receipt.retention },
          { key: 'policyUrl', label: t('consent.receipt.policyUrl', 'Text of the notice'), value: <Mono>{receipt.policyUrl}</Mono> },
        ]}
      />
      <Accordion.Root>
        <Accordion.Item value="json">
          <Accordion.Header>
            <Accordion.Trigger>{t('consent.receipt.json', 'The whole receipt (JSON)')}</Accordion.Trigger>
          </Accordion.Header>
          <Accordion.Content>
            <Box padding={4} background="neutral100">
              <pre style={{ margin: 0, fontSize: '1.2rem', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="receipt-json">
                {JSON.stringify(receipt, null, 2)}
              </pre>
            </Box>
          </Accordion.Content>
        </Accordion.Item>
      </Accordion.Root>
    </Section>
  );
};
