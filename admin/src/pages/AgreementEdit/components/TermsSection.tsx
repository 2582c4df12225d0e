import { Field, Flex, Radio } from '@strapi/design-system';
import { Section } from '../../../components/Section';
import { TextField } from '../../../components/TextField';
import { useT } from '../../../hooks/useT';
import type { SectionProps } from '../hooks/useAgreementForm';

/** How long the consent lasts and where a person withdraws it. */
export const TermsSection = ({ form, update, errors, disabled }: SectionProps) => {
  const t = useT();
  return (
    <Section title={t('agreements.section.terms', 'Term and withdrawal')}>
      <Field.Root name="validity" error={errors.validity ?? errors['validity.kind']}>
        <Field.Label>{t('agreements.validity', 'Valid')}</Field.Label>
        <Radio.Group
          aria-label={t('agreements.validity', 'Valid')}
          value={form.validityKind}
          onValueChange={(v) => update('validityKind', v as 'until-withdrawn' | 'term')}
          disabled={disabled}
        >
          <Flex gap={6}>
            <Radio.Item value="until-withdrawn">{t('agreements.validity.untilWithdrawn', 'Until withdrawn')}</Radio.Item>
            <Radio.Item value="term">{t('agreements.validity.term', 'For a term')}</Radio.Item>
          </Flex>
        </Radio.Group>
        <Field.Error />
      </Field.Root>
      {form.validityKind === 'term' && (
        <TextField
          name="validity.term"
          label={t('agreements.validity.termText', 'Term')}
          hint={t('agreements.validity.termText.hint', 'As it should read in the text, e.g. "5 years" or "until 31 December 2030"')}
          value={form.validityTerm}
          onChange={(v) => update('validityTerm', v)}
          error={errors['validity.term']}
          required
          disabled={disabled}
        />
      )}
      <TextField
        name="withdrawalContact"
        label={t('agreements.withdrawalContact', 'Withdrawal contact')}
        hint={t('agreements.withdrawalContact.hint', 'Where a person sends a withdrawal: an e-mail or postal address')}
        value={form.withdrawalContact}
        onChange={(v) => update('withdrawalContact', v)}
        error={errors.withdrawalContact}
        disabled={disabled}
      />
    </Section>
  );
};
