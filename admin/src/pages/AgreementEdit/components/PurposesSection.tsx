import { Checkbox, Flex, Grid, Typography } from '@strapi/design-system';
import type { Purpose, PurposePreset } from '../../../../../shared/contracts/agreements';
import { Section } from '../../../components/Section';
import { FormStringList } from '../../../components/form/FormStringList';
import { StringListField } from '../../../components/StringListField';
import { useT, useUiLanguage } from '../../../hooks/useT';
import { sentIndexes, useAgreementEditor } from '../hooks/useAgreementForm';

interface Props {
  presets: PurposePreset[];
  /** Language of the template's text: preset titles are stored in it. */
  textLanguage: 'en' | 'ru';
}

/** Purposes of processing (presets plus free entries) and the categories of data processed. */
export const PurposesSection = ({ presets, textLanguage }: Props) => {
  const t = useT();
  const { form, update, errors, disabled } = useAgreementEditor();
  const ui = useUiLanguage();
  const checked = new Set(form.purposes.map((p) => p.code).filter(Boolean));
  const free = form.purposes.filter((p) => !p.code);
  const presetPurposes = form.purposes.filter((p) => p.code);

  const toggle = (preset: PurposePreset, on: boolean) => {
    const next: Purpose[] = on
      ? [...presetPurposes, { code: preset.code, title: preset.title[textLanguage] }, ...free]
      : [...presetPurposes.filter((p) => p.code !== preset.code), ...free];
    update('purposes', next);
  };
  const setFree = (titles: string[]) => update('purposes', [...presetPurposes, ...titles.map((title) => ({ title }))]);

  // Error paths name the index in the body sent, where blank rows are left out.
  const purposeIndex = sentIndexes(form.purposes.map((p) => !p.code && !p.title.trim()));
  const freeErrors = form.purposes
    .map((p, i) => (p.code ? null : (errors[`purposes.${purposeIndex[i]}.title`] ?? errors[`purposes.${purposeIndex[i]}`])))
    .filter((e) => e !== null) as (string | undefined)[];

  const categoriesHint = t('agreements.dataCategories.hint', 'Leave empty to state "the data entered in the form in which the consent is given".');

  return (
    <Section
      title={t('agreements.section.purposes', 'Purposes and data')}
      hint={t('agreements.purposes.hint', 'State each purpose separately; a consent covers only the purposes it names.')}
    >
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="pi" fontWeight="bold" textColor="neutral800">
          {t('agreements.purposes.presets', 'Purposes of processing')}
        </Typography>
        <Grid.Root gap={2}>
          {presets.map((preset) => (
            <Grid.Item key={preset.code} col={6} s={12}>
              <Checkbox checked={checked.has(preset.code)} onCheckedChange={(v) => toggle(preset, v === true)} disabled={disabled}>
                {preset.title[ui]}
              </Checkbox>
            </Grid.Item>
          ))}
        </Grid.Root>
        {errors.purposes && (
          <Typography variant="pi" textColor="danger600">
            {errors.purposes}
          </Typography>
        )}
      </Flex>
      <StringListField
        name="purposes.free"
        label={t('agreements.purposes.free', 'Other purposes')}
        addLabel={t('agreements.purposes.add', 'Add a purpose')}
        values={free.map((p) => p.title)}
        onChange={setFree}
        errors={freeErrors}
        disabled={disabled}
      />
      <FormStringList name="dataCategories" label={t('agreements.dataCategories', 'Personal data processed')} hint={categoriesHint} addLabel={t('agreements.dataCategories.add', 'Add a category')} />
    </Section>
  );
};
