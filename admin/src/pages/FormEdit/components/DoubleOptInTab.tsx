import { Checkbox, Flex, Grid, Typography } from '@strapi/design-system';
import { DOI_LANGUAGES, DOI_PLACEHOLDERS, LIMITS } from '../../../../../shared/contracts/constants';
import { useFormDoubleOptInQuery } from '../../../api';
import { ListError, FormTextField } from '../../../components/form/fields';
import { Section } from '../../../components/Section';
import type { AgreementDirectory } from '../../../hooks/useAgreementDirectory';
import { useT } from '../../../hooks/useT';
import { useFormEditor } from '../hooks/useFormEditor';

interface Props {
  directory: AgreementDirectory;
  /** The stored form (its counts); null while it is new. */
  formId: number | null;
}

const LANGUAGE_TITLES = { en: 'E-mail in English', ru: 'E-mail in Russian' } as const;

/**
 * Double opt-in: which of the form's agreements wait for the person to confirm their e-mail address
 * (typically the advertising one), the confirmation e-mail per language (empty: the plugin's text),
 * and how many requests were sent and confirmed.
 */
export const DoubleOptInTab = ({ directory, formId }: Props) => {
  const t = useT();
  const { form, update, disabled } = useFormEditor();
  const chosen = new Set(form.doubleOptIn.agreements);
  const counts = useFormDoubleOptInQuery(formId ?? 0, { skip: !formId }).data;
  const toggle = (id: number, on: boolean) =>
    update('doubleOptIn', { ...form.doubleOptIn, agreements: on ? [...form.doubleOptIn.agreements, id] : form.doubleOptIn.agreements.filter((a) => a !== id) });

  return (
    <Grid.Root gap={4}>
      <Grid.Item col={7} s={12} direction="column" alignItems="stretch" gap={4}>
        <Section
          title={t('forms.doubleOptIn.title', 'Confirmation by e-mail')}
          hint={t(
            'forms.doubleOptIn.hint',
            'A ticked agreement counts only once the person opens the link sent to their e-mail and presses “Confirm”. Until then it is recorded as awaiting confirmation; an unconfirmed request expires. The form must send the person’s e-mail.'
          )}
        >
          {form.agreements.length === 0 ? (
            <Typography textColor="neutral600">{t('forms.doubleOptIn.noAgreements', 'Attach agreements to the form first.')}</Typography>
          ) : (
            <Flex direction="column" alignItems="stretch" gap={2} role="group" aria-label={t('forms.doubleOptIn.agreements', 'Agreements that need a confirmed address')}>
              {form.agreements.map((a) => (
                <Checkbox
                  key={a.agreementId}
                  checked={chosen.has(a.agreementId)}
                  disabled={disabled}
                  onCheckedChange={(v: boolean | 'indeterminate') => toggle(a.agreementId, v === true)}
                  data-testid={`doi-agreement-${a.agreementId}`}
                >
                  {directory.nameOf(a.agreementId)}
                </Checkbox>
              ))}
            </Flex>
          )}
          <ListError name="doubleOptIn.agreements" />
        </Section>
        {DOI_LANGUAGES.map((lang) => (
          <Section
            key={lang}
            title={t(`forms.doubleOptIn.template.${lang}`, LANGUAGE_TITLES[lang])}
            hint={t('forms.doubleOptIn.template.hint', 'Empty: the plugin’s own text. Placeholders: {placeholders}. Without {link} the link is added at the end.', {
              placeholders: DOI_PLACEHOLDERS.join(', '),
              link: '{link}',
            })}
          >
            <FormTextField name={`doubleOptIn.templates.${lang}.subject`} label={t('forms.doubleOptIn.subject', 'Subject')} placeholder={lang === 'ru' ? 'Подтвердите согласие' : 'Please confirm your consent'} />
            <FormTextField name={`doubleOptIn.templates.${lang}.body`} label={t('forms.doubleOptIn.body', 'Text')} multiline />
            <Typography variant="pi" textColor="neutral600">
              {t('forms.doubleOptIn.limits', 'Up to {subject} characters in the subject and {body} in the text.', { subject: LIMITS.doiSubjectLength, body: LIMITS.doiBodyLength })}
            </Typography>
          </Section>
        ))}
      </Grid.Item>
      <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
        <Section title={t('forms.doubleOptIn.counts', 'Requests')}>
          {formId && counts ? (
            <dl data-testid="doi-counts" style={{ margin: 0 }}>
              {(['requested', 'confirmed', 'expired'] as const).map((k) => (
                <Flex key={k} justifyContent="space-between" paddingBottom={2}>
                  <Typography tag="dt">{t(`forms.doubleOptIn.count.${k}`, { requested: 'Confirmation e-mails sent', confirmed: 'Confirmed', expired: 'Expired unconfirmed' }[k])}</Typography>
                  <Typography tag="dd" fontWeight="bold" style={{ margin: 0 }}>
                    {counts[k]}
                  </Typography>
                </Flex>
              ))}
            </dl>
          ) : (
            <Typography textColor="neutral600">{t('forms.doubleOptIn.counts.none', 'Counts appear once the form is saved.')}</Typography>
          )}
        </Section>
      </Grid.Item>
    </Grid.Root>
  );
};
