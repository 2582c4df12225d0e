import { Field, Grid, SingleSelect, SingleSelectOption, Toggle, Typography } from '@strapi/design-system';
import type { FormWarning } from '../../../../../shared/contracts/forms';
import { IP_POLICIES, type IpPolicy } from '../../../../../shared/contracts/personal';
import { Section } from '../../../components/Section';
import { StringListField } from '../../../components/StringListField';
import { TextField } from '../../../components/TextField';
import { useT } from '../../../hooks/useT';
import { originIndexes, type TabProps } from '../hooks/useFormEditor';
import { EmbedSnippet } from './EmbedSnippet';

const IP_POLICY_LABELS: Record<IpPolicy, string> = {
  full: 'The whole address',
  truncated: 'Shortened (network part only)',
  none: 'Do not keep',
};

interface Props extends TabProps {
  isNew: boolean;
  /** Whether the key shown is the saved one (the embed code works only then). */
  isSaved: boolean;
  /** The server's warnings for the saved form (the full-IP one shows beside the IP setting). */
  serverWarnings?: FormWarning[];
}

/** Name, key, what happens after a submission, who may submit, and the embed code. */
export const GeneralTab = ({ form, update, errors, disabled, isNew, isSaved, serverWarnings = [] }: Props) => {
  const fullIpWarning = form.ipPolicy === 'full' && serverWarnings.some((w) => w.code === 'gdpr-ip-full');
  const t = useT();
  const sent = originIndexes(form.allowedOrigins);

  const toggle = (name: 'storeSubmissions' | 'active', label: string, hint: string, on: string, off: string) => (
    <Field.Root name={name} error={errors[name]} hint={hint}>
      <Field.Label>{label}</Field.Label>
      <Toggle
        checked={form[name]}
        onChange={(e) => update(name, e.target.checked)}
        onLabel={on}
        offLabel={off}
        disabled={disabled}
      />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );

  return (
    <Grid.Root gap={4}>
      <Grid.Item col={7} s={12} direction="column" alignItems="stretch" gap={4}>
        <Section title={t('forms.section.general', 'Form')}>
          <TextField
            name="name"
            label={t('forms.name', 'Name')}
            hint={t('forms.name.hint', 'For editors; the consent log shows it as the source')}
            value={form.name}
            onChange={(v) => update('name', v)}
            error={errors.name}
            required
            disabled={disabled}
          />
          <TextField
            name="key"
            label={t('forms.key', 'Key')}
            hint={
              isNew
                ? t('forms.key.hint.new', 'Used by front ends to load the form and in the embed code: lowercase letters, digits and dashes, e.g. contact')
                : t('forms.key.hint', 'Used by front ends to load the form and in the embed code. Sites that use it stop working if it changes; once the form has consents it cannot change.')
            }
            value={form.key}
            onChange={(v) => update('key', v)}
            error={errors.key}
            required
            disabled={disabled}
          />
          {toggle(
            'active',
            t('forms.active', 'Active'),
            t('forms.active.hint', 'An inactive form is not served to sites and accepts no consents'),
            t('toggle.on', 'On'),
            t('toggle.off', 'Off')
          )}
        </Section>
        <Section
          title={t('forms.section.after', 'After the consent is given')}
          hint={t('forms.section.after.hint', 'What the person sees once the form is sent')}
        >
          <TextField
            name="successRedirectUrl"
            label={t('forms.successRedirectUrl', 'Redirect to')}
            hint={t('forms.successRedirectUrl.hint', 'A full address starting with https://; empty: stay on the page and show the message')}
            value={form.successRedirectUrl}
            onChange={(v) => update('successRedirectUrl', v)}
            error={errors.successRedirectUrl}
            disabled={disabled}
            placeholder="https://"
          />
          <TextField
            name="successMessage"
            label={t('forms.successMessage', 'Message')}
            hint={t('forms.successMessage.hint', 'Shown after sending when there is no redirect')}
            value={form.successMessage}
            onChange={(v) => update('successMessage', v)}
            error={errors.successMessage}
            disabled={disabled}
            multiline
          />
        </Section>
        <Section title={t('forms.section.access', 'Sites and data')}>
          <StringListField
            name="allowedOrigins"
            label={t('forms.allowedOrigins', 'Allowed origins')}
            hint={t('forms.allowedOrigins.hint', 'Sites allowed to send this form, e.g. https://shop.example (no path). Empty: any site.')}
            addLabel={t('forms.allowedOrigins.add', 'Add an origin')}
            values={form.allowedOrigins}
            onChange={(v) => update('allowedOrigins', v)}
            errors={form.allowedOrigins.map((_, i) => (sent[i] >= 0 ? errors[`allowedOrigins.${sent[i]}`] : undefined))}
            disabled={disabled}
            placeholder="https://"
          />
          {errors.allowedOrigins && (
            <Field.Root name="allowedOrigins" error={errors.allowedOrigins}>
              <Field.Error />
            </Field.Root>
          )}
          {toggle(
            'storeSubmissions',
            t('forms.storeSubmissions', 'Store submissions'),
            t(
              'forms.storeSubmissions.hint',
              'Keeps what the person typed, linked to their consents, so that you can see who consented. Everything a client types into a form, comments included, is personal data: store it only if you need it.'
            ),
            t('toggle.yes', 'Yes'),
            t('toggle.no', 'No')
          )}
        </Section>
        <Section
          title={t('forms.section.personal', 'Keeping personal data')}
          hint={t(
            'forms.section.personal.hint',
            'What this form keeps about a person and for how long. When a period ends, the personal data is destroyed and an act of destruction is drawn up; the consent events stay as proof.'
          )}
        >
          <Field.Root
            name="ipPolicy"
            error={errors.ipPolicy}
            hint={t('forms.ipPolicy.hint', 'Shortened keeps IPv4 /24 and IPv6 /48: the network, not the device. Applies to consents given from now on.')}
            width="100%"
          >
            <Field.Label>{t('forms.ipPolicy', 'Client IP address')}</Field.Label>
            <SingleSelect value={form.ipPolicy} onChange={(v) => update('ipPolicy', v as IpPolicy)} disabled={disabled}>
              {IP_POLICIES.map((p) => (
                <SingleSelectOption key={p} value={p}>
                  {t(`forms.ipPolicy.${p}`, IP_POLICY_LABELS[p])}
                </SingleSelectOption>
              ))}
            </SingleSelect>
            <Field.Hint />
            <Field.Error />
            {fullIpWarning && (
              <Typography variant="pi" textColor="warning600" tag="p" data-testid="gdpr-ip-full">
                {t('forms.ipPolicy.gdprWarning', 'An agreement of this form uses the eu-gdpr template: GDPR asks to keep no more than needed (art. 5(1)(c)), and "Shortened" proves where a consent came from as well.')}
              </Typography>
            )}
          </Field.Root>
          <TextField
            name="retentionDays"
            type="number"
            label={t('forms.retentionDays', 'Keep personal data for, days')}
            hint={t(
              'forms.retentionDays.hint',
              'Counted from the day it was collected; then it is destroyed automatically. Empty: kept until it is erased (by a request, a withdrawal or by hand). From 1 to 36500.'
            )}
            value={form.retentionDays}
            onChange={(v) => update('retentionDays', v)}
            error={errors.retentionDays}
            disabled={disabled}
            placeholder={t('forms.retentionDays.placeholder', 'Until erased')}
          />
          <TextField
            name="withdrawalRetentionDays"
            type="number"
            label={t('forms.withdrawalRetentionDays', 'After a withdrawal, keep for, days')}
            hint={t(
              'forms.withdrawalRetentionDays.hint',
              'Once every consent given through a submission is withdrawn, its personal data is destroyed after this many days. 152-FZ (art. 21 p. 5) requires destruction within 30 days unless another law says otherwise. From 0 to 3650.'
            )}
            value={form.withdrawalRetentionDays}
            onChange={(v) => update('withdrawalRetentionDays', v)}
            error={errors.withdrawalRetentionDays}
            required
            disabled={disabled}
          />
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
