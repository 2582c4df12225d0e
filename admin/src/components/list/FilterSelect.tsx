import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useT } from '../../hooks/useT';
import type { Options } from '../form/fields';

interface Props {
  label: string;
  /** What the empty select says ("All types"). */
  placeholder: string;
  options: Options;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  disabled?: boolean;
  /** With a visible label above (a filter panel); only an accessible name otherwise (a toolbar). */
  labelled?: boolean;
  /** How to name a value the options do not hold; the value itself otherwise. */
  unknown?: (value: string) => string;
}

/**
 * One filter of a list: choosing sets it, the cross clears it. A value the options do not name
 * (a link to an agreement the role may not list) stays selectable under its raw value.
 */
export const FilterSelect = ({ label, placeholder, options, value, onChange, disabled, labelled, unknown = (v) => v }: Props) => {
  const t = useT();
  const all = value && !options.some(([v]) => v === value) ? [...options, [value, unknown(value)] as const] : options;
  const select = (
    <SingleSelect
      size="S"
      aria-label={labelled ? undefined : label}
      placeholder={placeholder}
      value={value ?? ''}
      disabled={disabled}
      onChange={(v) => onChange(String(v) || undefined)}
      onClear={value ? () => onChange(undefined) : undefined}
      clearLabel={t('filters.clear', 'Clear')}
    >
      {all.map(([v, text]) => (
        <SingleSelectOption key={v} value={v}>
          {text}
        </SingleSelectOption>
      ))}
    </SingleSelect>
  );
  if (!labelled) return select;
  return (
    <Field.Root name={label} width="100%">
      <Field.Label>{label}</Field.Label>
      {select}
    </Field.Root>
  );
};
