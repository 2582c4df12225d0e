import { FormRadioGroup, FormTextField } from '../../../components/form/fields';
import { Section } from '../../../components/Section';
import { useT } from '../../../hooks/useT';
import { useAgreementEditor } from '../hooks/useAgreementForm';

/** The full text of a custom agreement: own HTML, or a link to a text published elsewhere. */
export const CustomSection = () => {
  const t = useT();
  const { form } = useAgreementEditor();
  const modes = [['html', t('agreements.custom.mode.html', 'HTML text here')], ['url', t('agreements.custom.mode.url', 'External URL')]] as const;
  const htmlHint = t(
    'agreements.customHtml.hint',
    'HTML is sanitised on save: scripts, styles, event handlers and unknown tags are removed. The preview shows what remains.'
  );
  return (
    <Section title={t('agreements.section.custom', 'Full text')}>
      <FormRadioGroup name="customMode" label={t('agreements.custom.mode', 'Where the full text is')} options={modes} />
      {form.customMode === 'html' ? (
        <FormTextField name="customHtml" label={t('agreements.customHtml', 'Agreement text (HTML)')} hint={htmlHint} multiline style={{ minHeight: '24rem', fontFamily: 'monospace' }} />
      ) : (
        <FormTextField name="externalUrl" label={t('agreements.externalUrl', 'URL of the full text')} hint={t('agreements.externalUrl.hint', 'The bracketed part of the label links here')} placeholder="https://" />
      )}
    </Section>
  );
};
