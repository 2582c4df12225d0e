import { FormRadioGroup, FormTextField } from '../../../components/form/fields';
import { Section } from '../../../components/Section';
import { useT } from '../../../hooks/useT';
import { useAgreementEditor } from '../hooks/useAgreementForm';

/** How long the consent lasts and where a person withdraws it. The server names the term `validity.term`. */
export const TermsSection = () => {
  const t = useT();
  const { form } = useAgreementEditor();
  const kinds = [['until-withdrawn', t('agreements.validity.untilWithdrawn', 'Until withdrawn')], ['term', t('agreements.validity.term', 'For a term')]] as const;
  const termHint = t('agreements.validity.termText.hint', 'As it should read in the text, e.g. "5 years" or "until 31 December 2030"');
  const contactHint = t('agreements.withdrawalContact.hint', 'Where a person sends a withdrawal: an e-mail or postal address');
  return (
    <Section title={t('agreements.section.terms', 'Term and withdrawal')}>
      <FormRadioGroup name="validityKind" errorPath="validity" label={t('agreements.validity', 'Valid')} options={kinds} />
      {form.validityKind === 'term' && (
        <>
          <FormTextField name="validityTerm" errorPath="validity.term" label={t('agreements.validity.termText', 'Term')} hint={termHint} required />
          <FormTextField
            name="validityMonths"
            errorPath="validity.months"
            type="number"
            label={t('agreements.validity.months', 'Term in months')}
            hint={t('agreements.validity.months.hint', 'The same term for the plugin: consents expire this many months after they are given. Empty: they last until withdrawn.')}
          />
        </>
      )}
      <FormTextField name="withdrawalContact" label={t('agreements.withdrawalContact', 'Withdrawal contact')} hint={contactHint} />
    </Section>
  );
};
