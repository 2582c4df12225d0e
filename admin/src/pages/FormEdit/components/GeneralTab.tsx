import { Grid, Typography } from '@strapi/design-system';
import type { FormWarning } from '../../../../../shared/contracts/forms';
import { IP_POLICIES, type IpPolicy } from '../../../../../shared/contracts/personal';
import { FormSelect, FormTextField, FormToggle, ListError } from '../../../components/form/fields';
import { Section } from '../../../components/Section';
import { FormStringList } from '../../../components/form/FormStringList';
import { useT } from '../../../hooks/useT';
import { useFormEditor } from '../hooks/useFormEditor';
import { EmbedSnippet } from './EmbedSnippet';

const IP_POLICY_LABELS: Record<IpPolicy, string> = {
  full: 'The whole address',
  truncated: 'Shortened (network part only)',
  none: 'Do not keep',
};

interface Props {
  isNew: boolean;
  /** Whether the key shown is the saved one (the embed code works only then). */
  isSaved: boolean;
  /** The server's warnings for the saved form (the full-IP one shows beside the IP setting). */
  serverWarnings?: FormWarning[];
}

/** Name, key, what happens after a submission, who may submit, and the embed code. */
export const GeneralTab = ({ isNew, isSaved, serverWarnings = [] }: Props) => {
  const t = useT();
  const { form } = useFormEditor();
  const fullIpWarning = form.ipPolicy === 'full' && serverWarnings.some((w) => w.code === 'gdpr-ip-full');

  // The longer explanations, kept apart so that the fields below read as a list.
  const hint = {
    name: t('forms.name.hint', 'For editors; the consent log shows it as the source'),
    key: isNew
      ? t('forms.key.hint.new', 'Used by front ends to load the form and in the embed code: lowercase letters, digits and dashes, e.g. contact')
      : t(
          'forms.key.hint',
          'Used by front ends to load the form and in the embed code. Sites that use it stop working if it changes; once the form has consents it cannot change.'
        ),
    active: t('forms.active.hint', 'An inactive form is not served to sites and accepts no consents'),
    after: t('forms.section.after.hint', 'What the person sees once the form is sent'),
    redirect: t('forms.successRedirectUrl.hint', 'A full address starting with https://; empty: stay on the page and show the message'),
    message: t('forms.successMessage.hint', 'Shown after sending when there is no redirect'),
    origins: t('forms.allowedOrigins.hint', 'Sites allowed to send this form, e.g. https://shop.example (no path). Empty: any site.'),
    store: t(
      'forms.storeSubmissions.hint',
      'Keeps what the person typed, linked to their consents, so that you can see who consented. Everything a client types into a form, comments included, is personal data: store it only if you need it.'
    ),
    personal: t(
      'forms.section.personal.hint',
      'What this form keeps about a person and for how long. When a period ends, the personal data is destroyed and an act of destruction is drawn up; the consent events stay as proof.'
    ),
    ip: t('forms.ipPolicy.hint', 'Shortened keeps IPv4 /24 and IPv6 /48: the network, not the device. Applies to consents given from now on.'),
    ipGdpr: t(
      'forms.ipPolicy.gdprWarning',
      'An agreement of this form uses the eu-gdpr template: GDPR asks to keep no more than needed (art. 5(1)(c)), and "Shortened" proves where a consent came from as well.'
    ),
    retention: t(
      'forms.retentionDays.hint',
      'Counted from the day it was collected; then it is destroyed automatically. Empty: kept until it is erased (by a request, a withdrawal or by hand). From 1 to 36500.'
    ),
    withdrawal: t(
      'forms.withdrawalRetentionDays.hint',
      'Once every consent given through a submission is withdrawn, its personal data is destroyed after this many days. 152-FZ (art. 21 p. 5) requires destruction within 30 days unless another law says otherwise. From 0 to 3650.'
    ),
  };
  const receiptHint = t(
    'forms.sendReceiptEmail.hint',
    'When the form sends an e-mail address, the person receives a link to their receipt, where they can see what they agreed to and withdraw it with one click. Needs Strapi’s email plugin with a provider.'
  );
  const ipPolicies = IP_POLICIES.map((p) => [p, t(`forms.ipPolicy.${p}`, IP_POLICY_LABELS[p])] as const);

  return (
    <Grid.Root gap={4}>
      <Grid.Item col={7} s={12} direction="column" alignItems="stretch" gap={4}>
        <Section title={t('forms.section.general', 'Form')}>
          <FormTextField name="name" label={t('forms.name', 'Name')} hint={hint.name} required />
          <FormTextField name="key" label={t('forms.key', 'Key')} hint={hint.key} required />
          <FormToggle name="active" label={t('forms.active', 'Active')} hint={hint.active} />
        </Section>
        <Section title={t('forms.section.after', 'After the consent is given')} hint={hint.after}>
          <FormTextField name="successRedirectUrl" label={t('forms.successRedirectUrl', 'Redirect to')} hint={hint.redirect} placeholder="https://" />
          <FormTextField name="successMessage" label={t('forms.successMessage', 'Message')} hint={hint.message} multiline />
        </Section>
        <Section title={t('forms.section.receipt', 'The person’s receipt')}>
          <FormToggle name="sendReceiptEmail" label={t('forms.sendReceiptEmail', 'Send the receipt by e-mail')} hint={receiptHint} on={t('toggle.yes', 'Yes')} off={t('toggle.no', 'No')} />
        </Section>
        <Section title={t('forms.section.access', 'Sites and data')}>
          <FormStringList name="allowedOrigins" label={t('forms.allowedOrigins', 'Allowed origins')} hint={hint.origins} addLabel={t('forms.allowedOrigins.add', 'Add an origin')} placeholder="https://" />
          <ListError name="allowedOrigins" />
          <FormToggle name="storeSubmissions" label={t('forms.storeSubmissions', 'Store submissions')} hint={hint.store} on={t('toggle.yes', 'Yes')} off={t('toggle.no', 'No')} />
        </Section>
        <Section title={t('forms.section.personal', 'Keeping personal data')} hint={hint.personal}>
          <FormSelect name="ipPolicy" label={t('forms.ipPolicy', 'Client IP address')} hint={hint.ip} options={ipPolicies}>
            {fullIpWarning && (
              <Typography variant="pi" textColor="warning600" tag="p" data-testid="gdpr-ip-full">
                {hint.ipGdpr}
              </Typography>
            )}
          </FormSelect>
          <FormTextField name="retentionDays" type="number" label={t('forms.retentionDays', 'Keep personal data for, days')} hint={hint.retention} placeholder={t('forms.retentionDays.placeholder', 'Until erased')} />
          <FormTextField name="withdrawalRetentionDays" type="number" label={t('forms.withdrawalRetentionDays', 'After a withdrawal, keep for, days')} hint={hint.withdrawal} required />
        </Section>
      </Grid.Item>
      <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
        <Section title={t('forms.embed', 'Embed on a site')}>
          <EmbedSnippet form={form} isSaved={isSaved} />
        </Section>
      </Grid.Item>
    </Grid.Root>
  );
};
