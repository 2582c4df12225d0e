import type { CSSProperties, ReactNode } from 'react';
import { Field, Flex, Radio, SingleSelect, SingleSelectOption, Toggle } from '@strapi/design-system';
import { useField, useForm } from '@strapi/strapi/admin';
import { useT } from '../../hooks/useT';
import { TextField } from '../TextField';
import { useFormError } from './useEditForm';

/**
 * Inputs bound to the edit page's Strapi Form by their path: each reads its value, its error and
 * whether the form is read-only, and writes its value back. `errorPath` names the error when the
 * server's path differs from the value's (a row left out of the body, a field sent nested).
 */
interface Bound {
  name: string;
  label: string;
  hint?: ReactNode;
  required?: boolean;
  disabled?: boolean;
  errorPath?: string;
}

const useBound = <V,>({ name, errorPath, disabled }: Bound) => {
  const field = useField<V>(name);
  const error = useFormError(errorPath ?? name);
  const formDisabled = useForm('useBound', (s) => s.disabled);
  return { value: field.value, set: (v: V) => field.onChange(name, v), error, disabled: disabled || formDisabled };
};

export const FormTextField = (props: Bound & { placeholder?: string; multiline?: boolean; type?: string; style?: CSSProperties }) => {
  const { value, set, error, disabled } = useBound<string>(props);
  const { errorPath: _e, disabled: _d, ...rest } = props;
  return <TextField {...rest} value={value} onChange={set} error={error} disabled={disabled} />;
};

export const FormToggle = (props: Bound & { on?: string; off?: string }) => {
  const t = useT();
  const { value, set, error, disabled } = useBound<boolean>(props);
  return (
    <Field.Root name={props.name} error={error} hint={props.hint}>
      <Field.Label>{props.label}</Field.Label>
      <Toggle
        checked={!!value}
        onChange={(e) => set(e.target.checked)}
        onLabel={props.on ?? t('toggle.on', 'On')}
        offLabel={props.off ?? t('toggle.off', 'Off')}
        disabled={disabled}
      />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};

export type Options = readonly (readonly [value: string, label: string])[];

export const FormRadioGroup = (props: Bound & { options: Options }) => {
  const { value, set, error, disabled } = useBound<string>(props);
  return (
    <Field.Root name={props.name} error={error}>
      <Field.Label>{props.label}</Field.Label>
      <Radio.Group aria-label={props.label} value={value} onValueChange={set} disabled={disabled}>
        <Flex gap={6}>
          {props.options.map(([v, label]) => (
            <Radio.Item key={v} value={v}>
              {label}
            </Radio.Item>
          ))}
        </Flex>
      </Radio.Group>
      <Field.Error />
    </Field.Root>
  );
};

/**
 * A select bound to the form. Option values are strings; `parse` turns one back into the stored
 * value (a number id), `onChange` replaces the plain write (a choice that fills other fields too).
 */
export const FormSelect = <V extends string | number | null = string>(
  props: Bound & {
    options: Options;
    placeholder?: string;
    /** When the visible label is not specific enough (one select per row). */
    ariaLabel?: string;
    parse?: (value: string) => V;
    onChange?: (value: V) => void;
    children?: ReactNode;
  }
) => {
  const { value, set, error, disabled } = useBound<V>(props);
  const choose = (v: string | number) => {
    const next = props.parse ? props.parse(String(v)) : (String(v) as V);
    if (props.onChange) props.onChange(next);
    else set(next);
  };
  return (
    <Field.Root name={props.name} error={error} hint={props.hint} required={props.required} width="100%">
      <Field.Label>{props.label}</Field.Label>
      <SingleSelect
        aria-label={props.ariaLabel}
        value={value === null || value === undefined || value === '' ? null : String(value)}
        placeholder={props.placeholder}
        onChange={choose}
        disabled={disabled}
      >
        {props.options.map(([v, label]) => (
          <SingleSelectOption key={v} value={v}>
            {label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Hint />
      <Field.Error />
      {props.children}
    </Field.Root>
  );
};

/** The error of a whole list (too many rows, a duplicate), shown above or below its rows. */
export const ListError = ({ name }: { name: string }) => {
  const error = useFormError(name);
  return error ? (
    <Field.Root name={name} error={error}>
      <Field.Error />
    </Field.Root>
  ) : null;
};
