import { Field, Flex, Radio, Toggle } from '@strapi/design-system';
import { Section } from '../../../components/Section';
import { TextField } from '../../../components/TextField';
import { useT } from '../../../hooks/useT';
import type { SectionProps } from '../hooks/useAgreementForm';

/** Name, type, checkbox label and the active flag: what every agreement has. */
export const GeneralSection = ({ form, update, errors, disabled }: SectionProps) => {
  const t = useT();
  return (
    <Section title={t('agreements.section.general', 'Agreement')}>
      <TextField
        name="name"
        label={t('agreements.name', 'Name')}
        hint={t('agreements.name.hint', 'For editors only; people never see it')}
        value={form.name}
        onChange={(v) => update('name', v)}
        error={errors.name}
        required
        disabled={disabled}
      />
      <Field.Root name="type" error={errors.type}>
        <Field.Label>{t('agreements.type', 'Type')}</Field.Label>
        <Radio.Group
          aria-label={t('agreements.type', 'Type')}
          value={form.type}
          onValueChange={(v) => update('type', v as SectionProps['form']['type'])}
          disabled={disabled}
        >
          <Flex gap={6}>
            <Radio.Item value="standard">{t('agreements.type.standard.long', 'Standard (from a template)')}</Radio.Item>
            <Radio.Item value="custom">{t('agreements.type.custom.long', 'Custom (your own text)')}</Radio.Item>
          </Flex>
        </Radio.Group>
        <Field.Error />
      </Field.Root>
      <TextField
        name="label"
        label={t('agreements.label', 'Checkbox label')}
        hint={t(
          'agreements.label.hint',
          'The text next to the checkbox. The part in [square brackets] becomes the link to the full text.'
        )}
        value={form.label}
        onChange={(v) => update('label', v)}
        error={errors.label}
        required
        disabled={disabled}
      />
      <Field.Root name="active" error={errors.active} hint={t('agreements.active.hint', 'Inactive agreements are not offered in forms')}>
        <Field.Label>{t('agreements.active', 'Active')}</Field.Label>
        <Toggle
          checked={form.active}
          onChange={(e) => update('active', e.target.checked)}
          onLabel={t('toggle.on', 'On')}
          offLabel={t('toggle.off', 'Off')}
          disabled={disabled}
        />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
    </Section>
  );
};
