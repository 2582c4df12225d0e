import { FormRadioGroup, FormTextField, FormToggle } from '../../../components/form/fields';
import { Section } from '../../../components/Section';
import { useT } from '../../../hooks/useT';

/** Name, type, checkbox label and the active flag: what every agreement has. */
export const GeneralSection = () => {
  const t = useT();
  const types = [['standard', t('agreements.type.standard.long', 'Standard (from a template)')], ['custom', t('agreements.type.custom.long', 'Custom (your own text)')]] as const;
  const labelHint = t('agreements.label.hint', 'The text next to the checkbox. The part in [square brackets] becomes the link to the full text.');
  return (
    <Section title={t('agreements.section.general', 'Agreement')}>
      <FormTextField name="name" label={t('agreements.name', 'Name')} hint={t('agreements.name.hint', 'For editors only; people never see it')} required />
      <FormRadioGroup name="type" label={t('agreements.type', 'Type')} options={types} />
      <FormTextField name="label" label={t('agreements.label', 'Checkbox label')} hint={labelHint} required />
      <FormToggle name="active" label={t('agreements.active', 'Active')} hint={t('agreements.active.hint', 'Inactive agreements are not offered in forms')} />
    </Section>
  );
};
