import type { ReactNode } from 'react';
import { Box, Flex, Grid, Typography } from '@strapi/design-system';
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
      {/* GDPR: optional, named by the eu-gdpr text when filled (art. 13(1)(b) and 27). */}
      <Group title={t('requisites.dpo', 'Data protection officer')} hint={t('requisites.dpo.hint', 'GDPR art. 37: named in the EU (GDPR) text when filled')} />
      <Grid.Root gap={4}>
        {item(6, text('dpoName'))}
        {item(6, text('dpoAddress'))}
        {item(6, text('dpoEmail'))}
        {item(6, text('dpoPhone'))}
      </Grid.Root>
      <Group
        title={t('requisites.euRep', 'Representative in the EU')}
        hint={t('requisites.euRep.hint', 'GDPR art. 27, for a controller outside the EU: named in the EU (GDPR) text when filled')}
      />
      <Grid.Root gap={4}>
        {item(6, text('euRepName'))}
        {item(6, text('euRepAddress'))}
        {item(6, text('euRepEmail'))}
      </Grid.Root>
    </Flex>
  );
};

/** A group's heading inside the requisites, with a line saying what it is for. */
const Group = ({ title, hint }: { title: string; hint: string }) => (
  <Box paddingTop={2}>
    <Typography variant="delta" tag="h3">
      {title}
    </Typography>
    <Box paddingTop={1}>
      <Typography variant="pi" textColor="neutral600">
        {hint}
      </Typography>
    </Box>
  </Box>
);
