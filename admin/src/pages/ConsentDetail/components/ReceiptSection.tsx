import { Accordion, Box, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { ConsentReceipt } from '../../../api/types';
import { Section } from '../../../components/Section';
import { Mono, Terms } from '../../../components/Term';
import { useLanguageName } from '../../../hooks/useLanguageName';
import { useT } from '../../../hooks/useT';
import { useStateLabel } from '../../../components/StateBadge';
import { useFormNames } from '../../../hooks/useFormNames';
import { CHANNEL_LABELS } from './ExpressedSection';

/**
 * The receipt's `jurisdiction` is the template's law as the server wrote it (English, as the receipt
 * standard has it); the panel names it in its language (templates.law.<template>).
 */
const LAWS: Record<string, string> = {
  '152-FZ art. 9': 'ru-personal-data',
  '38-FZ art. 18': 'ru-advertising',
  'Law of the Republic of Belarus No. 99-Z of 07.05.2021': 'by-personal-data',
  'Law of the Republic of Kazakhstan No. 94-V of 21.05.2013, art. 8': 'kz-personal-data',
  'GDPR art. 6(1)(a), 7 and 13': 'eu-gdpr',
};

/** What the receipt's `collectionMethod` says, from the record's own fields, in the admin's language. */
export interface Collection {
  channel: string | null;
  formKey: string | null;
  behaviour: string | null;
  prechecked: boolean | null;
  fullTextOpened: boolean | null;
}

/**
 * The receipt the person got (Kantara Consent Receipt 1.1 with the ISO/IEC TS 27560 record fields):
 * its main fields readable, the whole of it as JSON below, as a regulator or the person would get it.
 */
export const ReceiptSection = ({ receipt, personalData, collection }: { receipt: ConsentReceipt | null; personalData: boolean; collection: Collection }) => {
  const t = useT();
  const languageName = useLanguageName();
  const stateLabel = useStateLabel();
  const formName = useFormNames();
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
  const channel = collection.channel ?? 'web';
  const method = [
    t(`consents.channel.${channel}`, CHANNEL_LABELS[channel] ?? channel),
    collection.formKey && t('consent.receipt.method.form', 'form “{name}”', { name: formName(collection.formKey) }),
    collection.behaviour && t(`forms.behaviour.${collection.behaviour}`, collection.behaviour),
    collection.prechecked && t('consent.expressed.prechecked', 'Pre-ticked'),
    collection.fullTextOpened && t('consent.expressed.fullTextOpened', 'Full text opened'),
  ]
    .filter(Boolean)
    .map((part, i) => (i ? String(part).charAt(0).toLowerCase() + String(part).slice(1) : part))
    .join('; ');
  const law = receipt.jurisdiction && LAWS[receipt.jurisdiction];
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
          { key: 'jurisdiction', label: t('consent.receipt.jurisdiction', 'Jurisdiction'), value: law ? t(`templates.law.${law}`, receipt.jurisdiction ?? '') : (receipt.jurisdiction ?? '—') },
          {
            key: 'timestamp',
            label: t('consent.receipt.timestamp', 'Consent time'),
            value: formatDate(receipt.consentTimestamp * 1000, { dateStyle: 'medium', timeStyle: 'medium' }),
          },
          { key: 'language', label: t('consent.version.language', 'Language'), value: languageName(receipt.language) },
          { key: 'collectionMethod', label: t('consent.receipt.method', 'Collection method'), value: method, wide: true },
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
          {
            key: 'retention',
            label: t('consent.receipt.retention', 'Valid'),
            // The term is the editor's own words; "until withdrawn" is the server's English for none.
            value: receipt.retention === 'until withdrawn' ? t('agreements.validity.untilWithdrawn', 'Until withdrawn') : receipt.retention,
          },
          { key: 'policyUrl', label: t('consent.receipt.policyUrl', 'Text of the notice'), value: <Mono>{receipt.policyUrl}</Mono> },
          {
            key: 'signature',
            label: t('consent.receipt.signature', 'Signature'),
            // Hidden (null) without the personal-data permission: the signed payload names the person.
            value: receipt.signature
              ? t('consent.receipt.signature.by', 'EdDSA, key {kid}: anyone verifies it with /api/user-consent/jwks.json', { kid: receipt.signature.kid })
              : personalData
                ? t('consent.receipt.signature.none', 'Not signed: no signing key is configured')
                : t('consent.hidden', 'Hidden: needs the permission to read personal data'),
            wide: true,
          },
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
