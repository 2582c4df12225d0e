import type { ReactNode } from 'react';
import { Field, Flex, Grid, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import type { Country, Requisites } from '../../../shared/contracts/agreements';
import { useT } from '../hooks/useT';
import { COUNTRIES, NUMBER_FIELDS, type NumberField } from '../utils/requisites';
import { TextField } from './TextField';

interface Props {
  value: Requisites;
  onChange: (next: Requisites) => void;
  /** Server field errors keyed by path ("inn", or "requisites.inn" with errorPrefix "requisites."). */
  errors?: Record<string, string>;
  errorPrefix?: string;
  disabled?: boolean;
}

const NUMBER_LABELS: Record<NumberField, [string, string, string]> = {
  inn: ['requisites.inn', 'INN', 'requisites.inn.hint'],
  ogrn: ['requisites.ogrn', 'OGRN/OGRNIP', 'requisites.ogrn.hint'],
  kpp: ['requisites.kpp', 'KPP', 'requisites.kpp.hint'],
  unp: ['requisites.unp', 'UNP', 'requisites.unp.hint'],
  bin: ['requisites.bin', 'BIN/IIN', 'requisites.bin.hint'],
};

const NUMBER_HINTS: Record<NumberField, string> = {
  inn: '10 digits for an organisation, 12 for an individual',
  ogrn: '13 digits (OGRN) or 15 digits (OGRNIP)',
  kpp: '9 characters',
  unp: '9 characters',
  bin: '12 digits',
};

/** The requisites of a legal entity; only the registration numbers of the chosen country show. */
export const RequisitesFields = ({ value, onChange, errors = {}, errorPrefix = '', disabled }: Props) => {
  const t = useT();
  const set = (key: keyof Requisites) => (v: string) => onChange({ ...value, [key]: v });
  const err = (key: string) => errors[`${errorPrefix}${key}`];
  const text = (key: keyof Requisites, id: string, label: string, extra: { required?: boolean; hint?: string; type?: string } = {}) => (
    <TextField
      name={`${errorPrefix}${key}`}
      label={t(id, label)}
      value={value[key] as string}
      onChange={set(key)}
      error={err(key)}
      disabled={disabled}
      {...extra}
    />
  );

  const item = (col: number, child: ReactNode, key?: string) => (
    <Grid.Item key={key} col={col} s={12} direction="column" alignItems="stretch">
      {child}
    </Grid.Item>
  );

  // One grid per row group, so that a country with fewer numbers does not pull the addresses up.
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Grid.Root gap={4}>
        {item(8, text('name', 'requisites.name', 'Legal name', { required: true }))}
        {item(4, text('legalForm', 'requisites.legalForm', 'Legal form', { hint: t('requisites.legalForm.hint', 'e.g. LLC, JSC, sole proprietor') }))}
      </Grid.Root>
      <Grid.Root gap={4}>
        {item(
          3,
          <Field.Root name={`${errorPrefix}country`} error={err('country')} required width="100%">
            <Field.Label>{t('requisites.country', 'Country')}</Field.Label>
            <SingleSelect
              value={value.country}
              onChange={(v) => onChange({ ...value, country: v as Country })}
              disabled={disabled}
            >
              {COUNTRIES.map((c) => (
                <SingleSelectOption key={c} value={c}>
                  {t(`country.${c}`, c)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
            <Field.Error />
          </Field.Root>
        )}
        {NUMBER_FIELDS[value.country]?.map((key) =>
          item(
            3,
            text(key, NUMBER_LABELS[key][0], NUMBER_LABELS[key][1], { hint: t(NUMBER_LABELS[key][2], NUMBER_HINTS[key]) }),
            key
          )
        )}
      </Grid.Root>
      <Grid.Root gap={4}>
        {item(6, text('legalAddress', 'requisites.legalAddress', 'Legal address'))}
        {item(6, text('postalAddress', 'requisites.postalAddress', 'Postal address'))}
      </Grid.Root>
      <Grid.Root gap={4}>
        {item(4, text('email', 'requisites.email', 'E-mail for data-subject requests'))}
        {item(4, text('phone', 'requisites.phone', 'Phone'))}
        {item(4, text('website', 'requisites.website', 'Website', { hint: t('requisites.website.hint', 'A full address starting with https://') }))}
      </Grid.Root>
    </Flex>
  );
};
