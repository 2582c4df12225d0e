import { Field, Grid, Toggle } from '@strapi/design-system';
import { Section } from '../../../components/Section';
import { StringListField } from '../../../components/StringListField';
import { TextField } from '../../../components/TextField';
import { useT } from '../../../hooks/useT';
import { originIndexes, type TabProps } from '../hooks/useFormEditor';
import { EmbedSnippet } from './EmbedSnippet';

interface Props extends TabProps {
  isNew: boolean;
  /** Whether the key shown is the saved one (the embed code works only then). */
  isSaved: boolean;
}

/** Name, key, what happens after a submission, who may submit, and the embed code. */
export const GeneralTab = ({ form, update, errors, disabled, isNew, isSaved }: Props) => {
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
      </Grid.Item>
      <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
        <Section title={t('forms.embed', 'Embed on a site')}>
          <EmbedSnippet form={form} isSaved={isSaved} />
        </Section>
      </Grid.Item>
    </Grid.Root>
  );
};
