import type { ReactNode } from 'react';
import { Flex, Grid } from '@strapi/design-system';
import type { Country, Requisites } from '../../../shared/contracts/agreements';
import { useT } from '../hooks/useT';
import { COUNTRIES, NUMBER_FIELDS, NUMBER_HINTS, REQUISITE_LABELS } from '../utils/requisites';
import { FormSelect, FormTextField } from './form/fields';
import { useEditForm } from './form/useEditForm';

interface Props {
  /** Where the requisites sit in the form's values and the server's errors: "" or "requisites.". */
  prefix?: string;
}

const item = (col: number, child: ReactNode, key?: string) => (
  <Grid.Item key={key} col={col} s={12} direction="column" alignItems="stretch">
    {child}
  </Grid.Item>
);

/** The requisites of a legal entity, inside an edit page's form; only the chosen country's numbers show. */
export const RequisitesFields = ({ prefix = '' }: Props) => {
  const t = useT();
  const { form } = useEditForm<Record<string, unknown>>();
  const country = ((prefix ? (form[prefix.slice(0, -1)] as { country?: Country } | null)?.country : form.country) ?? 'RU') as Country;
  const label = (key: keyof Requisites) => t(`requisites.${key}`, REQUISITE_LABELS[key]);
  const text = (key: keyof Requisites, extra: { required?: boolean; hint?: string } = {}) => (
    <FormTextField name={`${prefix}${key}`} label={label(key)} {...extra} />
  );

  // One grid per row group, so that a country with fewer numbers does not pull the addresses up.
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Grid.Root gap={4}>
        {item(8, text('name', { required: true }))}
        {item(4, text('legalForm', { hint: t('requisites.legalForm.hint', 'e.g. LLC, JSC, sole proprietor') }))}
      </Grid.Root>
      <Grid.Root gap={4}>
        {item(3, <FormSelect name={`${prefix}country`} label={label('country')} required options={COUNTRIES.map((c) => [c, t(`country.${c}`, c)] as const)} />)}
        {NUMBER_FIELDS[country]?.map((key) => item(3, text(key, { hint: t(`requisites.${key}.hint`, NUMBER_HINTS[key]) }), key))}
      </Grid.Root>
      <Grid.Root gap={4}>
        {item(6, text('legalAddress'))}
        {item(6, text('postalAddress'))}
      </Grid.Root>
      <Grid.Root gap={4}>
        {item(4, text('email'))}
        {item(4, text('phone'))}
        {item(4, text('website', { hint: t('requisites.website.hint', 'A full address starting with https://') }))}
      </Grid.Root>
    </Flex>
  );
};
